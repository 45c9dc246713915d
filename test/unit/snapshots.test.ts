import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEEP_LATEST, SnapshotStore, snapshotsToKeep, type SnapshotInfo } from '../../src/main/backup/snapshots';

const DAY = 24 * 3600_000;
const now = Date.parse('2026-11-27T12:00:00Z');

describe('snapshot rotation', () => {
  it('keeps the last 20, and the newest of each day for 30 days', () => {
    const snapshots: SnapshotInfo[] = [];
    // Every 10 minutes over the last 2 hours, then one every 6 hours for 40 days.
    for (let i = 0; i < 12; i++) snapshots.push({ path: `recent-${i}`, expeditionId: 'e', createdAt: now - i * 600_000, size: 1 });
    for (let i = 1; i < 160; i++) snapshots.push({ path: `old-${i}`, expeditionId: 'e', createdAt: now - i * 6 * 3600_000, size: 1 });
    const keep = snapshotsToKeep(snapshots, now);
    const newest = [...snapshots].sort((a, b) => b.createdAt - a.createdAt);
    for (const snapshot of newest.slice(0, KEEP_LATEST)) expect(keep.has(snapshot.path)).toBe(true);
    const keptDays = new Set(newest.filter((s) => keep.has(s.path)).map((s) => new Date(s.createdAt).toISOString().slice(0, 10)));
    expect(keptDays.size).toBeGreaterThanOrEqual(30);
    expect(newest.some((s) => now - s.createdAt > 31 * DAY && keep.has(s.path))).toBe(false);
    // Another expedition's snapshots are counted on their own.
    const other = snapshotsToKeep([...snapshots, { path: 'other', expeditionId: 'f', createdAt: now - 60 * DAY, size: 1 }], now);
    expect(other.has('other')).toBe(true);
  });

  it('names, lists, recognises and rotates files on disk', async () => {
    const store = new SnapshotStore(mkdtempSync(join(tmpdir(), 'carnet-snapshots-')));
    const paths: string[] = [];
    for (let i = 0; i < 25; i++) {
      const path = (await store.pathFor('exp-1', new Date(now - i * 60_000)))!;
      writeFileSync(path, 'x');
      paths.push(path);
    }
    writeFileSync(join(store.dir, 'notes.txt'), 'not a snapshot');
    expect(await store.pathFor('../evil')).toBeNull();
    expect((await store.list()).map((s) => s.path)).toEqual(paths);
    expect(await store.has(paths[3]!)).toBe(true);
    expect(await store.has(join(store.dir, 'notes.txt'))).toBe(false);
    expect(await store.has('/etc/passwd')).toBe(false);
    await store.rotate(now);
    expect(readdirSync(store.dir).filter((name) => name.endsWith('.carnet'))).toHaveLength(KEEP_LATEST);
    expect(readdirSync(store.dir)).toContain('notes.txt');
  });
});
