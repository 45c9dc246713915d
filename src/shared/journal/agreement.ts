// Where the group agrees: for each lesson, who linked what at each visit, the quotes and
// passages several participants linked alike, the strongest evidence (the executive
// summary of the expedition's book opens with it), and the visits nobody linked to any
// lesson. Pure: the journal, the CLI and the app's views all read it.
import type { Lesson, Note, Visit } from '../model';
import { tokenize } from '../text/fold';
import { isIndexable } from '../text/stopWords';
import { evidenceMatrix, type EvidenceItem } from './evidence';

/** A participant: `authorId` in a shared expedition, else the author's name. */
export interface Participant {
  key: string;
  name: string;
}

/** What one participant linked to a lesson at a visit. */
export interface Contribution {
  participant: Participant;
  items: EvidenceItem[];
}

/** One visit × lesson cell: the participants who linked something, and what. */
export interface AgreementCell {
  visit: Visit;
  contributions: Contribution[];
}

/** One thing a participant linked: a passage, or a whole note (its text). */
export interface Mention {
  participant: Participant;
  note: Note;
  /** The passage, or the whole note's text. */
  text: string;
  whole: boolean;
}

/** Near-identical mentions of one visit for one lesson, by one or more participants. */
export interface Agreement {
  visit: Visit;
  /** The fullest of the mentions: the one to quote. */
  text: string;
  /** The speaker when one of the mentions is a quote note. */
  speaker: string;
  /** The note of the mention quoted. */
  note: Note;
  /** Distinct participants, in the order they linked it. */
  participants: Participant[];
  mentions: Mention[];
}

export interface LessonAgreement {
  lesson: Lesson;
  /** The visits where someone linked something to the lesson, in time order. */
  cells: AgreementCell[];
  /** What at least two participants linked alike, most participants first. */
  shared: Agreement[];
  /** All of the lesson's evidence, best first: most participants, then quotes of a named
   *  speaker, then the order they were linked in. */
  ranked: Agreement[];
}

export interface ExpeditionAgreement {
  /** Everyone who wrote a note (trashed ones aside), by name. */
  participants: Participant[];
  lessons: LessonAgreement[];
  /** Live visits that nobody linked to any lesson, in time order. */
  unlinkedVisits: Visit[];
}

export interface AgreementRecords {
  visits: readonly Visit[];
  lessons: readonly Lesson[];
  notes: readonly Note[];
}

/** How many of the ranked agreements the book's summary shows. */
export const STRONGEST_COUNT = 3;

export function participantOf(note: Pick<Note, 'author' | 'authorId'>): Participant {
  const name = note.author.trim();
  return { key: note.authorId ?? name, name };
}

/** The expedition's agreement: one entry per lesson in the lessons' order. */
export function expeditionAgreement(records: AgreementRecords): ExpeditionAgreement {
  const matrix = evidenceMatrix(records.visits, records.lessons, records.notes);
  const participants = new Map<string, Participant>();
  for (const note of records.notes) {
    const participant = participantOf(note);
    if (note.deletedAt === null) participants.set(participant.key, participant);
  }
  const lessons = matrix.lessons.map((lesson, l): LessonAgreement => {
    const cells: AgreementCell[] = [];
    const agreements: Agreement[] = [];
    matrix.visits.forEach((visit, v) => {
      const items = matrix.cells[v]?.[l] ?? [];
      if (items.length === 0) return;
      cells.push({ visit, contributions: byParticipant(items) });
      agreements.push(...clusters(visit, mentionsOf(items)));
    });
    const ranked = agreements
      .map((agreement, order) => ({ agreement, order }))
      .sort(
        (a, b) =>
          b.agreement.participants.length - a.agreement.participants.length ||
          Number(b.agreement.speaker !== '') - Number(a.agreement.speaker !== '') ||
          a.order - b.order,
      )
      .map(({ agreement }) => agreement);
    return { lesson, cells, shared: ranked.filter((a) => a.participants.length > 1), ranked };
  });
  const unlinkedVisits = matrix.visits.filter((_, v) => (matrix.cells[v] ?? []).every((items) => items.length === 0));
  return { participants: [...participants.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')), lessons, unlinkedVisits };
}

function byParticipant(items: readonly EvidenceItem[]): Contribution[] {
  const contributions = new Map<string, Contribution>();
  for (const item of items) {
    const participant = participantOf(item.note);
    const known = contributions.get(participant.key);
    if (known) known.items.push(item);
    else contributions.set(participant.key, { participant, items: [item] });
  }
  return [...contributions.values()];
}

function mentionsOf(items: readonly EvidenceItem[]): Mention[] {
  return items.flatMap((item) => {
    const participant = participantOf(item.note);
    const passages = item.passages.map((text): Mention => ({ participant, note: item.note, text, whole: false }));
    return item.whole ? [{ participant, note: item.note, text: item.note.text, whole: true }, ...passages] : passages;
  });
}

/** Two mentions agree when their meaningful words (folded, accents and elisions aside, no
 *  stop words) overlap: Dice 2|A∩B| / (|A| + |B|) ≥ 0.6, with at least three words in
 *  common. Two quote notes of the same speaker need 0.4 only: they report the same words,
 *  written down more or less fully. Mentions are only compared within one visit. */
const AGREE = 0.6;
const AGREE_SAME_SPEAKER = 0.4;
const MIN_COMMON_WORDS = 3;

function wordsOf(text: string): Set<string> {
  return new Set(tokenize(text).filter(isIndexable));
}

function quoteSpeaker(note: Note): string {
  return note.kind === 'quote' ? note.speaker.trim().toLocaleLowerCase('fr') : '';
}

function agree(a: { words: Set<string>; speaker: string }, b: { words: Set<string>; speaker: string }): boolean {
  let common = 0;
  for (const word of a.words) if (b.words.has(word)) common++;
  if (common < MIN_COMMON_WORDS) return false;
  const dice = (2 * common) / (a.words.size + b.words.size);
  return dice >= (a.speaker !== '' && a.speaker === b.speaker ? AGREE_SAME_SPEAKER : AGREE);
}

/** Mentions grouped single-link, in the order they were linked: a mention joins the first
 *  group with a member it agrees with. */
function clusters(visit: Visit, mentions: readonly Mention[]): Agreement[] {
  const groups: { members: { mention: Mention; words: Set<string>; speaker: string }[] }[] = [];
  for (const mention of mentions) {
    const member = { mention, words: wordsOf(mention.text), speaker: quoteSpeaker(mention.note) };
    const group = groups.find((g) => g.members.some((other) => agree(member, other)));
    if (group) group.members.push(member);
    else groups.push({ members: [member] });
  }
  return groups.map(({ members }) => {
    const all = members.map((m) => m.mention);
    const quoted = all.reduce((best, m) => (m.text.trim().length > best.text.trim().length ? m : best));
    const participants = new Map(all.map((m) => [m.participant.key, m.participant]));
    const speaker = all.map((m) => (m.note.kind === 'quote' ? m.note.speaker.trim() : '')).find(Boolean) ?? '';
    return { visit, text: quoted.text.trim(), speaker, note: quoted.note, participants: [...participants.values()], mentions: all };
  });
}
