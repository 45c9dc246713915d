import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../src/renderer/db/AppDB';
import { createNote, saveNoteContent, trashNote, restoreNote, updateNote } from '../../../src/renderer/db/notes';
import { LiveNoteIndex, TYPING_HOLD_MS } from '../../../src/renderer/features/search/liveNoteIndex';
import { SNAPSHOT_FORMAT } from '../../../src/renderer/features/search/noteIndex';

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

describe('LiveNoteIndex snapshots', () => {
  it('starts from the saved index, then indexes what was edited, added or erased since', async () => {
    const database = new AppDB(`search-snapshot-${Date.now()}`);
    const kept = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Le volcan de Volvic') });
    const edited = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Une usine de pneus') });
    const erased = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Une forêt de sapins') });
    const first = new LiveNoteIndex(database, 'e1', { snapshots: true });
    opened.push({ database, live: first });
    await first.ready;
    expect(first.lastBuild?.from).toBe('notes');
    await first.save();
    first.dispose();
    const saved = await database.searchIndexes.get('e1');
    expect(saved?.count).toBe(3);

    // While no index runs: an edit, an addition, an erasure, and a note that leaves.
    await saveNoteContent(database, edited.id, content('Une usine de caoutchouc'));
    const added = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Le caoutchouc naturel') });
    await database.notes.delete(erased.id);
    await updateNote(database, kept.id, { expeditionId: 'e2' } as never);

    const second = new LiveNoteIndex(database, 'e1', { snapshots: true });
    opened.push({ database, live: second });
    await second.ready;
    expect(second.lastBuild?.from).toBe('snapshot');
    expect(found(second, 'caoutchouc').sort()).toEqual([edited.id, added.id].sort());
    expect(found(second, 'pneus')).toEqual([]);
    expect(found(second, 'foret')).toEqual([]);
    expect(found(second, 'volcan')).toEqual([]);
    expect(second.index.size).toBe(2);
  });

  it('rebuilds from the notes when the snapshot is of another format or damaged', async () => {
    const database = new AppDB(`search-snapshot-bad-${Date.now()}`);
    const note = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Le volcan') });
    for (const record of [
      { format: -1, data: '{}' },
      { format: SNAPSHOT_FORMAT, data: '{"index": 42' },
    ]) {
      await database.searchIndexes.put({ expeditionId: 'e1', takenAt: 0, count: 1, ...record });
      const live = new LiveNoteIndex(database, 'e1', { snapshots: true });
      opened.push({ database, live });
      await live.ready;
      expect(live.lastBuild?.from).toBe('notes');
      expect(found(live, 'volcan')).toEqual([note.id]);
      live.dispose();
    }
  });
});

describe('LiveNoteIndex while a note is typed', () => {
  it('holds its build until the typing pauses, then finishes it', async () => {
    const database = new AppDB(`search-hold-${Date.now()}`);
    await database.transaction('rw', database.notes, database.noteStates, async () => {
      for (let at = 0; at < 600; at++)
        await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content(`Note ${at} sur le caoutchouc`) });
    });
    const live = new LiveNoteIndex(database, 'e1');
    opened.push({ database, live });
    // Keystrokes, every 0.2 s for a second.
    live.holdForTyping();
    for (let at = 0; at < 5; at++) {
      await new Promise((done) => setTimeout(done, 200));
      live.holdForTyping();
    }
    expect(live.status).toBe('building');
    expect(live.index.size).toBe(0);
    const heldUntil = performance.now() + TYPING_HOLD_MS;
    await live.ready;
    expect(performance.now()).toBeGreaterThanOrEqual(heldUntil - 5);
    expect(live.index.size).toBe(600);
    expect(found(live, 'caoutchouc')).toHaveLength(50);
  });

  it('ends the hold on time when the system clock is frozen or set back an hour', async () => {
    for (const clock of ['frozen', 'set back'] as const) {
      const database = new AppDB(`search-clock-${clock}-${performance.now()}`);
      await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Une note sur le caoutchouc') });
      const start = Date.now();
      const wallClock = vi.spyOn(Date, 'now').mockReturnValue(start);
      try {
        const live = new LiveNoteIndex(database, 'e1');
        opened.push({ database, live });
        live.holdForTyping();
        if (clock === 'set back') wallClock.mockReturnValue(start - 3_600_000);
        const began = performance.now();
        await live.ready;
        expect(performance.now() - began).toBeLessThan(TYPING_HOLD_MS + 5_000);
        expect(found(live, 'caoutchouc')).toHaveLength(1);
      } finally {
        wallClock.mockRestore();
      }
    }
  });

  it('follows notes written with a clock set back (an older updatedAt than the rest), live and at the next start', async () => {
    const database = new AppDB(`search-clock-back-${performance.now()}`);
    const note = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Une usine') });
    const live = new LiveNoteIndex(database, 'e1', { snapshots: true });
    opened.push({ database, live });
    await live.ready;
    const wallClock = vi.spyOn(Date, 'now').mockReturnValue(Date.parse('2024-11-20T10:00:00Z'));
    try {
      await saveNoteContent(database, note.id, content('Le vulcanisateur parle'));
      await expect.poll(() => found(live, 'vulcanis')).toEqual([note.id]);
      await live.save();
      live.dispose();
      // Edited again, an hour earlier by the clock, after the snapshot was saved.
      wallClock.mockReturnValue(Date.parse('2024-11-20T09:00:00Z'));
      await saveNoteContent(database, note.id, content('La presse à chaud'));
      const next = new LiveNoteIndex(database, 'e1', { snapshots: true });
      opened.push({ database, live: next });
      await next.ready;
      expect(next.lastBuild?.from).toBe('snapshot');
      expect(found(next, 'presse')).toEqual([note.id]);
      expect(found(next, 'vulcanis')).toEqual([]);
    } finally {
      wallClock.mockRestore();
    }
  });
});
