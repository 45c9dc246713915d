// The sync server a shared expedition talks to, as the pages' policy names it: kept in
// the app's data folder, so that the first page of the next start is already allowed to
// reach it (and nothing else).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../atomicFiles';
import { parseSyncOrigin } from '../../shared/sync/invitation';

const FILE = 'sync-server.json';

export class SyncOrigin {
  current: string | null;

  constructor(private readonly file: string) {
    this.current = SyncOrigin.read(file);
  }

  private static read(file: string): string | null {
    try {
      const { origin } = JSON.parse(readFileSync(file, 'utf8')) as { origin?: unknown };
      return typeof origin === 'string' ? parseSyncOrigin(origin) : null;
    } catch {
      return null; // none yet, or unreadable: no server allowed
    }
  }

  /** Keeps `origin` (already checked); whether it changed. */
  async set(origin: string | null): Promise<boolean> {
    if (origin === this.current) return false;
    await writeFileAtomic(this.file, JSON.stringify({ origin }));
    this.current = origin;
    return true;
  }
}

const byDataDir = new Map<string, SyncOrigin>();

/** The one store of a data folder (the protocol handler and the IPC handlers share it). */
export function syncOriginOf(dataDir: string): SyncOrigin {
  let store = byDataDir.get(dataDir);
  if (!store) {
    store = new SyncOrigin(join(dataDir, FILE));
    byDataDir.set(dataDir, store);
  }
  return store;
}
