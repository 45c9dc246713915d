// Automatic backups outside IndexedDB: Carnet backups of each expedition written to the
// app's data folder (atomically, by the export job), keeping the last 20 and, beyond
// those, the newest of each day for 30 days.
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

export const KEEP_LATEST = 20;
export const KEEP_DAILY_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const NAME = /^(?<expedition>[A-Za-z0-9_-]{1,100})--(?<stamp>\d{8}T\d{6}(?:\d{3})?Z)\.carnet$/;

export interface SnapshotInfo {
  path: string;
  expeditionId: string;
  createdAt: number;
  size: number;
}

function stampOf(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('.', '');
}

function parseStamp(stamp: string): number {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})?Z$/.exec(stamp);
  if (!match) return NaN;
  const [, y, mo, d, h, mi, s, ms] = match;
  return Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(ms ?? 0));
}

/** Which snapshots the rotation keeps: the newest KEEP_LATEST, plus the newest of each
 *  day of the last KEEP_DAILY_DAYS days (per expedition). */
export function snapshotsToKeep(snapshots: readonly SnapshotInfo[], now: number): Set<string> {
  const keep = new Set<string>();
  const byExpedition = new Map<string, SnapshotInfo[]>();
  for (const snapshot of snapshots) byExpedition.set(snapshot.expeditionId, [...(byExpedition.get(snapshot.expeditionId) ?? []), snapshot]);
  for (const list of byExpedition.values()) {
    const newestFirst = [...list].sort((a, b) => b.createdAt - a.createdAt);
    newestFirst.slice(0, KEEP_LATEST).forEach((snapshot) => keep.add(snapshot.path));
    const days = new Set<string>();
    for (const snapshot of newestFirst) {
      if (now - snapshot.createdAt > KEEP_DAILY_DAYS * DAY_MS) break;
      const day = new Date(snapshot.createdAt).toISOString().slice(0, 10);
      if (!days.has(day)) {
        days.add(day);
        keep.add(snapshot.path);
      }
    }
  }
  return keep;
}

export class SnapshotStore {
  readonly dir: string;

  constructor(dataDir: string) {
    this.dir = resolve(dataDir, 'snapshots');
  }

  /** Where the next snapshot of an expedition goes. */
  async pathFor(expeditionId: string, now = new Date()): Promise<string | null> {
    if (!/^[A-Za-z0-9_-]{1,100}$/.test(expeditionId)) return null;
    await mkdir(this.dir, { recursive: true });
    return join(this.dir, `${expeditionId}--${stampOf(now)}.carnet`);
  }

  async list(): Promise<SnapshotInfo[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const found: SnapshotInfo[] = [];
    for (const name of names) {
      const match = NAME.exec(name);
      if (!match?.groups) continue;
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) continue;
      found.push({ path, expeditionId: match.groups['expedition'] ?? '', createdAt: parseStamp(match.groups['stamp'] ?? ''), size: info.size });
    }
    return found.sort((a, b) => b.createdAt - a.createdAt);
  }

  /** Whether a path is one of the snapshots (the renderer may only restore those). */
  async has(path: string): Promise<boolean> {
    const absolute = resolve(path);
    if (!absolute.startsWith(this.dir + sep)) return false;
    return (await this.list()).some((snapshot) => snapshot.path === absolute);
  }

  /** Deletes what the rotation does not keep. */
  async rotate(now = Date.now()): Promise<void> {
    const all = await this.list();
    const keep = snapshotsToKeep(all, now);
    await Promise.all(all.filter((snapshot) => !keep.has(snapshot.path)).map((snapshot) => rm(snapshot.path, { force: true })));
  }
}
