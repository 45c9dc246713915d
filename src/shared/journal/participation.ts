// Who writes what in a shared expedition, for the organiser's overview: notes per
// participant and per visit, who has written nothing since which visit, and the lessons
// too thinly backed for the group's synthesis. Pure: the caller passes the clock.
import type { Lesson, Note, Visit } from '../model';
import { evidenceCount, lessonEvidence } from './evidence';

export interface Member {
  id: string;
  name: string;
}

/** Below this many participants a lesson is one person's view, not yet the group's. */
export const MIN_PARTICIPANTS = 2;
/** Below this many pieces (linked notes and passages) a synthesis has too little to quote. */
export const MIN_PIECES = 3;

export interface ParticipantActivity {
  id: string;
  name: string;
  /** Notes written at each visit, in the order of `Participation.visits`. */
  counts: number[];
  total: number;
  /** The latest visit begun by `now` that they wrote in; null when none. */
  lastVisit: Visit | null;
  /** The visits begun since then (every begun visit when none) where they wrote nothing;
   *  always empty for an author who is not a member (revoked, or known by their notes
   *  only): they are counted, not chased. */
  silentSince: Visit[];
}

export interface LessonSupport {
  lesson: Lesson;
  participants: number;
  visits: number;
  pieces: number;
}

export interface Participation {
  /** The live visits, in time order. */
  visits: Visit[];
  /** The latest of them begun by `now`; null before the first. */
  latestBegun: Visit | null;
  /** Every member and every other author of a note, by name. */
  participants: ParticipantActivity[];
  /** Notes per visit, everyone's. */
  visitTotals: number[];
  total: number;
  /** Lessons below MIN_PARTICIPANTS or MIN_PIECES, in the lessons' order. */
  thinLessons: LessonSupport[];
}

export interface ParticipationInput {
  visits: readonly Visit[];
  lessons: readonly Lesson[];
  /** The expedition's notes, trashed ones included (they are left out here). Only the
   *  linked ones' states are read. */
  notes: readonly Note[];
  /** Who takes part, whether they wrote or not. */
  members: readonly Member[];
  /** The participant whose notebook this is: its notes without an author id are theirs
   *  (written before sharing, or not yet back from the server). */
  ownId?: string;
  now: number;
}

export function participation({ visits, lessons, notes, members, ownId, now }: ParticipationInput): Participation {
  const live = visits.filter((visit) => visit.deletedAt === null).sort((a, b) => a.start - b.start);
  const column = new Map(live.map((visit, index) => [visit.id, index]));
  const written = notes.filter((note) => note.deletedAt === null && column.has(note.visitId));
  const keyOf = (note: Note): string => note.authorId ?? ownId ?? note.author;

  // Members first, so that whoever joined shows even without a note; then any other author.
  const memberIds = new Set(members.map((member) => member.id));
  const rows = new Map(members.map((member) => [member.id, { name: member.name, counts: live.map(() => 0) }]));
  for (const note of written) {
    const key = keyOf(note);
    const row = rows.get(key) ?? { name: note.author, counts: live.map(() => 0) };
    const at = column.get(note.visitId) ?? 0;
    row.counts[at] = (row.counts[at] ?? 0) + 1;
    rows.set(key, row);
  }

  const begun = live.filter((visit) => visit.start <= now).length;
  const participants = [...rows].map(([id, { name, counts }]): ParticipantActivity => {
    const last = counts.slice(0, begun).findLastIndex((count) => count > 0);
    return {
      id,
      name,
      counts,
      total: counts.reduce((sum, count) => sum + count, 0),
      lastVisit: live[last] ?? null,
      silentSince: memberIds.has(id) ? live.slice(last + 1, begun) : [],
    };
  });
  participants.sort((a, b) => a.name.localeCompare(b.name));

  const thinLessons = [...lessons]
    .sort((a, b) => a.order - b.order)
    .map((lesson): LessonSupport => {
      const evidence = lessonEvidence(lesson, live, written);
      const items = evidence.flatMap((visit) => visit.items);
      return {
        lesson,
        participants: new Set(items.map((item) => keyOf(item.note))).size,
        visits: evidence.length,
        pieces: items.reduce((sum, item) => sum + evidenceCount(item), 0),
      };
    })
    .filter((support) => support.participants < MIN_PARTICIPANTS || support.pieces < MIN_PIECES);

  return {
    visits: live,
    latestBegun: live[begun - 1] ?? null,
    participants,
    visitTotals: live.map((_, index) => participants.reduce((sum, participant) => sum + (participant.counts[index] ?? 0), 0)),
    total: written.length,
    thinLessons,
  };
}
