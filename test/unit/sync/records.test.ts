// The structure and a participant's notes in Yjs documents, as two replicas exchange them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readNotesMeta, readStructure, writeNotesMeta, writeStructure } from '../../../src/renderer/sync/records';
import { buildSampleRecords } from '../../fixtures/sampleRecords';

const exchange = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));

describe('an expedition in its Yjs documents', () => {
  it('carries the structure to another replica, without anyone’s own name or synthesis', async () => {
    const { records } = await buildSampleRecords();
    const organiser = new Y.Doc();
    writeStructure(organiser, records.expedition, records.visits, records.lessons);
    const participant = new Y.Doc();
    exchange(organiser, participant);
    const structure = readStructure(participant);
    const { participant: _name, ...expedition } = records.expedition;
    expect(structure.expedition).toEqual(expedition);
    expect(structure.visits.sort((a, b) => a.start - b.start)).toEqual([...records.visits].sort((a, b) => a.start - b.start));
    expect(structure.lessons.map((lesson) => lesson.title).sort()).toEqual(records.lessons.map((lesson) => lesson.title).sort());
    expect(structure.lessons.some((lesson) => 'synthesis' in lesson)).toBe(false);

    // A visit removed and one edited: the next write says so, and only that.
    const [gone, edited, ...rest] = records.visits;
    let updates = 0;
    organiser.on('update', () => updates++);
    writeStructure(organiser, records.expedition, [{ ...edited!, title: 'Michelin (modifiée)' }, ...rest], records.lessons);
    expect(updates).toBe(1);
    exchange(organiser, participant);
    const after = readStructure(participant).visits;
    expect(after.find((visit) => visit.id === gone!.id)).toBeUndefined();
    expect(after.find((visit) => visit.id === edited!.id)?.title).toBe('Michelin (modifiée)');
    // Writing the same records again changes nothing.
    writeStructure(organiser, records.expedition, [{ ...edited!, title: 'Michelin (modifiée)' }, ...rest], records.lessons);
    expect(updates).toBe(1);
  });

  it('carries a participant’s notes’ metadata, their text staying in their bodies', async () => {
    const { records } = await buildSampleRecords();
    const author = new Y.Doc();
    writeNotesMeta(author, records.notes);
    const reader = new Y.Doc();
    exchange(author, reader);
    const meta = readNotesMeta(reader);
    expect(meta.map((note) => note.id).sort()).toEqual(records.notes.map((note) => note.id).sort());
    expect(meta.every((note) => !('text' in note) && !('state' in note))).toBe(true);
    const pinned = { ...records.notes[0]!, pinned: true };
    writeNotesMeta(author, [pinned]);
    exchange(author, reader);
    expect(readNotesMeta(reader).find((note) => note.id === pinned.id)?.pinned).toBe(true);
    expect(readNotesMeta(reader)).toHaveLength(records.notes.length);
  });
});
