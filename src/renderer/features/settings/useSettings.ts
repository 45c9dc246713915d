import { useLiveQuery } from 'dexie-react-hooks';
import { db } from '../../db/AppDB';
import { readSettings, type Settings } from '../../db/settings';

/** The validated settings, live; undefined while loading. */
export function useSettings(): Settings | undefined {
  return useLiveQuery(async () => (await readSettings(db())).settings);
}
