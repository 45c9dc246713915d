// Generated typing sessions for the typing-fidelity suite, and the model of what each one
// must leave in the note. A session is a list of steps a person does at the keyboard
// (keys, Enter, Shift+Enter, Backspace, Delete, Ctrl+Backspace, undo and redo, typing over
// a selection, Markdown shortcuts, an input method's compositions, pastes); the model
// applies the same steps to blocks of characters. Seeded: the same seed gives the same
// session, so a failure is replayed from the seed it prints.
import { seededRandom } from '../../../bench/seededRandom';

export type BlockKind = 'paragraph' | 'h1' | 'h2' | 'quote' | 'bullet' | 'number' | 'check';
export const LIST_KINDS: readonly BlockKind[] = ['bullet', 'number', 'check'];

/** One block as the editor should hold it: its kind, its text ('\n' for Shift+Enter)
 *  and, per character, whether it is bold (as a string of 'b' and '.'). */
export interface ExpectedBlock {
  kind: BlockKind;
  text: string;
  bold: string;
}

export type Step =
  | { do: 'type'; text: string }
  /** An input method: the composition shown while typing, then the committed text
   *  (a dead key is a composition of one accent). */
  | { do: 'compose'; updates: string[]; commit: string }
  | { do: 'enter' }
  | { do: 'softBreak' }
  | { do: 'backspace'; count: number }
  | { do: 'delete'; count: number }
  | { do: 'left'; count: number }
  | { do: 'end' }
  | { do: 'deleteWord' }
  /** Shift+ArrowLeft `count` times, then `text` typed over the selection. */
  | { do: 'replace'; count: number; text: string }
  /** After a pause, a word typed, a pause, Ctrl+Z; then Ctrl+Shift+Z if `redo`. */
  | { do: 'undo'; word: string; redo: boolean }
  /** `**word**` typed: the word turns bold. */
  | { do: 'bold'; word: string }
  /** A Markdown shortcut typed at the start of an empty paragraph. */
  | { do: 'shortcut'; marker: string; kind: BlockKind }
  /** Plain text pasted from the clipboard. */
  | { do: 'paste'; text: string };

interface Char {
  c: string;
  bold: boolean;
}

interface ModelBlock {
  kind: BlockKind;
  chars: Char[];
}

const graphemes = new Intl.Segmenter('fr', { granularity: 'grapheme' });
export const splitGraphemes = (text: string): string[] => [...graphemes.segment(text)].map((s) => s.segment);

/** The document a session leaves: blocks, and the caret in the last one. Steps only ever
 *  edit the last block, as a person writing a note mostly does. */
export class TypingModel {
  readonly blocks: ModelBlock[] = [{ kind: 'paragraph', chars: [] }];
  caret = 0;

  get last(): ModelBlock {
    return this.blocks[this.blocks.length - 1]!;
  }

  private insert(text: string, bold = false): void {
    const chars = splitGraphemes(text).map((c) => ({ c, bold }));
    this.last.chars.splice(this.caret, 0, ...chars);
    this.caret += chars.length;
    // Graphemes can join across the caret (a flag typed as two regional indicators).
    this.renormalise();
  }

  private renormalise(): void {
    const block = this.last;
    const before = splitGraphemes(
      block.chars
        .slice(0, this.caret)
        .map((ch) => ch.c)
        .join(''),
    );
    const all = splitGraphemes(block.chars.map((ch) => ch.c).join(''));
    if (all.length === block.chars.length) return;
    const bold = block.chars.some((ch) => ch.bold);
    if (bold) throw new Error('graphemes joining next to bold text are not modelled');
    block.chars = all.map((c) => ({ c, bold: false }));
    this.caret = before.length;
  }

  apply(step: Step): void {
    const block = this.last;
    switch (step.do) {
      case 'type':
      case 'paste':
        return this.insert(step.text);
      case 'compose':
        return this.insert(step.commit);
      case 'bold':
        return this.insert(step.word, true);
      case 'softBreak':
        return this.insert('\n');
      case 'enter': {
        if (this.caret !== block.chars.length) throw new Error('Enter is only modelled at the end of a block');
        if (LIST_KINDS.includes(block.kind) && block.chars.length === 0) block.kind = 'paragraph';
        else this.blocks.push({ kind: LIST_KINDS.includes(block.kind) ? block.kind : 'paragraph', chars: [] });
        this.caret = 0;
        return;
      }
      case 'backspace':
        block.chars.splice(this.caret - step.count, step.count);
        this.caret -= step.count;
        return this.renormalise();
      case 'delete':
        block.chars.splice(this.caret, step.count);
        return this.renormalise();
      case 'left':
        this.caret -= step.count;
        return;
      case 'end':
        this.caret = block.chars.length;
        return;
      case 'deleteWord': {
        const word = trailingWord(this.textBeforeCaret());
        block.chars.splice(this.caret - word.length, word.length);
        this.caret -= word.length;
        return;
      }
      case 'replace':
        block.chars.splice(this.caret - step.count, step.count);
        this.caret -= step.count;
        return this.insert(step.text);
      case 'undo':
        if (step.redo) this.insert(step.word);
        return;
      case 'shortcut':
        block.kind = step.kind;
        return;
    }
  }

  textBeforeCaret(): string {
    return this.last.chars
      .slice(0, this.caret)
      .map((ch) => ch.c)
      .join('');
  }

  /** Characters from the caret back to the start of its line (Shift+Enter starts one). */
  charsBackOnLine(): number {
    let count = 0;
    for (let at = this.caret - 1; at >= 0 && this.last.chars[at]!.c !== '\n'; at--) count++;
    return count;
  }

  charsForwardOnLine(): number {
    let count = 0;
    for (let at = this.caret; at < this.last.chars.length && this.last.chars[at]!.c !== '\n'; at++) count++;
    return count;
  }

  /** Whether typing `text` at the caret (after removing `removed` characters before it)
   *  would make a Markdown shortcut fire: a marker then a space at the start of a block,
   *  at any point while the text is typed. Sessions type shortcuts on purpose only. */
  wouldFireShortcut(text: string, removed = 0): boolean {
    if (LIST_KINDS.includes(this.last.kind)) return false;
    const before = splitGraphemes(this.textBeforeCaret())
      .slice(0, this.caret - removed)
      .join('');
    if (before.includes('\n')) return false;
    for (let end = 1; end <= text.length; end++) {
      if (text[end - 1] === ' ' && MARKER.test(before + text.slice(0, end))) return true;
    }
    return false;
  }

  /** Whether bold text is within `[from, to)` of the last block or touches that range. */
  boldNear(from: number, to: number): boolean {
    const chars = this.last.chars;
    for (let at = Math.max(0, from - 1); at <= Math.min(chars.length - 1, to); at++) if (chars[at]!.bold) return true;
    return false;
  }

  expected(): ExpectedBlock[] {
    return this.blocks.map(({ kind, chars }) => ({
      kind,
      text: chars.map((ch) => ch.c).join(''),
      bold: chars.map((ch) => (ch.bold ? 'b'.repeat(ch.c.length) : '.'.repeat(ch.c.length))).join(''),
    }));
  }
}

/** Lexical's block shortcuts (heading, quote, lists, check list), up to the space. */
const MARKER = /^\s*(#{1,6}|>|[-*+]|\d+\.|(-\s)?\s?\[(\s|x)?\])\s$/i;

/** The letters Ctrl+Backspace removes in these sessions: a word of letters after a space
 *  or at the start of the block. */
function trailingWord(text: string): string {
  return /(?<=^|[ \n])\p{L}+$/u.exec(text)?.[0] ?? '';
}

// What people write in a field note, in French and English.
const WORDS = [
  'visite',
  'atelier',
  'l’usine',
  'pneumatique',
  'équipe',
  'innovation',
  'Clermont-Ferrand',
  'été',
  'œuvre',
  'cœur',
  'naïve',
  'coût',
  'où',
  'déjà',
  'Noël',
  'garçon',
  'élève',
  'ça',
  'qu’on',
  'aujourd’hui',
  'd’abord',
  'très',
  'Ça',
  'À',
  'Élise',
  'Œdipe',
  'the',
  'team',
  'workshop',
  'learning',
  'don’t',
  "it's",
  'start-up',
  'co-design',
  'R&D',
  'prototype',
  'client',
  'données',
  'accélérateur',
  'université',
  'chercheurs',
  'brevets',
  'usagers',
  'pilote',
];
const NUMBERS = ['2024', '12,5', '3', '15h30', '1 200', '50 %', '0,8', '42', '1er', 'n°7', '20/11/2024'];
const URLS = ['https://exemple.fr/visite?id=42', 'https://www.michelin.com/fr/innovation#section', 'http://uca.fr/recherche/', 'mailto:claire@exemple.fr'];
const EMOJI = ['😀', '👍🏽', '🇫🇷', '❤️', '🚀', '🤝'];
const TAGS = [
  '#industrie',
  '#lesson/territoire',
  '#industrie/pneumatique',
  '#rh/formation',
  '#a/b/c',
  '#a-b_c',
  '#équipe',
  '#idée',
  '#r-d',
  '#Fab_Lab/2024',
  '#apprendre/des-autres/vite',
];
const QUOTES = ['« on leur donne de l’air »', '«\u00a0la qualité d’abord\u00a0»', '“open innovation”', '"test"', '« oui »'];
const AFTER = [',', '.', ' ;', ' :', ' !', ' ?', '…', ' !?', ')', ''];
const PLAIN_WORDS = ['mot', 'idee', 'suite', 'note', 'fin', 'plus', 'trois', 'bien', 'aussi', 'encore'];
const SHORTCUTS: { marker: string; kind: BlockKind }[] = [
  { marker: '# ', kind: 'h1' },
  { marker: '## ', kind: 'h2' },
  { marker: '- ', kind: 'bullet' },
  { marker: '1. ', kind: 'number' },
  { marker: '[ ] ', kind: 'check' },
  { marker: '> ', kind: 'quote' },
];
/** What an input method composes: the updates shown, then the character committed. */
const COMPOSITIONS: { updates: string[]; commit: string }[] = [
  { updates: ['e', 'é'], commit: 'é' },
  { updates: ['e', 'ê'], commit: 'ê' },
  { updates: ['c', 'ç'], commit: 'ç' },
  { updates: ['o', 'oe', 'œ'], commit: 'œ' },
  // Dead keys: the accent is shown, then the letter it makes.
  { updates: ['^'], commit: 'ê' },
  { updates: ['¨'], commit: 'ï' },
  { updates: ['`'], commit: 'à' },
  { updates: ['´'], commit: 'É' },
];

export interface Session {
  seed: number;
  steps: Step[];
  expected: ExpectedBlock[];
  /** Its first step is typed at once after the quick-capture shortcut, while the note is
   *  still opening (the keys are held, then moved into the note). */
  burst: boolean;
}

/** A session of about `length` characters typed; a burst starts with plain words. */
export function generateSession(seed: number, length: number, burst = false): Session {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const chance = (p: number) => random() < p;
  const model = new TypingModel();
  const steps: Step[] = [];
  let typed = 0;
  const push = (step: Step) => {
    model.apply(step);
    steps.push(step);
  };

  const atLineStart = () => model.charsBackOnLine() === 0;
  const previousChar = () => model.textBeforeCaret().slice(-1);
  /** A few words of a note; never starts a line with a number or a marker. */
  const phrase = (): string => {
    const tokens: string[] = [];
    const count = 1 + Math.floor(random() * 5);
    for (let index = 0; index < count; index++) {
      const roll = random();
      const token =
        roll < 0.45 ? pick(WORDS) : roll < 0.62 ? pick(TAGS) : roll < 0.7 ? pick(QUOTES) : roll < 0.78 ? pick(EMOJI) : roll < 0.86 ? pick(URLS) : pick(NUMBERS);
      if (index === 0 && atLineStart() && NUMBERS.includes(token)) tokens.push(pick(WORDS));
      else tokens.push(token);
    }
    return tokens.join(' ') + pick(AFTER);
  };
  const separatorBefore = (): string => (atLineStart() || /\s/.test(previousChar()) ? '' : ' ');
  if (burst) {
    const text = `${pick(WORDS)} ${pick(WORDS)} ${pick(TAGS)}`;
    push({ do: 'type', text });
    typed += text.length;
  }

  while (typed < length) {
    const roll = random();
    const block = model.last;
    const atEnd = model.caret === block.chars.length;
    if (roll < 0.34) {
      if (!atEnd && model.boldNear(model.caret, model.caret)) {
        push({ do: 'end' });
        continue;
      }
      const text = separatorBefore() + phrase();
      if (model.wouldFireShortcut(text)) continue;
      push({ do: 'type', text });
      typed += text.length;
    } else if (roll < 0.42) {
      if (!atEnd) push({ do: 'end' });
      if (model.boldNear(model.caret, model.caret)) continue;
      push({ do: 'enter' });
      typed++;
    } else if (roll < 0.46) {
      if (model.boldNear(model.caret, model.caret)) continue;
      push({ do: 'softBreak' });
      typed++;
    } else if (roll < 0.52) {
      const count = Math.min(1 + Math.floor(random() * 4), model.caret);
      if (count === 0 || model.boldNear(model.caret - count, model.caret)) continue;
      push({ do: 'backspace', count });
    } else if (roll < 0.57) {
      const count = Math.min(1 + Math.floor(random() * 12), model.charsBackOnLine());
      if (count === 0 || model.boldNear(model.caret - count, model.caret - count)) continue;
      push({ do: 'left', count });
      // Inside a word, a tag or next to a space: type there, or delete forward.
      if (chance(0.5)) {
        const text = pick([...PLAIN_WORDS, ...TAGS, ...EMOJI, ' ', '/', ', ']);
        if (model.wouldFireShortcut(text)) continue;
        push({ do: 'type', text });
        typed += text.length;
      } else {
        const forward = Math.min(1 + Math.floor(random() * 3), model.charsForwardOnLine());
        if (forward > 0 && !model.boldNear(model.caret, model.caret + forward)) push({ do: 'delete', count: forward });
      }
    } else if (roll < 0.61) {
      if (!atEnd) continue;
      const word = pick(PLAIN_WORDS);
      const text = `${separatorBefore()}${word}`;
      push({ do: 'type', text });
      typed += text.length;
      push({ do: 'deleteWord' });
    } else if (roll < 0.66) {
      const count = Math.min(1 + Math.floor(random() * 8), model.charsBackOnLine());
      if (count === 0 || model.boldNear(model.caret - count, model.caret)) continue;
      const text = pick([...PLAIN_WORDS, ...TAGS, 'é', '« ça »']);
      if (model.wouldFireShortcut(text, count)) continue;
      push({ do: 'replace', count, text });
      typed += text.length;
    } else if (roll < 0.7) {
      if (!atEnd || model.boldNear(model.caret, model.caret)) continue;
      if (!(atLineStart() || previousChar() === ' ')) push({ do: 'type', text: ' ' });
      if (!(atLineStart() || previousChar() === ' ')) continue;
      push({ do: 'undo', word: pick(PLAIN_WORDS), redo: chance(0.5) });
    } else if (roll < 0.74) {
      if (!atEnd || !(atLineStart() || previousChar() === ' ')) continue;
      const word = pick(['important', 'clé', 'Michelin', 'données']);
      push({ do: 'bold', word });
      const after = pick([', ', '. ', ' et ']);
      push({ do: 'type', text: after });
      typed += word.length + 4 + after.length;
    } else if (roll < 0.8) {
      if (block.kind !== 'paragraph' || block.chars.length > 0) continue;
      const shortcut = pick(SHORTCUTS);
      push({ do: 'shortcut', ...shortcut });
      typed += shortcut.marker.length;
    } else if (roll < 0.9) {
      if (model.boldNear(model.caret, model.caret)) continue;
      const composition = pick(COMPOSITIONS);
      push({ do: 'compose', ...composition });
      typed++;
    } else {
      if (model.boldNear(model.caret, model.caret)) continue;
      const text = separatorBefore() + pick([...WORDS, ...TAGS, ...URLS]);
      if (model.wouldFireShortcut(text)) continue;
      push({ do: 'paste', text });
      typed += text.length;
    }
  }
  return { seed, steps, expected: model.expected(), burst };
}

/** A step in a line of a failure report. */
export function describeStep(step: Step): string {
  const { do: kind, ...rest } = step;
  return `${kind} ${JSON.stringify(rest)}`;
}
