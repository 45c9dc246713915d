import { describe, expect, it } from 'vitest';
import { MIN_PARTICIPANTS, MIN_PIECES, participation, type ParticipationInput } from '../../../src/shared/journal/participation';
import type { Lesson, Note, Visit } from '../../../src/shared/model';
import { lessonRecord, noteRecord, visitRecord } from '../../fixtures/records';

const HOUR = 3_600_000;

function visit(id: string, hour: number, deletedAt: number | null = null): Visit {
  return visitRecord({ id, title: `Visite ${id}`, start: hour * HOUR, deletedAt });
}

function lesson(id: string, order: number): Lesson {
  return lessonRecord({ id, title: `Enseignement ${id}`, order });
}

/** A note body with one passage linked to each lesson given. */
function passages(...lessonIds: string[]): string {
  const marks = lessonIds.map((id) => ({ type: 'mark', ids: [id], children: [{ type: 'text', text: `passage ${id}` }] }));
  return JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: marks }] } });
}

function note(author: string, visitId: string, fields: Partial<Note> = {}): Note {
  return noteRecord({ visitId, author: author.toUpperCase(), authorId: author, ...fields });
}

// Four visits, the fourth not begun yet at NOW, and a trashed fifth.
const visits = [visit('v3', 30), visit('v1', 10), visit('v4', 40), visit('v2', 20), visit('v5', 25, 1)];
const NOW = 35 * HOUR;
const lessons = [lesson('L2', 1), lesson('L1', 0), lesson('L3', 2), lesson('L4', 3)];
const members = [
  { id: 'ana', name: 'Ana' },
  { id: 'ben', name: 'Ben' },
  { id: 'cleo', name: 'Cléo' },
];
const notes: Note[] = [
  // Ana, the organiser, writes at every visit; one of hers predates sharing (no author id).
  note('ana', 'v1', { lessonIds: ['L1', 'L2'] }),
  note('ana', 'v1', { lessonIds: ['L2'] }),
  note('ana', 'v2', { authorId: undefined, lessonIds: ['L3'] }),
  note('ana', 'v3', { lessonIds: ['L2'], passageLessonIds: ['L1'], state: passages('L1') }),
  // …and prepares the visit to come.
  note('ana', 'v4'),
  // Ben stops after the second visit.
  note('ben', 'v1'),
  note('ben', 'v2', { lessonIds: ['L1', 'L3'] }),
  note('ben', 'v2'),
  // Trashed notes and a note at a trashed visit count for nothing.
  note('ben', 'v3', { deletedAt: 1, lessonIds: ['L3'] }),
  note('cleo', 'v3', { deletedAt: 1, lessonIds: ['L3', 'L4'] }),
  note('cleo', 'v5', { lessonIds: ['L4'] }),
];
const input: ParticipationInput = { visits, lessons, notes, members, ownId: 'ana', now: NOW };

describe('participation', () => {
  const result = participation(input);
  const row = (id: string) => result.participants.find((participant) => participant.id === id);
  const titles = (list: readonly Visit[] | undefined) => list?.map((each) => each.id);

  it('counts the notes per participant and per visit, live visits in time order', () => {
    expect(titles(result.visits)).toEqual(['v1', 'v2', 'v3', 'v4']);
    expect(result.latestBegun?.id).toBe('v3');
    expect(result.participants.map(({ id, counts, total }) => ({ id, counts, total }))).toEqual([
      { id: 'ana', counts: [2, 1, 1, 1], total: 5 },
      { id: 'ben', counts: [1, 2, 0, 0], total: 3 },
      { id: 'cleo', counts: [0, 0, 0, 0], total: 0 },
    ]);
    expect(result.visitTotals).toEqual([3, 3, 1, 1]);
    expect(result.total).toBe(8);
  });

  it('tells who has written nothing since which visit, among the visits begun', () => {
    // Ana wrote at the last visit begun: her note for the visit to come changes nothing.
    expect(row('ana')?.lastVisit?.id).toBe('v3');
    expect(row('ana')?.silentSince).toEqual([]);
    expect(row('ben')?.lastVisit?.id).toBe('v2');
    expect(titles(row('ben')?.silentSince)).toEqual(['v3']);
    // A member who joined and never wrote: silent since the start.
    expect(row('cleo')?.lastVisit).toBeNull();
    expect(titles(row('cleo')?.silentSince)).toEqual(['v1', 'v2', 'v3']);
  });

  it('reads the clock it is given', () => {
    const later = participation({ ...input, now: 40 * HOUR });
    expect(titles(later.participants.find((participant) => participant.id === 'ben')?.silentSince)).toEqual(['v3', 'v4']);
    const before = participation({ ...input, now: 0 });
    expect(before.latestBegun).toBeNull();
    expect(before.participants.map((participant) => participant.silentSince)).toEqual([[], [], []]);
    expect(before.participants.map((participant) => participant.lastVisit)).toEqual([null, null, null]);
  });

  it('lists the lessons under either threshold, in the lessons’ order', () => {
    expect([MIN_PARTICIPANTS, MIN_PIECES]).toEqual([2, 3]);
    // L1: Ana and Ben, a whole note each and a passage: enough. L2: three of Ana's alone.
    // L3: Ana and Ben, two pieces. L4: nothing (its notes are trashed or at a trashed visit).
    expect(result.thinLessons.map(({ lesson: { id }, participants, visits: count, pieces }) => ({ id, participants, visits: count, pieces }))).toEqual([
      { id: 'L2', participants: 1, visits: 2, pieces: 3 },
      { id: 'L3', participants: 2, visits: 1, pieces: 2 },
      { id: 'L4', participants: 0, visits: 0, pieces: 0 },
    ]);
  });

  it('counts an author who is not a member (by their name when without an id), and chases none', () => {
    const merged = participation({
      ...input,
      members: [],
      ownId: undefined,
      notes: [note('ana', 'v1', { authorId: undefined, author: 'Dora' }), note('ben', 'v1')],
    });
    expect(merged.participants.map(({ id, name, counts, lastVisit, silentSince }) => ({ id, name, counts, last: lastVisit?.id, silentSince }))).toEqual([
      { id: 'ben', name: 'BEN', counts: [1, 0, 0, 0], last: 'v1', silentSince: [] },
      { id: 'Dora', name: 'Dora', counts: [1, 0, 0, 0], last: 'v1', silentSince: [] },
    ]);
  });
});
