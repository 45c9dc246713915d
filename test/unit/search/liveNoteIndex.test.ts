import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../../src/renderer/db/AppDB';
import { createNote, saveNoteContent, trashNote, restoreNote, updateNote } from '../../../src/renderer/db/notes';
import { LiveNoteIndex } from '../../../src/renderer/features/search/liveNoteIndex';

const opened: { database: AppDB; live?: LiveNoteIndex }[] = [];
afterEach(async () => {
  for (const { database, live } of opened.splice(0)) {
    live?.dispose();
    database.close();
    await Dexie.delete(database.name);
  }
});

const content = (text: string) => ({ state: JSON.stringify({ text }), text, tags: [], passageLessonIds: [] });
const found = (live: LiveNoteIndex, query: string) => live.index.search(query).hits.map((hit) => hit.id);

describe('LiveNoteIndex', () => {
  it('indexes the notes already there, then follows creations, edits, trash and restore', async () => {
    const database = new AppDB(`search-live-${Date.now()}`);
    const first = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Une usine d’énergie') });
    await createNote(database, { expeditionId: 'other', visitId: 'v9', author: 'A', content: content('Énergie ailleurs') });
    const live = new LiveNoteIndex(database, 'e1');
    opened.push({ database, live });
    await live.ready;
    expect(live.status).toBe('ready');
    expect(found(live, 'energie')).toEqual([first.id]);

    const second = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A' });
    await saveNoteContent(database, second.id, content('Le caoutchouc de Michelin'));
    await expect.poll(() => found(live, 'caoutch')).toEqual([second.id]);

    await saveNoteContent(database, first.id, content('Plus rien sur ce sujet'));
    await expect.poll(() => found(live, 'energie')).toEqual([]);
    await updateNote(database, second.id, { title: 'Pneus' });
    await expect.poll(() => found(live, 'pneus')).toEqual([second.id]);

    await trashNote(database, second.id);
    await expect.poll(() => found(live, 'caoutchouc')).toEqual([]);
    await restoreNote(database, second.id);
    await expect.poll(() => found(live, 'caoutchouc')).toEqual([second.id]);

    await database.notes.delete(second.id);
    await expect.poll(() => live.index.has(second.id)).toBe(false);
  });
});
