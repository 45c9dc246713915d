// The journal as a book, built from records and the user's choices: a cover, chapters
// (one per visit in time order, then one per lesson), an index of tags. Every renderer
// (HTML/PDF, Markdown, DOCX) reads this model; none of them looks at records again.
import type { Lesson, Locale, Note, NoteKind, Speaker, Visit } from '../model';
import { clockTime, dateRange, longDate, shortDate } from '../text/typography';
import { lessonEvidence } from './evidence';
import type { AttachmentMeta, ExportRecords } from './records';
import { imagesIn, stateToBlocks, type Block } from './richText';
import type { JournalOptions } from './options';
import { JOURNAL_STRINGS } from './strings';

export type { JournalOptions } from './options';

export interface JournalNote {
  id: string;
  /** The id of the note's place in the book, for links from lessons and the index. */
  anchor: string;
  kind: NoteKind;
  kindLabel: string;
  title: string;
  speaker: string;
  author: string;
  /** "10:05", in the expedition's zone. */
  time: string;
  createdAt: number;
  /** ISO 8601 date 'YYYY-MM-DD' in the expedition's zone (Markdown front matter). */
  date: string;
  visitTitle: string;
  tags: string[];
  lessons: string[];
  blocks: Block[];
}

export interface VisitChapter {
  kind: 'visit';
  anchor: string;
  title: string;
  organisation: string;
  /** "mercredi 20 novembre 2024, 09:15–12:30". */
  when: string;
  location: string;
  speakers: Speaker[];
  description: string;
  notes: JournalNote[];
}

export interface Evidence {
  noteAnchor: string;
  /** "Michelin, 20 nov. 2024". */
  reference: string;
  author: string;
  passages: string[];
  /** A whole linked note: its summary when the book has visit chapters, else in full. */
  summary: string | null;
  note: JournalNote | null;
}

export interface LessonChapter {
  kind: 'lesson';
  anchor: string;
  title: string;
  description: string;
  color: string;
  synthesis: Block[];
  evidence: Evidence[];
}

export type Chapter = VisitChapter | LessonChapter;

export interface TagEntry {
  tag: string;
  notes: { anchor: string; reference: string }[];
}

export interface Journal {
  language: Locale;
  title: string;
  author: string;
  place: string;
  dates: string;
  timeZone: string;
  /** Several authors: each note says who wrote it. */
  collective: boolean;
  authors: string[];
  chapters: Chapter[];
  tagIndex: TagEntry[];
  /** Every photo the book shows, once. */
  attachments: AttachmentMeta[];
}

const SUMMARY_WORDS = 40;

function summarise(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  return words.length <= SUMMARY_WORDS ? words.join(' ') : `${words.slice(0, SUMMARY_WORDS).join(' ')}…`;
}

/** "Michelin, 20 nov. 2024": the organisation (or title) and the visit's day. */
export function visitReference(visit: Visit, timeZone: string, language: Locale): string {
  const name = visit.organisation.trim() || visit.title.trim();
  return `${name}, ${shortDate(visit.start, timeZone, language)}`;
}

function visitWhen(visit: Visit, timeZone: string, language: Locale): string {
  const day = longDate(visit.start, timeZone, language);
  if (visit.allDay) return day;
  const start = clockTime(visit.start, timeZone, language);
  return visit.end ? `${day}, ${start}–${clockTime(visit.end, timeZone, language)}` : `${day}, ${start}`;
}

export function buildJournal(records: ExportRecords, options: JournalOptions): Journal {
  const { expedition } = records;
  const language = options.language;
  const strings = JOURNAL_STRINGS[language];
  const timeZone = expedition.timeZone;
  const chosen = options.visitIds ? new Set(options.visitIds) : null;
  const visits = records.visits.filter((visit) => visit.deletedAt === null && (!chosen || chosen.has(visit.id))).sort((a, b) => a.start - b.start);
  const visitById = new Map(visits.map((visit) => [visit.id, visit]));
  const notes = records.notes.filter((note) => note.deletedAt === null && visitById.has(note.visitId)).sort((a, b) => a.createdAt - b.createdAt);
  const lessons = [...records.lessons].sort((a, b) => a.order - b.order);
  const lessonTitles = new Map(lessons.map((lesson) => [lesson.id, lesson.title]));
  const attachmentsById = new Map(records.attachments.map((attachment) => [attachment.id, attachment]));

  const journalNote = (note: Note): JournalNote => {
    const visit = visitById.get(note.visitId);
    const blocks = stateToBlocks(note.state).filter((block) => block.kind !== 'image' || (options.photos && attachmentsById.has(block.attachmentId)));
    return {
      id: note.id,
      anchor: `note-${note.id}`,
      kind: note.kind,
      kindLabel: strings.kinds[note.kind],
      title: note.title.trim(),
      speaker: note.speaker.trim(),
      author: note.author,
      time: clockTime(note.createdAt, timeZone, language),
      createdAt: note.createdAt,
      date: new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(note.createdAt),
      visitTitle: visit?.title ?? '',
      tags: note.tags,
      lessons: [...new Set([...note.lessonIds, ...note.passageLessonIds])].flatMap((id) => lessonTitles.get(id) ?? []),
      blocks,
    };
  };
  const journalNotes = new Map(notes.map((note) => [note.id, journalNote(note)]));

  const visitChapters: VisitChapter[] = visits.map((visit) => ({
    kind: 'visit',
    anchor: `visit-${visit.id}`,
    title: visit.title,
    organisation: visit.organisation,
    when: visitWhen(visit, timeZone, language),
    location: visit.location,
    speakers: visit.speakers,
    description: visit.description,
    notes: notes.filter((note) => note.visitId === visit.id).flatMap((note) => journalNotes.get(note.id) ?? []),
  }));

  const withVisits = options.structure === 'visitsThenLessons';
  const lessonChapters: LessonChapter[] = lessons.map((lesson: Lesson) => ({
    kind: 'lesson',
    anchor: `lesson-${lesson.id}`,
    title: lesson.title,
    description: lesson.description,
    color: lesson.color,
    synthesis: options.synthesis ? stateToBlocks(lesson.synthesis) : [],
    evidence: lessonEvidence(lesson, visits, notes).flatMap(({ visit, items }) =>
      items
        .filter((item) => item.whole || (options.passages && item.passages.length > 0))
        .map((item): Evidence => {
          const note = journalNotes.get(item.note.id) ?? null;
          return {
            noteAnchor: `note-${item.note.id}`,
            reference: visitReference(visit, timeZone, language),
            author: item.note.author,
            passages: options.passages ? item.passages : [],
            summary: item.whole && withVisits ? summarise(item.note.title || item.note.text) : null,
            note: item.whole && !withVisits ? note : null,
          };
        }),
    ),
  }));

  const shownNotes = withVisits ? notes : notes.filter((note) => lessonChapters.some((chapter) => chapter.evidence.some((e) => e.note?.id === note.id)));
  const tagIndex = options.tagIndex ? buildTagIndex(shownNotes, visitById, timeZone, language) : [];
  const shown = [...(withVisits ? visitChapters.flatMap((c) => c.notes) : []), ...lessonChapters.flatMap((c) => c.evidence.flatMap((e) => e.note ?? []))];
  const attachmentIds = new Set(shown.flatMap((note) => imagesIn(note.blocks).map((image) => image.attachmentId)));
  const authors = [...new Set(notes.map((note) => note.author.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));

  return {
    language,
    title: options.title.trim() || expedition.title,
    // A collective journal's authors are the group, whoever exports it.
    author: authors.length > 1 ? authors.join(', ') : options.author.trim(),
    place: expedition.place,
    dates: dateRange(expedition.startDate, expedition.endDate, language),
    timeZone,
    collective: authors.length > 1,
    authors,
    chapters: [...(withVisits ? visitChapters : []), ...lessonChapters],
    tagIndex,
    attachments: [...attachmentIds].flatMap((id) => attachmentsById.get(id) ?? []),
  };
}

function buildTagIndex(notes: Note[], visits: Map<string, Visit>, timeZone: string, language: Locale): TagEntry[] {
  const byTag = new Map<string, TagEntry['notes']>();
  for (const note of notes) {
    const visit = visits.get(note.visitId);
    if (!visit) continue;
    for (const tag of note.tags) {
      const entries = byTag.get(tag) ?? [];
      entries.push({ anchor: `note-${note.id}`, reference: visitReference(visit, timeZone, language) });
      byTag.set(tag, entries);
    }
  }
  return [...byTag.entries()].sort(([a], [b]) => a.localeCompare(b, language)).map(([tag, entries]) => ({ tag, notes: entries }));
}
