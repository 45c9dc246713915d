import { describe, expect, it } from 'vitest';
import type { Note } from '../../../src/shared/model';
import { noteRecord } from '../../fixtures/records';
import { NoteIndex } from '../../../src/renderer/features/search/noteIndex';

const note = noteRecord;

function indexOf(...notes: Note[]): NoteIndex {
  const index = new NoteIndex();
  for (const each of notes) index.upsert(each);
  return index;
}
const ids = (index: NoteIndex, query: string, filters = {}) => index.search(query, filters).hits.map((hit) => hit.id);

describe('NoteIndex', () => {
  const energie = note({ text: 'La transition de l’énergie dans les usines.' });
  const entreprise = note({ text: "Visite de l'entreprise le matin." });
  const innovation = note({ text: 'Une culture de l’innovation ouverte.', tags: ['innovation'] });

  it('folds accents, strips elisions and matches prefixes', () => {
    const index = indexOf(energie, entreprise, innovation);
    expect(ids(index, 'energie')).toEqual([energie.id]);
    expect(ids(index, 'ÉNERGIE')).toEqual([energie.id]);
    expect(ids(index, 'entreprise')).toEqual([entreprise.id]);
    expect(ids(index, 'l’entreprise')).toEqual([entreprise.id]);
    expect(ids(index, 'innov')).toEqual([innovation.id]);
    expect(index.search('innov').hits[0]?.words).toContain('innovation');
  });

  it('needs every word of a query', () => {
    const both = note({ text: 'Énergie et innovation au cœur du territoire.' });
    const index = indexOf(energie, innovation, both);
    expect(ids(index, 'energie innov')).toEqual([both.id]);
    expect(ids(index, 'coeur')).toEqual([both.id]);
  });

  it('ranks notes with more matches, and title matches, first', () => {
    const once = note({ text: 'Le pneu, et bien d’autres choses encore sur la route et ailleurs.' });
    const often = note({ text: 'Pneu, pneu, pneu : le pneu partout.' });
    const titled = note({ title: 'Le pneu', text: 'Une visite du atelier et bien d’autres choses encore ailleurs.' });
    const index = indexOf(once, often, titled);
    const ranked = ids(index, 'pneu');
    expect(ranked.indexOf(often.id)).toBeLessThan(ranked.indexOf(once.id));
    expect(ranked.indexOf(titled.id)).toBeLessThan(ranked.indexOf(once.id));
  });

  it('never finds trashed notes, and finds them again once restored', () => {
    const index = indexOf(energie, entreprise);
    index.setTrashed(new Set([energie.id]));
    expect(ids(index, 'energie')).toEqual([]);
    expect(ids(index, '', { visitId: 'v1' })).toEqual([entreprise.id]);
    index.setTrashed(new Set());
    expect(ids(index, 'energie')).toEqual([energie.id]);
  });

  it('re-indexes an updated note and forgets a removed one', () => {
    const index = indexOf(energie);
    index.upsert({ ...energie, text: 'Tout à propos du caoutchouc.', updatedAt: energie.updatedAt + 1 });
    expect(ids(index, 'energie')).toEqual([]);
    expect(ids(index, 'caoutchouc')).toEqual([energie.id]);
    index.remove(energie.id);
    expect(ids(index, 'caoutchouc')).toEqual([]);
    expect(index.size).toBe(0);
  });

  it('combines filters with each other and with the query', () => {
    const a = note({ text: 'Robot et énergie', visitId: 'v1', kind: 'idea', tags: ['lesson/territoire'], lessonIds: ['L1'], pinned: true, createdAt: 100 });
    const b = note({ text: 'Robot et énergie', visitId: 'v2', kind: 'idea', passageLessonIds: ['L1'], createdAt: 200 });
    const c = note({ text: 'Robot seul', visitId: 'v2', kind: 'quote', tags: ['lesson'], createdAt: 300 });
    const index = indexOf(a, b, c);
    expect(ids(index, 'robot', { visitId: 'v2' }).sort()).toEqual([b.id, c.id].sort());
    expect(ids(index, 'robot', { lessonId: 'L1' }).sort()).toEqual([a.id, b.id].sort());
    expect(ids(index, 'robot', { lessonId: 'L1', visitId: 'v2' })).toEqual([b.id]);
    expect(ids(index, 'robot', { tag: 'lesson' }).sort()).toEqual([a.id, c.id].sort());
    expect(ids(index, 'robot', { kind: 'quote' })).toEqual([c.id]);
    expect(ids(index, 'robot', { pinnedOnly: true })).toEqual([a.id]);
    expect(ids(index, 'robot', { from: 150, to: 300 })).toEqual([b.id]);
    expect(ids(index, 'energie', { kind: 'idea', visitId: 'v1' })).toEqual([a.id]);
    // Filters alone: pinned first, then newest.
    expect(ids(index, '', { kind: 'idea' })).toEqual([a.id, b.id]);
    expect(ids(index, '', { visitId: 'v2' })).toEqual([c.id, b.id]);
  });

  it('answers hostile queries quickly and without error', () => {
    const notes = Array.from({ length: 300 }, (_, at) => note({ text: `Note ${at} sur l’énergie, la mobilité et le territoire 😀.` }));
    const index = indexOf(...notes);
    for (const query of [
      '.*+?^${}()|[]\\',
      'a'.repeat(10_000),
      'énergie '.repeat(1_500),
      '!!! ??? ’’’ ---',
      '😀👍🏽',
      '((((',
      '"',
      '   ',
      'a b c d e f g h i j k l',
    ]) {
      const started = performance.now();
      expect(() => index.search(query)).not.toThrow();
      expect(performance.now() - started).toBeLessThan(200);
    }
    expect(index.search('😀').total).toBe(0);
    expect(index.search('energie '.repeat(1_500)).total).toBe(300);
  });
});

describe('NoteIndex postings by word', () => {
  it('finds after edits, removals and vacuuming what an index built afresh finds, scores included', async () => {
    const words = ['usine', 'énergie', 'territoire', 'caoutchouc', 'volcan', 'projet', 'robot', 'forêt'];
    const text = (seed: number) => Array.from({ length: 12 }, (_, at) => words[(seed * 7 + at * at) % words.length]).join(' ');
    const notes = Array.from({ length: 40 }, (_, at) => note({ id: `p${at}`, text: text(at) }));
    const index = indexOf(...notes);
    // Edits and removals leave words without postings, which MiniSearch then drops.
    for (const [at, each] of notes.entries()) {
      if (at % 3 === 0) index.remove(each.id);
      else index.upsert({ ...each, text: 'caoutchouc', updatedAt: each.updatedAt + 1 });
    }
    await (index as unknown as { search_: { vacuum(): Promise<void> } }).search_.vacuum();
    const again = notes.map((each, at) => ({ ...each, text: text(at + 1), updatedAt: each.updatedAt + 2 }));
    for (const each of again) index.upsert(each);
    const fresh = indexOf(...again);
    for (const query of [...words, 'usi', 'ener terr', 'caoutchouc']) {
      expect(index.search(query).hits).toEqual(fresh.search(query).hits);
    }
  });
});

describe('NoteIndex snapshots', () => {
  it('loads a snapshot that finds, ranks and filters as the index it was taken from', () => {
    const notes = [
      note({ title: 'Énergie', text: 'La transition de l’énergie dans les usines.', tags: ['énergie'], pinned: true }),
      note({ text: "Visite de l'entreprise le matin, énergie solaire.", visitId: 'v2' }),
      note({ text: 'Une culture de l’innovation ouverte.', tags: ['innovation'] }),
      note({ text: 'Le caoutchouc naturel' }),
    ];
    const index = indexOf(...notes);
    index.remove(notes[3]!.id);
    const copy = new NoteIndex();
    copy.load(structuredClone(index.serialize()));
    for (const [query, filters] of [
      ['energie', {}],
      ['ener', { visitId: 'v2' }],
      ['innov', {}],
      ['', { pinnedOnly: true }],
      ['caoutchouc', {}],
    ] as const) {
      expect(copy.search(query, filters)).toEqual(index.search(query, filters));
    }
    expect(copy.size).toBe(3);
    expect([...copy.tagCounts()]).toEqual([...index.tagCounts()]);
    // It goes on working as an index: edits and additions.
    copy.upsert({ ...notes[2]!, text: 'Le caoutchouc', updatedAt: notes[2]!.updatedAt + 1 });
    expect(ids(copy, 'caoutchouc')).toEqual([notes[2]!.id]);
    expect(ids(copy, 'innovation')).toEqual([notes[2]!.id]);
  });

  it('refuses a snapshot cut short, and stays as it was', () => {
    const index = indexOf(note({ text: 'Le volcan' }));
    const snapshot = index.serialize();
    const copy = indexOf(note({ text: 'La forêt' }));
    expect(() => copy.load({ ...snapshot, postings: snapshot.postings.slice(0, -1) })).toThrow();
    expect(ids(copy, 'foret')).toHaveLength(1);
  });
});
