// The structure and a participant's notes in Yjs documents, as two replicas exchange them.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  ORIGINAL_CHUNK_BYTES,
  readNotesMeta,
  readOriginal,
  readOriginalRequests,
  readStructure,
  removeOriginalRequest,
  writeNotesMeta,
  writeOriginal,
  writeOriginalRequest,
  writeStructure,
} from '../../../src/renderer/sync/records';
import { MAX_ATTACHMENT_BYTES } from '../../../src/shared/images';
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

  it('carries requests for originals and their announcements, leaving out what no app writes', () => {
    const asker = new Y.Doc();
    writeOriginalRequest(asker, 'photo-1', 'alice');
    asker.getMap('originalRequests').set('../escape', 'alice');
    asker.getMap('originalRequests').set('photo-2', 42);
    expect(readOriginalRequests(asker)).toEqual(new Map([['photo-1', 'alice']]));
    removeOriginalRequest(asker, 'photo-1');
    expect(readOriginalRequests(asker).size).toBe(0);

    const author = new Y.Doc();
    const sha256 = 'a'.repeat(64);
    const size = 2 * ORIGINAL_CHUNK_BYTES + 1;
    writeOriginal(author, 'photo-1', { sha256, size, chunks: 3 });
    expect(readOriginal(author, 'photo-1')).toEqual({ sha256, size, chunks: 3 });
    expect(readOriginal(author, 'photo-2')).toBeNull();
    const forged = (record: unknown) => {
      author.getMap('originals').set('forged', record);
      return readOriginal(author, 'forged');
    };
    expect(forged({ sha256, size: 10 ** 12, chunks: Math.ceil(10 ** 12 / ORIGINAL_CHUNK_BYTES) })).toBe('malformed');
    expect(forged({ sha256, size: MAX_ATTACHMENT_BYTES + 1, chunks: 17 })).toBe('malformed');
    expect(forged({ sha256, size, chunks: 1_000_000 })).toBe('malformed');
    expect(forged({ sha256, size: 0, chunks: 0 })).toBe('malformed');
    expect(forged({ sha256: 'not-hex', size, chunks: 3 })).toBe('malformed');
    expect(forged('a string')).toBe('malformed');
  });
});
