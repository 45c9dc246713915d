// The benchmark's notebook: one expedition, 20 visits over four days, six lessons, and
// French field notes of 150–300 words written as Markdown (paragraphs, a list or a quote
// now and then, bold, #hashtags incl. nested `#lesson/…`, elisions, accents, ligatures).
// Pure TypeScript: the bench page (Chromium) converts these notes with the app's own
// Lexical code; the runner (Node) writes the same notes as files for the import figure
// and builds the journal's records from them.
import { seededRandom } from './seededRandom';
import { makeNoteText } from './searchPage/corpus';

export const EXPEDITION_ID = 'bench-expedition';
export const TIME_ZONE = 'Europe/Paris';
/** Monday 18 November 2024, 08:00 in Paris. */
export const FIRST_DAY = Date.parse('2024-11-18T07:00:00Z');

const ORGANISATIONS = [
  'Michelin',
  'Limagrain',
  'Université Clermont Auvergne',
  'Bpifrance Auvergne',
  'Le Bivouac',
  'Aubert & Duval',
  'Volvic',
  'Vulcania',
  'Dôme Capital',
  'Cluster Innov’Alliance',
  'Clermont Auvergne Métropole',
  'Constellium',
  'Trèves Industries',
  'VetAgro Sup',
  'Centre Hospitalier',
  'La Coopérative Œuvre',
  'Hôtel de Région',
  'Agrocampus',
  'Crédit Agricole Centre France',
  'Fab Lab Clermont',
];
const LESSON_TITLES = [
  'Savoir valoriser ses ressources',
  'Apprendre des autres',
  'Coopérer à l’échelle du territoire',
  'Former et retenir les talents',
  'Innover par l’expérimentation',
  'Financer la transition écologique',
];
export const LESSON_COLORS = ['#c2410c', '#15803d', '#1d4ed8', '#7e22ce', '#b45309', '#0f766e'];

export interface VisitSeed {
  id: string;
  title: string;
  organisation: string;
  start: number;
  end: number;
}

export interface LessonSeed {
  id: string;
  title: string;
  color: string;
  order: number;
}

/** Five visits a day over four days: 8:30, 10:30, 13:30, 15:30, 17:30, 1 h 30 each. */
export function benchVisits(): VisitSeed[] {
  const slots = [1.5, 3.5, 6.5, 8.5, 10.5];
  return ORGANISATIONS.map((organisation, i) => {
    const start = FIRST_DAY + Math.floor(i / 5) * 86_400_000 + slots[i % 5]! * 3_600_000;
    return { id: `bench-visit-${String(i).padStart(2, '0')}`, title: `Visite ${organisation}`, organisation, start, end: start + 90 * 60_000 };
  });
}

export function benchLessons(): LessonSeed[] {
  return LESSON_TITLES.map((title, i) => ({ id: `bench-lesson-${i}`, title, color: LESSON_COLORS[i]!, order: i }));
}

export interface NoteSeed {
  id: string;
  visitIndex: number;
  createdAt: number;
  title: string;
  kind: 'observation' | 'quote' | 'question' | 'idea' | 'action';
  markdown: string;
  /** Lessons linked to the whole note (indices into benchLessons()). */
  lessons: number[];
  /** A lesson to link a passage of the note to, or null. */
  passageLesson: number | null;
  /** Words of the passage: from the `passageAt`-th character of the first paragraph. */
  passageAt: number;
  pinned: boolean;
}

const KINDS: NoteSeed['kind'][] = ['observation', 'observation', 'quote', 'question', 'idea', 'action'];
const NESTED_TAGS = ['#lesson/territoire', '#lesson/ressources', '#à-creuser', '#idée', '#contact/relance', '#énergie'];

/** Markdown from the search bench's Zipf French text, shaped like a real note. */
function shape(text: string, next: () => number): string {
  const sentences = text.split(/(?<=[.?])\s+/);
  const blocks: string[] = [];
  let paragraph: string[] = [];
  for (const sentence of sentences) {
    paragraph.push(sentence);
    if (paragraph.length >= 2 + Math.floor(next() * 3)) {
      blocks.push(paragraph.join(' '));
      paragraph = [];
    }
  }
  if (paragraph.length) blocks.push(paragraph.join(' '));
  const roll = next();
  if (roll < 0.15 && blocks.length > 2) {
    // A list of the shorter sentences.
    const items = blocks
      .splice(1, 1)[0]!
      .split(/(?<=[.?])\s+/)
      .map((s) => `- ${s}`);
    blocks.splice(1, 0, items.join('\n'));
  } else if (roll < 0.3 && blocks.length > 1) {
    blocks[1] = `> « ${blocks[1]} »`;
  }
  if (next() < 0.3) blocks[0] = blocks[0]!.replace(/(\p{L}{6,})/u, '**$1**');
  if (next() < 0.4) blocks.push(NESTED_TAGS[Math.floor(next() * NESTED_TAGS.length)]!);
  return blocks.join('\n\n');
}

export function noteSeeds(count: number, seed = 7, firstIndex = 0): NoteSeed[] {
  const next = seededRandom(seed * 1_000_003 + firstIndex);
  const visits = benchVisits();
  const notes: NoteSeed[] = [];
  for (let i = 0; i < count; i++) {
    const { title, text } = makeNoteText(next);
    const visitIndex = Math.floor(next() * visits.length);
    const visit = visits[visitIndex]!;
    notes.push({
      id: `bench-note-${String(firstIndex + i).padStart(6, '0')}`,
      visitIndex,
      createdAt: visit.start + Math.floor(next() * (visit.end - visit.start)),
      title,
      kind: KINDS[Math.floor(next() * KINDS.length)]!,
      markdown: shape(text, next),
      lessons: next() < 0.3 ? [Math.floor(next() * LESSON_TITLES.length)] : [],
      passageLesson: next() < 0.2 ? Math.floor(next() * LESSON_TITLES.length) : null,
      passageAt: Math.floor(next() * 40),
      pinned: next() < 0.05,
    });
  }
  return notes;
}

/** A long note: `words` words in paragraphs of ~100 words, for the keystroke figure. */
export function longMarkdown(words: number, seed = 99): string {
  const next = seededRandom(seed);
  const paragraphs: string[] = [];
  let total = 0;
  while (total < words) {
    const { text } = makeNoteText(next);
    const chunk = text.split(' ').slice(0, Math.min(100, words - total));
    total += chunk.length;
    paragraphs.push(chunk.join(' '));
  }
  return paragraphs.join('\n\n');
}

/** The same note as a file of an Obsidian-like vault: YAML front matter, then the body. */
export function noteFile(note: NoteSeed): string {
  const visits = benchVisits();
  const lessons = benchLessons();
  const date = new Date(note.createdAt).toISOString().replace(/\.\d+Z$/, 'Z');
  const front = [
    '---',
    note.title ? `title: "${note.title.replace(/"/g, '\\"')}"` : null,
    `visit: "${visits[note.visitIndex]!.title}"`,
    `date: ${date}`,
    note.lessons.length ? `lessons:\n${note.lessons.map((l) => `  - "${lessons[l]!.title}"`).join('\n')}` : null,
    note.pinned ? 'tags: [important]' : null,
    '---',
  ].filter((line) => line !== null);
  return `${front.join('\n')}\n${note.markdown}\n`;
}
