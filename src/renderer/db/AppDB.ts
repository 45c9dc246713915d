// The notebook's IndexedDB database. Queries live in the repositories beside this file;
// components read through them with useLiveQuery.
import Dexie, { type EntityTable } from 'dexie';
import type { Attachment, Expedition, Lesson, Note, SettingRecord, Visit } from '../../shared/model';
import { SCHEMA_VERSIONS } from './schema';

export const DEFAULT_DB_NAME = 'carnet';

export class AppDB extends Dexie {
  expeditions!: EntityTable<Expedition, 'id'>;
  visits!: EntityTable<Visit, 'id'>;
  notes!: EntityTable<Note, 'id'>;
  lessons!: EntityTable<Lesson, 'id'>;
  attachments!: EntityTable<Attachment, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = DEFAULT_DB_NAME) {
    super(name);
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS) {
      const declared = this.version(version).stores(stores);
      if (upgrade) declared.upgrade(upgrade);
    }
  }
}

let current: AppDB | null = null;

/** The app's database, opened on first use. Tests may replace it with `useDatabase`. */
export function db(): AppDB {
  current ??= new AppDB();
  return current;
}

export function useDatabase(database: AppDB): void {
  current = database;
}
