// Restoring and merging a backup: restore gives back exactly what was saved; merge adds
// what is missing and never lets an older copy overwrite a note edited here since.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../src/renderer/db/AppDB';
import { applyBackup, planBackup } from '../../src/renderer/db/backupApply';
import { createSampleExpedition } from '../../src/renderer/db/sample';
import { gatherRecords } from '../../src/renderer/features/journal/exportJournal';
import type { BackupContents } from '../../src/shared/ipc';

const databases: AppDB[] = [];
afterEach(async () => {
  for (const database of databases.splice(0)) {
    database.close();
    await Dexie.delete(database.name);
  }
});
function fresh(): AppDB {
  const database = new AppDB(`carnet-backup-${Math.random()}`);
  databases.push(database);
  return database;
}

async function backupOf(database: AppDB, expeditionId: string): Promise<BackupContents> {
  const records = await gatherRecords(database, expeditionId);
  return { name: 'test.carnet', createdAt: new Date().toISOString(), records, attachments: [] };
}

const withoutSettings = async (database: AppDB, id: string) => {
  const { settings: _settings, ...records } = await gatherRecords(database, id);
  return records;
};

describe('restoring a backup', () => {
  it('puts the expedition back exactly, removing what was written since', async () => {
    const database = fresh();
    const expedition = await createSampleExpedition(database, 'Camille');
    const backup = await backupOf(database, expedition.id);
    const before = await withoutSettings(database, expedition.id);
    const someNote = before.notes[0]!;
    await database.notes.update(someNote.id, { text: 'changé', updatedAt: Date.now() + 1000 });
    await database.notes.add({ ...someNote, id: 'new-note', text: 'ajoutée' });
    await database.visits.delete(before.visits[0]!.id);

    const plan = await planBackup(database, backup, 'restore');
    expect(plan.removed).toBe(1);
    await applyBackup(database, plan);
    expect(await withoutSettings(database, expedition.id)).toEqual(before);
  });
});

describe('merging a backup', () => {
  it('adds missing records, takes newer copies, and keeps notes edited here since', async () => {
    const database = fresh();
    const expedition = await createSampleExpedition(database, 'Camille');
    const backup = await backupOf(database, expedition.id);
    const [editedHere, editedThere, deletedHere] = backup.records.notes;
    // Here: one note edited after the backup, one note gone.
    await database.notes.update(editedHere!.id, { text: 'ma version', updatedAt: editedHere!.updatedAt + 10_000 });
    await database.notes.delete(deletedHere!.id);
    // There: another participant's newer copy of a note, and their own new note.
    const incoming: BackupContents = {
      ...backup,
      records: {
        ...backup.records,
        notes: [
          ...backup.records.notes.filter((note) => note.id !== editedThere!.id),
          { ...editedThere!, text: 'leur version', updatedAt: editedThere!.updatedAt + 5_000 },
          { ...editedThere!, id: 'theirs', text: 'leur note', author: 'Sam' },
        ],
      },
    };

    const plan = await planBackup(database, incoming, 'merge');
    expect(plan.tallies.notes).toEqual({ added: 2, updated: 1, skipped: backup.records.notes.length - 2 });
    await applyBackup(database, plan);
    expect((await database.notes.get(editedHere!.id))?.text).toBe('ma version');
    expect((await database.notes.get(editedThere!.id))?.text).toBe('leur version');
    expect((await database.notes.get(deletedHere!.id))?.id).toBe(deletedHere!.id);
    expect((await database.notes.get('theirs'))?.author).toBe('Sam');
  });
});

describe('the group syntheses of a backup', () => {
  it('come back on restore, newest wins on merge, and an old backup without them leaves ours', async () => {
    const database = fresh();
    const expedition = await createSampleExpedition(database, 'Camille');
    const [first, second] = await database.lessons.where('expeditionId').equals(expedition.id).sortBy('order');
    const synthesis = (lessonId: string, text: string, updatedAt: number) => ({ lessonId, expeditionId: expedition.id, state: text, updatedAt });
    await database.groupSyntheses.bulkPut([synthesis(first!.id, 'ici, ancienne', 1_000), synthesis(second!.id, 'ici, récente', 9_000)]);
    const backup = await backupOf(database, expedition.id);
    expect(backup.records.groupSyntheses?.map((s) => s.state).sort()).toEqual(['ici, ancienne', 'ici, récente']);

    const incoming: BackupContents = {
      ...backup,
      records: {
        ...backup.records,
        groupSyntheses: [
          synthesis(first!.id, 'là-bas, récente', 5_000),
          synthesis(second!.id, 'là-bas, ancienne', 2_000),
          { ...synthesis(first!.id, 'une autre expédition', 99_000), expeditionId: 'elsewhere' },
        ],
      },
    };
    await applyBackup(database, await planBackup(database, incoming, 'merge'));
    const states = async () => Object.fromEntries((await database.groupSyntheses.toArray()).map((s) => [s.lessonId, s.state]));
    expect(await states()).toEqual({ [first!.id]: 'là-bas, récente', [second!.id]: 'ici, récente' });

    const { groupSyntheses: _none, ...old } = backup.records;
    await applyBackup(database, await planBackup(database, { ...backup, records: old }, 'restore'));
    expect(await states()).toEqual({ [first!.id]: 'là-bas, récente', [second!.id]: 'ici, récente' });
    await applyBackup(database, await planBackup(database, backup, 'restore'));
    expect(await states()).toEqual({ [first!.id]: 'ici, ancienne', [second!.id]: 'ici, récente' });
  });
});
