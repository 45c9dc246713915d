import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdownToNote } from '../../src/shared/editor/markdown';
import { AppDB } from '../../src/renderer/db/AppDB';
import { createNote, deleteNotes, listNotes, readNoteState, saveNoteContent, updateNote } from '../../src/renderer/db/notes';
import { createSampleExpedition } from '../../src/renderer/db/sample';
import { SCHEMA_VERSIONS } from '../../src/renderer/db/schema';
import { seedExpeditionWithVisit } from '../fixtures/seed';
import { readSettings, writeSetting } from '../../src/renderer/db/settings';
import { listVisits } from '../../src/renderer/db/visits';

let counter = 0;
const open: Dexie[] = [];
function freshName(): string {
  return `carnet-test-${++counter}-${Date.now()}`;
}
function newDb(name = freshName()): AppDB {
  const database = new AppDB(name);
  open.push(database);
  return database;
}
afterEach(async () => {
  for (const database of open.splice(0)) {
    database.close();
    await Dexie.delete(database.name);
  }
});

const seed = seedExpeditionWithVisit;

describe('schema versions', () => {
  it('opens, with its data intact, a database made by every earlier schema version', async () => {
    for (const old of SCHEMA_VERSIONS) {
      const name = freshName();
      const legacy = new Dexie(name);
      for (const version of SCHEMA_VERSIONS.filter((v) => v.version <= old.version)) {
        legacy.version(version.version).stores(version.stores);
      }
      await legacy.open();
      const summary = {
        id: 'n1',
        expeditionId: 'e1',
        visitId: 'v1',
        kind: 'observation',
        title: '',
        speaker: '',
        text: 'ancienne note',
        tags: ['énergie'],
        lessonIds: [],
        passageLessonIds: [],
        pinned: false,
        author: 'A',
        createdAt: 1,
        updatedAt: 1,
        deletedAt: null,
      };
      // Up to version 2 a note held its state; from version 3 the state has a table of its own.
      if (old.version < 3) await legacy.table('notes').add({ ...summary, state: '{"état":1}' });
      else {
        await legacy.table('notes').add(summary);
        await legacy.table('noteStates').add({ id: 'n1', state: '{"état":1}' });
      }
      legacy.close();

      const database = newDb(name);
      await database.open();
      expect(database.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
      const note = await database.notes.get('n1');
      expect(note?.text).toBe('ancienne note');
      expect(await database.notes.where('tags').equals('énergie').count()).toBe(1);
      // Version 2: the search index snapshots, empty after an upgrade (rebuilt on start).
      expect(await database.searchIndexes.count()).toBe(0);
      // Version 3: the state moved out of the note, unchanged.
      expect(note).not.toHaveProperty('state');
      expect(await readNoteState(database, 'n1')).toBe('{"état":1}');
    }
  });
});

describe('schema 3', () => {
  it('moves every note’s state out of a large notebook, chunk after chunk, none lost or mixed up', async () => {
    const name = freshName();
    const legacy = new Dexie(name);
    for (const version of SCHEMA_VERSIONS.filter((v) => v.version <= 2)) legacy.version(version.version).stores(version.stores);
    await legacy.open();
    const count = 1_203;
    await legacy.table('notes').bulkAdd(
      Array.from({ length: count }, (_, at) => ({
        id: `note-${String(at).padStart(5, '0')}`,
        expeditionId: 'e1',
        visitId: 'v1',
        kind: 'observation',
        title: '',
        speaker: '',
        state: `{"n":${at}}`,
        text: `note ${at}`,
        tags: [],
        lessonIds: [],
        passageLessonIds: [],
        pinned: false,
        author: 'A',
        createdAt: at,
        updatedAt: at,
        deletedAt: null,
      })),
    );
    legacy.close();

    const database = newDb(name);
    await database.open();
    const notes = await database.notes.toArray();
    expect(notes).toHaveLength(count);
    expect(notes.some((note) => 'state' in note)).toBe(false);
    const states = await database.noteStates.toArray();
    expect(states).toHaveLength(count);
    for (const state of states) expect(state.state).toBe(`{"n":${Number(state.id.slice(5))}}`);
  });
});

describe('settings', () => {
  it('round-trips valid values', async () => {
    const database = newDb();
    await writeSetting(database, 'locale', 'fr');
    await writeSetting(database, 'currentExpeditionId', 'abc');
    const { settings, invalid } = await readSettings(database);
    expect(settings).toMatchObject({ locale: 'fr', currentExpeditionId: 'abc', currentNoteId: null });
    expect(invalid).toEqual([]);
  });

  it('ignores and reports corrupt or hand-edited records, and leaves notes alone', async () => {
    const database = newDb();
    const { expedition, visit } = await seed(database);
    const note = await createNote(database, { expeditionId: expedition.id, visitId: visit.id, author: 'C' });
    const before = await database.notes.toArray();
    await database.settings.bulkPut([
      { key: 'locale', value: 'klingon' },
      { key: 'currentExpeditionId', value: { $gt: '' } },
      { key: 'currentNoteId', value: note.id },
      { key: 'unknownKey', value: 'whatever' },
    ]);
    const { settings, invalid } = await readSettings(database);
    expect(settings.locale).toBeNull();
    expect(settings.currentExpeditionId).toBeNull();
    expect(settings.currentNoteId).toBe(note.id);
    expect(invalid.sort()).toEqual(['currentExpeditionId', 'locale']);
    expect(await database.notes.toArray()).toEqual(before);
  });

  it('refuses to write an invalid value', async () => {
    const database = newDb();
    await expect(writeSetting(database, 'locale', 'de' as 'fr')).rejects.toThrow();
    expect(await database.settings.count()).toBe(0);
  });
});

describe('notes repository', () => {
  it('stores state, text and tags, and lists a visit’s notes pinned first then newest first', async () => {
    const database = newDb();
    const { expedition, visit } = await seed(database);
    const first = await createNote(database, { expeditionId: expedition.id, visitId: visit.id, author: 'C', createdAt: 1000 });
    const second = await createNote(database, { expeditionId: expedition.id, visitId: visit.id, author: 'C', createdAt: 2000 });
    await saveNoteContent(database, first.id, markdownToNote('Des #Idées et de l’#énergie'));
    const saved = await database.notes.get(first.id);
    expect(saved?.text).toBe('Des #Idées et de l’#énergie');
    expect(await readNoteState(database, first.id)).toBe(markdownToNote('Des #Idées et de l’#énergie').state);
    expect(saved).not.toHaveProperty('state');
    expect(saved?.tags).toEqual(['énergie', 'idées']);
    expect((await listNotes(database, visit.id)).map((n) => n.id)).toEqual([second.id, first.id]);
    await database.notes.update(first.id, { pinned: true });
    expect((await listNotes(database, visit.id)).map((n) => n.id)).toEqual([first.id, second.id]);
    expect(await database.notes.where('tags').equals('énergie').primaryKeys()).toEqual([first.id]);
  });

  it('saves a note even without its state record, but never brings back a note deleted for good', async () => {
    const database = newDb();
    const { expedition, visit } = await seed(database);
    const note = await createNote(database, { expeditionId: expedition.id, visitId: visit.id, author: 'C' });
    await database.noteStates.delete(note.id);
    await saveNoteContent(database, note.id, markdownToNote('Gardé'));
    expect((await database.notes.get(note.id))?.text).toBe('Gardé');
    expect(await readNoteState(database, note.id)).toBe(markdownToNote('Gardé').state);
    await deleteNotes(database, [note.id]);
    await saveNoteContent(database, note.id, markdownToNote('Trop tard'));
    expect(await database.notes.get(note.id)).toBeUndefined();
    expect(await database.noteStates.get(note.id)).toBeUndefined();
  });

  it('does not touch a note whose state did not change', async () => {
    const database = newDb();
    const { expedition, visit } = await seed(database);
    const content = markdownToNote('Texte');
    const note = await createNote(database, { expeditionId: expedition.id, visitId: visit.id, author: 'C', content, createdAt: 5 });
    await saveNoteContent(database, note.id, content);
    expect((await database.notes.get(note.id))?.updatedAt).toBe(5);
  });

  it('creates the sample expedition with its visits in time order, lessons and notes', async () => {
    const database = newDb();
    const expedition = await createSampleExpedition(database, 'Camille');
    const visits = await listVisits(database, expedition.id);
    expect(visits.map((v) => v.title)).toEqual([
      'Arrivée et dîner d’accueil',
      'Michelin — pratiques d’innovation ouverte',
      'Village by CA — accélérateur de start-ups',
      'Université Clermont Auvergne — territoire apprenant',
    ]);
    expect(visits[0]).toMatchObject({ allDay: true, date: '2024-11-19', start: Date.parse('2024-11-19T00:00:00+01:00') });
    expect(await database.lessons.count()).toBe(4);
    const notes = await database.notes.toArray();
    expect(notes.length).toBeGreaterThanOrEqual(6);
    expect(notes.every((n) => n.visitId && n.author === 'Camille')).toBe(true);
    const states = await database.noteStates.bulkGet(notes.map((n) => n.id));
    expect(states.every((s) => s?.state.startsWith('{'))).toBe(true);
    expect(await database.notes.where('tags').equals('écosystème').count()).toBe(1);
  });
});

describe('edit times', () => {
  it('dates each edit after the one before, even when the clock stands still or goes back', async () => {
    const database = new AppDB(`carnet-edit-times-${performance.now()}`);
    const wallClock = vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2024-11-20T10:00:00Z'));
    try {
      const note = await createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A' });
      const times = [note.updatedAt];
      const content = (text: string) => ({ state: JSON.stringify({ text }), text, tags: [], passageLessonIds: [] });
      await saveNoteContent(database, note.id, content('un'));
      times.push((await database.notes.get(note.id))!.updatedAt);
      wallClock.mockReturnValue(Date.parse('2024-11-20T09:00:00Z'));
      await saveNoteContent(database, note.id, content('deux'));
      times.push((await database.notes.get(note.id))!.updatedAt);
      await updateNote(database, note.id, { title: 'Titre' });
      times.push((await database.notes.get(note.id))!.updatedAt);
      expect(times).toEqual([times[0], times[0]! + 1, times[0]! + 2, times[0]! + 3]);
    } finally {
      wallClock.mockRestore();
      database.close();
    }
  });
});
