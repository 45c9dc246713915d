// A database made by an earlier schema is backed up, as it is, before it is upgraded.
import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB, openAppDatabase } from '../../src/renderer/db/AppDB';
import { SCHEMA_VERSIONS } from '../../src/renderer/db/schema';
import { snapshotBeforeUpgrade } from '../../src/renderer/features/backup/upgradeSnapshot';
import type { Api } from '../../src/shared/ipc';

afterEach(() => {
  delete (window as { carnet?: Api }).carnet;
});

describe('before a schema upgrade', () => {
  it('snapshots every expedition as the old schema stored it, then upgrades', async () => {
    const latest = SCHEMA_VERSIONS.at(-1)!.version;
    expect(latest).toBeGreaterThan(1);
    const name = `carnet-upgrade-${Date.now()}`;
    const old = new AppDB(name, 1);
    await old.expeditions.add({
      id: 'exp',
      title: 'Ancienne',
      place: '',
      startDate: null,
      endDate: null,
      timeZone: 'Europe/Paris',
      participant: 'A',
      createdAt: 1,
      updatedAt: 1,
    });
    await old.table('notes').add({
      id: 'n1',
      expeditionId: 'exp',
      visitId: 'v',
      kind: 'observation',
      title: '',
      speaker: '',
      state: '{"v":1}',
      text: 'écrite avec la version 1',
      tags: [],
      lessonIds: [],
      passageLessonIds: [],
      pinned: false,
      author: 'A',
      createdAt: 1,
      updatedAt: 1,
      deletedAt: null,
    });
    old.close();

    const calls: string[] = [];
    let snapshotted: unknown = null;
    (window as { carnet?: Partial<Api> }).carnet = {
      snapshotBegin: async ({ records }) => {
        calls.push('begin');
        snapshotted = records;
        return { ok: true, value: { jobId: crypto.randomUUID(), path: '/snapshots/exp.carnet', wanted: [] } };
      },
      exportFinish: async () => {
        calls.push('finish');
        return { ok: true, value: { path: '/snapshots/exp.carnet' } };
      },
    } as Partial<Api>;

    const database = await openAppDatabase(new AppDB(name), (schema) => snapshotBeforeUpgrade(schema, name));
    expect(calls).toEqual(['begin', 'finish']);
    expect(snapshotted).toMatchObject({ expedition: { id: 'exp' }, notes: [{ text: 'écrite avec la version 1', state: '{"v":1}' }] });
    expect(database.verno).toBe(latest);
    expect((await database.notes.get('n1'))?.text).toBe('écrite avec la version 1');
    database.close();
    await Dexie.delete(name);
  });

  it('takes no snapshot when the database is new or already current', async () => {
    const name = `carnet-fresh-${Date.now()}`;
    let asked = 0;
    const database = await openAppDatabase(new AppDB(name), async () => {
      asked++;
    });
    database.close();
    await openAppDatabase(new AppDB(name), async () => {
      asked++;
    }).then((again) => again.close());
    expect(asked).toBe(0);
    await Dexie.delete(name);
  });
});
