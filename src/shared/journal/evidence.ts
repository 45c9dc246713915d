// What each visit taught for each lesson: the notes linked whole, and the passages
// linked inside notes. The lesson view, the matrix and the journal all read it.
import Papa from 'papaparse';
import { passagesInState } from '../editor/rewrite';
import type { Lesson, Note, Visit } from '../model';

export interface EvidenceItem {
  note: Note;
  /** The whole note is linked to the lesson. */
  whole: boolean;
  /** Passages of the note linked to the lesson, in reading order. */
  passages: string[];
}

export interface VisitEvidence {
  visit: Visit;
  items: EvidenceItem[];
}

/** One lesson's evidence, grouped by visit in time order, notes in time order. */
export function lessonEvidence(lesson: Lesson, visits: readonly Visit[], notes: readonly Note[]): VisitEvidence[] {
  const byVisit = new Map<string, EvidenceItem[]>();
  for (const note of notes) {
    if (note.deletedAt !== null) continue;
    const whole = note.lessonIds.includes(lesson.id);
    const passages = note.passageLessonIds.includes(lesson.id) ? passagesInState(note.state, lesson.id) : [];
    if (!whole && passages.length === 0) continue;
    byVisit.set(note.visitId, [...(byVisit.get(note.visitId) ?? []), { note, whole, passages }]);
  }
  return [...visits]
    .filter((visit) => visit.deletedAt === null && byVisit.has(visit.id))
    .sort((a, b) => a.start - b.start)
    .map((visit) => ({
      visit,
      items: (byVisit.get(visit.id) ?? []).sort((a, b) => a.note.createdAt - b.note.createdAt),
    }));
}

/** How many pieces of evidence (linked notes + linked passages) an item counts for. */
export function evidenceCount(item: EvidenceItem): number {
  return (item.whole ? 1 : 0) + item.passages.length;
}

export interface Matrix {
  visits: Visit[];
  lessons: Lesson[];
  /** cells[visitIndex][lessonIndex]: the evidence of that visit for that lesson. */
  cells: EvidenceItem[][][];
}

export function evidenceMatrix(visits: readonly Visit[], lessons: readonly Lesson[], notes: readonly Note[]): Matrix {
  const liveVisits = visits.filter((visit) => visit.deletedAt === null).sort((a, b) => a.start - b.start);
  const sortedLessons = [...lessons].sort((a, b) => a.order - b.order);
  const cells = liveVisits.map(() => sortedLessons.map((): EvidenceItem[] => []));
  sortedLessons.forEach((lesson, lessonIndex) => {
    for (const { visit, items } of lessonEvidence(lesson, liveVisits, notes)) {
      const row = cells[liveVisits.indexOf(visit)];
      if (row) row[lessonIndex] = items;
    }
  });
  return { visits: liveVisits, lessons: sortedLessons, cells };
}

/** The matrix as CSV (RFC 4180): a header row of lessons, a row per visit. */
export function matrixToCsv(matrix: Matrix, visitHeader: string): string {
  const rows = [
    [visitHeader, ...matrix.lessons.map((lesson) => lesson.title)],
    ...matrix.visits.map((visit, v) => [
      visit.title,
      ...matrix.lessons.map((_, l) => String((matrix.cells[v]?.[l] ?? []).reduce((sum, item) => sum + evidenceCount(item), 0))),
    ]),
  ];
  return Papa.unparse(rows, { newline: '\r\n' }) + '\r\n';
}
