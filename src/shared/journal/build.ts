// The journal as a book, built from records and the user's choices: a cover, chapters
// (one per visit in time order, then one per lesson), an index of tags. The expedition's
// book opens instead with an executive summary (each lesson's group synthesis and its
// strongest evidence), then the lessons, then the visits with their contributors. Every
// renderer (HTML/PDF, Markdown, DOCX) reads this model; none of them looks at records again.
import { firstLine } from '../editor/derive';
import type { Lesson, Locale, Note, NoteKind, Speaker, Visit } from '../model';
import { clockTime, dateRange, longDate, shortDate } from '../text/typography';
import { expeditionAgreement, STRONGEST_COUNT, type Agreement } from './agreement';
import { lessonEvidence } from './evidence';
import type { AttachmentMeta, ExportRecords } from './records';
import { imagesIn, inlineText, stateToBlocks, type Block } from './richText';
import type { JournalOptions } from './options';
import { quotedIn } from './quoted';
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
  /** Who wrote the visit's notes, by name. */
  contributors: string[];
  notes: JournalNote[];
}

/** A linked passage; `before` and `after` hold the rest of its sentence when it is short. */
export interface Passage {
  before: string;
  text: string;
  after: string;
}

/** A whole note told in a few lines: its title apart from the start of its body. */
export interface NoteSummary {
  title: string;
  excerpt: string;
}

export interface Evidence {
  noteAnchor: string;
  /** The note's kind and time, "Observation · 10:05": its visit is the heading above it. */
  reference: string;
  author: string;
  /** A quote's speaker ("— Claire Vernet"), '' for other notes. */
  speaker: string;
  passages: Passage[];
  /** A whole linked note: its summary when the book has visit chapters, else in full. */
  summary: NoteSummary | null;
  note: JournalNote | null;
}

/** A visit as a heading or a mention: "Michelin — pratiques d’innovation ouverte · 20 nov. 2024". */
export interface VisitMention {
  /** Its chapter's anchor, '' when the book has no visit chapters. */
  anchor: string;
  heading: string;
}

/** What one visit showed of a lesson, under the visit's heading. */
export interface LessonVisit extends VisitMention {
  evidence: Evidence[];
}

export interface LessonChapter {
  kind: 'lesson';
  anchor: string;
  title: string;
  description: string;
  color: string;
  synthesis: Block[];
  /** The evidence grouped by visit, in time order; none when nothing was linked. */
  visits: LessonVisit[];
}

/** One of a lesson's strongest pieces of evidence, with everyone who linked it. */
export interface KeyEvidence {
  /** A whole note's title, '' for a quote or a passage. */
  title: string;
  /** The quote, the passage within its sentence, or the start of a whole note's body. */
  excerpt: Passage;
  noteAnchor: string;
  speaker: string;
  reference: string;
  authors: string[];
}

export interface SummaryLesson {
  /** The lesson's chapter. */
  anchor: string;
  title: string;
  color: string;
  /** The group's synthesis. */
  synthesis: Block[];
  /** The book shows the group's syntheses and this one is still empty: it says so. */
  synthesisMissing: boolean;
  /** The strongest evidence the synthesis does not already quote. */
  strongest: KeyEvidence[];
  /** Nothing at all was linked to the lesson. */
  noEvidence: boolean;
}

/** The expedition's book opens with it: what the group learnt, lesson by lesson. */
export interface SummaryChapter {
  kind: 'summary';
  anchor: string;
  title: string;
  lessons: SummaryLesson[];
  /** The visits nobody linked to any lesson. */
  unlinkedVisits: VisitMention[];
}

export type Chapter = SummaryChapter | VisitChapter | LessonChapter;

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

/** The first words of a text, on one line; cut, it ends with "…" (after a word, not after
 *  the punctuation that followed it). */
export function summarise(text: string): string {
  const words = text.replace(/\s+/g, ' ').trim().split(' ');
  if (words.length <= SUMMARY_WORDS) return words.join(' ');
  const kept = words.slice(0, SUMMARY_WORDS);
  while (kept.length > 1 && /^[,;:–—-]$/.test(kept[kept.length - 1] ?? '')) kept.pop();
  return `${kept.join(' ').replace(/[,;:]+$/, '')}…`;
}

/** Ends a sentence, a clause or an introduction, closing quotes or brackets after it. */
const PUNCTUATED = /[.!?…;:,][»”"')\]]*$/;
const SENTENCE_ENDED = /[.!?…][»”"')\]]*$/;
/** Hashtags at the end of a line: the note's tags are shown elsewhere. */
const TRAILING_TAGS = /(?:^|\s+)(?:#[\p{L}\p{N}_-]+\s*)+$/u;

/** A note's blocks as one run of prose for an excerpt: paragraphs as sentences, list items
 *  apart (a semicolon between them unless they end with their own punctuation), a paragraph that
 *  introduces a list followed by a colon, hashtags at the end of a block dropped, photos
 *  left out. */
export function blocksProse(blocks: readonly Block[], language: Locale): string {
  const segments: { text: string; item: boolean }[] = [];
  const add = (text: string, item: boolean) => {
    const clean = text.replace(/\s+/g, ' ').replace(TRAILING_TAGS, '').trim();
    if (clean) segments.push({ text: clean, item });
  };
  const walk = (of: readonly Block[]) => {
    for (const block of of) {
      if (block.kind === 'list')
        for (const item of block.items) {
          add(inlineText(item.inlines), true);
          walk(item.children);
        }
      else if (block.kind !== 'image') add(inlineText(block.inlines), false);
    }
  };
  walk(blocks);
  const [colon, semicolon] = language === 'fr' ? [' : ', ' ; '] : [': ', '; '];
  // What follows the end of a sentence starts with a capital, even a list item.
  const sentence = (text: string) => text.charAt(0).toLocaleUpperCase(language) + text.slice(1);
  const prose = segments
    .map(({ text, item }, index) => {
      const previous = segments[index - 1];
      if (!previous) return text;
      if (SENTENCE_ENDED.test(previous.text)) return ` ${sentence(text)}`;
      if (PUNCTUATED.test(previous.text)) return ` ${text}`;
      if (item) return previous.item ? `${semicolon}${text}` : `${colon}${text}`;
      return `. ${sentence(text)}`;
    })
    .join('');
  // A list that ends the note ends its sentence.
  return segments.at(-1)?.item && !PUNCTUATED.test(prose) ? `${prose}.` : prose;
}

/** A whole note's title (its own, else the heading it opens with) apart from its body. */
function noteSummary(note: Note, blocks: readonly Block[], language: Locale): NoteSummary {
  const first = firstLine(note.text);
  const opening = blocks[0]?.kind === 'heading' ? blocks[0] : null;
  const title = note.title.trim() || (opening ? first : '');
  // The heading the title came from, or that repeats it, is not the body.
  const body = opening && (!note.title.trim() || inlineText(opening.inlines).trim() === title) ? blocks.slice(1) : blocks;
  const prose = blocksProse(body, language);
  if (prose || blocks.length > 0) return { title, excerpt: summarise(prose) };
  // A note without a state (or one that cannot be read): its plain text.
  return { title, excerpt: summarise(title && first === title ? note.text.slice(note.text.indexOf(first) + first.length) : note.text) };
}

/** A passage this short or shorter is shown within its sentence. */
const SHORT_PASSAGE_WORDS = 25;
/** At most this many words of context on each side… */
const CONTEXT_WORDS = 30;
/** …looked for this far around the passage, so that a huge note is not read again for
 *  each of its passages. */
const CONTEXT_CHARS = 1_000;
const SENTENCE_END = /[.!?…]+[»”"')\]]*(?=\s|$)|\n/g;

/** A note's linked passages (in reading order), each short one with the rest of its
 *  sentence, found in the note's text from where the previous one ended. After one that
 *  cannot be found the others stand alone: the note's text is read once. */
export function passagesInContext(text: string, passages: readonly string[]): Passage[] {
  let from = 0;
  return passages.map((passage) => {
    const trimmed = passage.trim();
    const at = from < 0 ? -1 : text.indexOf(trimmed, from);
    from = at < 0 ? -1 : at + trimmed.length;
    if (at < 0 || trimmed.split(/\s+/).length > SHORT_PASSAGE_WORDS) return { before: '', text: trimmed, after: '' };

    const windowStart = Math.max(0, at - CONTEXT_CHARS);
    let start = windowStart;
    for (const end of text.slice(windowStart, at).matchAll(SENTENCE_END)) start = windowStart + end.index + end[0].length;
    const tail = text.slice(from, from + CONTEXT_CHARS);
    // A passage that ends its sentence takes nothing after it.
    const endsSentence = /[.!?…][»”"')\]]*$/.test(trimmed);
    const stop = endsSentence ? undefined : tail.matchAll(SENTENCE_END).next().value;
    const end = endsSentence ? 0 : stop ? stop.index + (stop[0] === '\n' ? 0 : stop[0].length) : tail.length;

    // Words with the spaces between them: "Les ", "salariés " before; " à", " leurs" after.
    const before = text
      .slice(start, at)
      .trimStart()
      .split(/(?<=\s)(?=\S)/);
    const after = tail
      .slice(0, end)
      .trimEnd()
      .split(/(?<=\S)(?=\s)/);
    const cutBefore = before.length > CONTEXT_WORDS || (start === windowStart && windowStart > 0);
    const cutAfter = after.length > CONTEXT_WORDS || (!stop && !endsSentence && from + CONTEXT_CHARS < text.length);
    return {
      before: cutBefore ? `…${before.slice(-CONTEXT_WORDS).join('')}` : before.join(''),
      text: trimmed,
      after: cutAfter ? `${after.slice(0, CONTEXT_WORDS).join('').trimEnd()}…` : after.join(''),
    };
  });
}

/** "Michelin, 20 nov. 2024": the organisation (or title) and the visit's day. */
export function visitReference(visit: Visit, timeZone: string, language: Locale): string {
  const name = visit.organisation.trim() || visit.title.trim();
  return `${name}, ${shortDate(visit.start, timeZone, language)}`;
}

/** "Michelin — pratiques d’innovation ouverte · 20 nov. 2024": the visit's title and day,
 *  heading its evidence in a lesson chapter. */
export function visitHeading(visit: Visit, timeZone: string, language: Locale): string {
  const name = visit.title.trim() || visit.organisation.trim();
  return `${name} · ${shortDate(visit.start, timeZone, language)}`;
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

  const authorsOf = (of: readonly Note[]) => [...new Set(of.map((note) => note.author.trim()).filter(Boolean))].sort((a, b) => a.localeCompare(b, 'fr'));
  const visitChapters: VisitChapter[] = visits.map((visit) => {
    const visitNotes = notes.filter((note) => note.visitId === visit.id);
    return {
      kind: 'visit',
      anchor: `visit-${visit.id}`,
      title: visit.title,
      organisation: visit.organisation,
      when: visitWhen(visit, timeZone, language),
      location: visit.location,
      speakers: visit.speakers,
      description: visit.description,
      contributors: authorsOf(visitNotes),
      notes: visitNotes.flatMap((note) => journalNotes.get(note.id) ?? []),
    };
  });

  const book = options.structure === 'book';
  const withVisits = options.structure !== 'lessonsOnly';
  const summaryOf = (note: Note): NoteSummary => noteSummary(note, journalNotes.get(note.id)?.blocks ?? [], language);
  const visitMention = (visit: Visit): VisitMention => ({
    anchor: withVisits ? `visit-${visit.id}` : '',
    heading: visitHeading(visit, timeZone, language),
  });
  const speakerOf = (note: Note): string => (note.kind === 'quote' ? note.speaker.trim() : '');
  const lessonChapters: LessonChapter[] = lessons.map((lesson: Lesson) => ({
    kind: 'lesson',
    anchor: `lesson-${lesson.id}`,
    title: lesson.title,
    description: lesson.description,
    color: lesson.color,
    // The book's synthesis is the group's, in its summary; each participant's stays theirs.
    synthesis: options.synthesis && !book ? stateToBlocks(lesson.synthesis) : [],
    visits: lessonEvidence(lesson, visits, notes).flatMap(({ visit, items }): LessonVisit[] => {
      const evidence = items
        .filter((item) => item.whole || (options.passages && item.passages.length > 0))
        .map((item): Evidence => ({
          noteAnchor: `note-${item.note.id}`,
          reference: `${strings.kinds[item.note.kind]} · ${clockTime(item.note.createdAt, timeZone, language)}`,
          author: item.note.author,
          speaker: speakerOf(item.note),
          passages: options.passages ? passagesInContext(item.note.text, item.passages) : [],
          summary: item.whole && withVisits ? summaryOf(item.note) : null,
          note: item.whole && !withVisits ? (journalNotes.get(item.note.id) ?? null) : null,
        }));
      return evidence.length > 0 ? [{ ...visitMention(visit), evidence }] : [];
    }),
  }));
  const lessonItems = (chapter: LessonChapter): Evidence[] => chapter.visits.flatMap((v) => v.evidence);

  const summaryChapter = (): SummaryChapter => {
    const agreement = expeditionAgreement({ visits, lessons, notes });
    const groupSyntheses = new Map<string, string>();
    for (const synthesis of [...(records.groupSyntheses ?? [])].sort((a, b) => a.updatedAt - b.updatedAt))
      groupSyntheses.set(synthesis.lessonId, synthesis.state);
    const keyEvidence = (found: Agreement): KeyEvidence => {
      const whole = found.mentions.some((m) => m.whole && m.note === found.note);
      // A whole note reads as in the lesson chapters: its title apart, unless it is a quote.
      const summary = whole && found.note.kind !== 'quote' ? summaryOf(found.note) : null;
      return {
        title: summary?.title ?? '',
        excerpt: whole
          ? { before: '', text: summary?.excerpt ?? summarise(found.text), after: '' }
          : (passagesInContext(found.note.text, [found.text])[0] ?? { before: '', text: found.text, after: '' }),
        noteAnchor: `note-${found.note.id}`,
        speaker: found.speaker,
        reference: visitReference(found.visit, timeZone, language),
        authors: found.participants.map((p) => p.name),
      };
    };
    return {
      kind: 'summary',
      anchor: 'summary',
      title: strings.summary,
      lessons: agreement.lessons.map(({ lesson, ranked }) => {
        const state = options.synthesis ? (groupSyntheses.get(lesson.id) ?? '') : '';
        const synthesis = stateToBlocks(state);
        const quoted = quotedIn(state);
        return {
          anchor: `lesson-${lesson.id}`,
          title: lesson.title,
          color: lesson.color,
          synthesis,
          synthesisMissing: options.synthesis && synthesis.length === 0,
          strongest: ranked
            .filter((found) => !quoted(found.text))
            .slice(0, STRONGEST_COUNT)
            .map(keyEvidence),
          noEvidence: ranked.length === 0,
        };
      }),
      unlinkedVisits: agreement.unlinkedVisits.map(visitMention),
    };
  };

  const chapters: Chapter[] = book ? [summaryChapter(), ...lessonChapters, ...visitChapters] : [...(withVisits ? visitChapters : []), ...lessonChapters];

  const shownNotes = withVisits ? notes : notes.filter((note) => lessonChapters.some((chapter) => lessonItems(chapter).some((e) => e.note?.id === note.id)));
  const tagIndex = options.tagIndex ? buildTagIndex(shownNotes, visitById, timeZone, language) : [];
  const shown = [...(withVisits ? visitChapters.flatMap((c) => c.notes) : []), ...lessonChapters.flatMap((c) => lessonItems(c).flatMap((e) => e.note ?? []))];
  const attachmentIds = new Set(shown.flatMap((note) => imagesIn(note.blocks).map((image) => image.attachmentId)));
  const authors = authorsOf(notes);

  return {
    language,
    title: options.title.trim() || expedition.title,
    // A collective journal's authors are the group, whoever exports it.
    author: authors.length > 1 ? authors.join(', ') : options.author.trim(),
    place: expedition.place,
    dates: dateRange(expedition.startDate, expedition.endDate, language),
    timeZone,
    // The expedition's book names each item's author, however many wrote.
    collective: book || authors.length > 1,
    authors,
    chapters,
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
