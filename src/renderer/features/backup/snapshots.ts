// Automatic snapshots: every 10 minutes while something changed, and when the app quits,
// the expedition is written as a Carnet backup to the app's data folder by main.
import Dexie, { type ObservabilitySet } from 'dexie';
import { useEffect } from 'react';
import type { AppDB } from '../../db/AppDB';
import { carnet } from '../../platform';
import { completeJob, gatherRecords, type ExportOutcome } from '../journal/exportJournal';

export const SNAPSHOT_EVERY_MS = 10 * 60 * 1000;

/** Tables whose changes call for a new snapshot (settings change with every click). */
const WATCHED = ['expeditions', 'visits', 'lessons', 'notes', 'attachments'];

export async function takeSnapshot(database: AppDB, expeditionId: string): Promise<ExportOutcome> {
  const records = await gatherRecords(database, expeditionId);
  const begun = await carnet().snapshotBegin({ records });
  if (!begun.ok) return { kind: 'failed', error: begun.error };
  return completeJob(database, begun.value, () => undefined);
}

/** Takes a snapshot every 10 minutes when the notebook changed, and one more when main
 *  says the app is quitting (then tells main it may go). */
export function useAutoSnapshots(database: AppDB, expeditionId: string): void {
  useEffect(() => {
    let dirty = false;
    let running: Promise<unknown> = Promise.resolve();
    const onMutation = (parts: ObservabilitySet) => {
      if (Object.keys(parts).some((key) => WATCHED.some((table) => key.includes(`/${table}/`)))) dirty = true;
    };
    const snapshot = () => {
      dirty = false;
      running = running.then(() => takeSnapshot(database, expeditionId)).catch((error) => console.error('[carnet] snapshot failed', error));
      return running;
    };
    Dexie.on('storagemutated', onMutation);
    const timer = setInterval(() => {
      if (dirty) void snapshot();
    }, SNAPSHOT_EVERY_MS);
    const unsubscribe = carnet().onMenuCommand((command) => {
      if (command === 'snapshotBeforeQuit') void snapshot().finally(() => carnet().quitReady());
    });
    return () => {
      Dexie.on.storagemutated.unsubscribe(onMutation);
      clearInterval(timer);
      unsubscribe();
    };
  }, [database, expeditionId]);
}
