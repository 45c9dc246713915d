// The notebook's IndexedDB database. Queries live in the repositories beside this file;
// components read through them with useLiveQuery.
import Dexie, { type EntityTable } from 'dexie';
import yDexie from 'y-dexie';
import type * as Y from 'yjs';
import type {
  Attachment,
  Expedition,
  GroupSynthesis,
  Id,
  Lesson,
  NoteStateRecord,
  NoteSummary,
  OthersSynthesis,
  SettingRecord,
  Visit,
} from '../../shared/model';
import { SCHEMA_VERSIONS } from './schema';

export const DEFAULT_DB_NAME = 'carnet';

/** An expedition's search index as its worker last saved it: derived data, safe to delete
 *  (the next start rebuilds it from the notes). */
export interface SearchIndexRecord {
  expeditionId: Id;
  /** NoteIndex's snapshot format: a record of another format is ignored. */
  format: number;
  /** Notes updated at or after this instant (epoch ms) are indexed again on loading. */
  takenAt: number;
  count: number;
  /** The index and the notes' filter fields (NoteIndex's IndexSnapshot, opaque here). */
  data: unknown;
}

/** One Yjs document of a shared expedition, by its name on the sync server. */
export interface SyncDocRecord {
  name: string;
  /** Persisted by y-dexie: load it with DexieYProvider before reading it. */
  readonly doc: Y.Doc;
}

export class AppDB extends Dexie {
  expeditions!: EntityTable<Expedition, 'id'>;
  visits!: EntityTable<Visit, 'id'>;
  notes!: EntityTable<NoteSummary, 'id'>;
  noteStates!: EntityTable<NoteStateRecord, 'id'>;
  lessons!: EntityTable<Lesson, 'id'>;
  attachments!: EntityTable<Attachment, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  searchIndexes!: EntityTable<SearchIndexRecord, 'expeditionId'>;
  syncDocs!: EntityTable<SyncDocRecord, 'name'>;
  syntheses!: EntityTable<OthersSynthesis, 'id'>;
  groupSyntheses!: EntityTable<GroupSynthesis, 'lessonId'>;

  /** `upToVersion` declares only the schema versions up to it: a database made by an
   *  older Carnet is then read as it is, without upgrading it. */
  constructor(name = DEFAULT_DB_NAME, upToVersion = Infinity) {
    super(name, { addons: [yDexie] });
    for (const { version, stores, upgrade } of SCHEMA_VERSIONS.filter((v) => v.version <= upToVersion)) {
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

/** The database was written by a newer Carnet: opening it here could damage it. */
export class DatabaseFromNewerVersionError extends Error {
  override name = 'DatabaseFromNewerVersionError';
}

/** Dexie stores schema version N as IndexedDB version N × 10. */
const DEXIE_VERSION_FACTOR = 10;

/** The IndexedDB version of a database as it is on disk, without upgrading it (0: none
 *  yet — opening it to look creates an empty one, which counts as none). */
function installedVersion(name: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name);
    request.onsuccess = () => {
      const { version, objectStoreNames } = request.result;
      request.result.close();
      resolve(objectStoreNames.length === 0 ? 0 : version);
    };
    request.onerror = () => reject(request.error);
  });
}

/** Opens the app's database, refusing one made by a newer schema than this build knows
 *  (Dexie would otherwise open and adapt it). Before upgrading one made by an older
 *  schema, `beforeUpgrade` is given that schema version (to back the data up). */
export async function openAppDatabase(database: AppDB = db(), beforeUpgrade?: (installedSchema: number) => Promise<void>): Promise<AppDB> {
  const latest = SCHEMA_VERSIONS.at(-1)?.version ?? 1;
  const installed = await installedVersion(database.name);
  if (installed > latest * DEXIE_VERSION_FACTOR) {
    throw new DatabaseFromNewerVersionError(
      `The notebook was saved by a newer version of Carnet (schema ${installed / DEXIE_VERSION_FACTOR}, this one knows ${latest}).`,
    );
  }
  if (installed > 0 && installed < latest * DEXIE_VERSION_FACTOR) {
    await beforeUpgrade?.(Math.floor(installed / DEXIE_VERSION_FACTOR));
  }
  await database.open();
  return database;
}
