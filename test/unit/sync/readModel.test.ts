// The group's documents written into the notebook's tables, once, and nothing written
// when they hold what the tables hold already (no echo back to Yjs).
import Dexie, { type ObservabilitySet } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markdownToNote } from '../../../src/shared/editor/markdown';
import { AppDB } from '../../../src/renderer/db/AppDB';
import { createExpedition } from '../../../src/renderer/db/expeditions';
import { applyNoteBody, applyNotesMeta, applyStructure, removeFromStructure } from '../../../src/renderer/sync/readModel';
import { observeStructureRemovals, readNotesMeta, readStructure, writeNotesMeta, writeStructure } from '../../../src/renderer/sync/records';
import { buildSampleRecords } from '../../fixtures/sampleRecords';

const opened: AppDB[] = [];
afterEach(async () => {
  for (const database of opened.splice(0)) {
    database.close();
    await Dexie.delete(database.name);
  }
});

/** Counts the writes the database broadcasts while `run` runs. */
async function writesDuring(database: AppDB, run: () => Promise<void>): Promise<number> {
  let writes = 0;
  const count = (parts: ObservabilitySet) => {
    if (Object.keys(parts).some((part) => part.startsWith(`idb://${database.name}/`))) writes++;
  };
  Dexie.on('storagemutated', count);
  try {
    await run();
    await new Promise((done) => setTimeout(done, 20));
  } finally {
    Dexie.on('storagemutated').unsubscribe(count);
  }
  return writes;
}

describe('the read model of a shared expedition', () => {
  it('takes the organiser’s structure and a participant’s notes, keeps its own name and syntheses, and writes nothing twice', async () => {
    const { records } = await buildSampleRecords();
    const organiser = new Y.Doc();
    writeStructure(organiser, records.expedition, records.visits, records.lessons);
    const author = new Y.Doc();
    writeNotesMeta(author, records.notes);

    const database = new AppDB(`sync-read-${performance.now()}`);
    opened.push(database);
    await database.expeditions.put({ ...records.expedition, participant: 'Bastien' });
    await database.lessons.put({ ...records.lessons[0]!, synthesis: '{"my":"synthesis"}' });

    await applyStructure(database, records.expedition.id, readStructure(organiser));
    await applyNotesMeta(database, readNotesMeta(author));
    const note = records.notes[0]!;
    await applyNoteBody(database, note.id, note.state);

    expect((await database.expeditions.get(records.expedition.id))?.participant).toBe('Bastien');
    expect(await database.visits.count()).toBe(records.visits.length);
    expect((await database.lessons.get(records.lessons[0]!.id))?.synthesis).toBe('{"my":"synthesis"}');
    expect(await database.notes.count()).toBe(records.notes.length);
    const stored = await database.notes.get(note.id);
    expect(stored).toMatchObject({ text: note.text, tags: note.tags, author: note.author });
    expect((await database.noteStates.get(note.id))?.state).toBe(note.state);

    // The same documents again: nothing is written.
    expect(
      await writesDuring(database, async () => {
        await applyStructure(database, records.expedition.id, readStructure(organiser));
        await applyNotesMeta(database, readNotesMeta(author));
        await applyNoteBody(database, note.id, note.state);
      }),
    ).toBe(0);

    // A visit taken out by the organiser goes (a replica sees it taken out); a visit a
    // replica has not received yet is not taken for removed.
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(organiser));
    const removed: string[] = [];
    observeStructureRemovals(replica, ({ visits }) => removed.push(...visits));
    writeStructure(organiser, records.expedition, records.visits.slice(1), records.lessons);
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(organiser));
    expect(removed).toEqual([records.visits[0]!.id]);
    await removeFromStructure(database, { visits: removed, lessons: [] });
    await applyStructure(database, records.expedition.id, readStructure(replica));
    expect(await database.visits.get(records.visits[0]!.id)).toBeUndefined();
    await applyStructure(database, records.expedition.id, { ...readStructure(replica), visits: [] });
    expect(await database.visits.count()).toBe(records.visits.length - 1);
    // A body edited by its author arrives.
    const edited = markdownToNote('Texte revu #nouveau');
    await applyNoteBody(database, note.id, edited.state);
    expect(await database.notes.get(note.id)).toMatchObject({ text: 'Texte revu #nouveau', tags: ['nouveau'] });
  });

  it('does not create a note from a body whose metadata has not arrived', async () => {
    const database = new AppDB(`sync-read-body-${performance.now()}`);
    opened.push(database);
    await createExpedition(database, { title: 'E', place: '', startDate: null, endDate: null, timeZone: 'Europe/Paris', participant: 'A' });
    await applyNoteBody(database, 'unknown-note', markdownToNote('orphelin').state);
    expect(await database.notes.count()).toBe(0);
    expect(await database.noteStates.count()).toBe(0);
  });

  it('never lets this participant’s own document, older than the notebook, take back an edit (a key typed last was lost)', async () => {
    const { records } = await buildSampleRecords();
    const database = new AppDB(`sync-read-own-${performance.now()}`);
    opened.push(database);
    const note = { ...records.notes[0]!, kind: 'quote' as const, speaker: 'Claire Vernet', updatedAt: 2_000 };
    const { state: _state, ...summary } = note;
    await database.notes.put(summary);
    // The document still holds what was sent a keystroke before.
    const own = new Y.Doc();
    writeNotesMeta(own, [{ ...summary, speaker: 'Claire Verne', updatedAt: 1_000 }]);
    await applyNotesMeta(database, readNotesMeta(own), { mine: true });
    expect((await database.notes.get(note.id))?.speaker).toBe('Claire Vernet');
    // What this participant wrote on another computer, later, does arrive.
    writeNotesMeta(own, [{ ...summary, speaker: 'Claire Vernet (Michelin)', updatedAt: 3_000 }]);
    await applyNotesMeta(database, readNotesMeta(own), { mine: true });
    expect((await database.notes.get(note.id))?.speaker).toBe('Claire Vernet (Michelin)');
    // Another's note is theirs to say: what their document holds is taken as it is.
    const theirs = new Y.Doc();
    writeNotesMeta(theirs, [{ ...summary, speaker: 'C. Vernet', updatedAt: 500 }]);
    await applyNotesMeta(database, readNotesMeta(theirs));
    expect((await database.notes.get(note.id))?.speaker).toBe('C. Vernet');
  });
});
