// Lessons from a Markdown file. Either one heading per lesson, the text under it being its
// description — and when a single heading sits above all the others (the usual '# Title'
// over '## Lesson' lines), it is the document's title, not a lesson — or, when there are
// no lesson headings, one top-level list item per lesson ('- **Title** — description'
// gives both).
import type { ImportPlan, PlannedLesson } from '../../shared/importPlan';
import { createHeadlessNoteEditor, markdownToNote } from '../../shared/editor/markdown';
import { badFormat, LIMITS, tooMany } from './limits';
import { conversionCost, MAX_CONVERSION_COST } from './markdownCost';
import { countItems, emptyPlan, issue, type ParseContext } from './plan';
import type { TextInput } from './readInput';

export interface RawLesson {
  title: string;
  /** Markdown under the heading or inside the list item. */
  body: string;
}

export interface LessonOutline {
  documentTitle: string | null;
  lessons: RawLesson[];
}

interface Heading {
  line: number;
  level: number;
  text: string;
}

const HEADING = /^ {0,3}(#{1,6})(?:[ \t]+(.*))?$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+(.*)$/;

/** Finds the lessons of a Markdown text without converting anything (cheap: the import
 *  dispatcher uses it to tell lessons from notes). */
export function outlineLessons(markdown: string): LessonOutline {
  const lines = stripFrontMatter(markdown).split(/\r?\n/);
  const headings = findHeadings(lines);
  const first = headings[0];
  if (!first) return { documentTitle: null, lessons: lessonsFromList(lines, -1) };
  if (headings.length === 1) {
    // One heading: the title over a list of lessons, or else the one lesson.
    const fromList = lessonsFromList(lines, first.line);
    if (fromList.length > 0) return { documentTitle: cleanInline(first.text) || null, lessons: fromList };
    return { documentTitle: null, lessons: lessonsFromHeadings(lines, headings, first.level) };
  }
  // A single heading above all the others, and first, is the document's title.
  const top = lowestLevel(headings);
  const isTitle = first.level === top && headings.filter((h) => h.level === top).length === 1;
  const candidates = isTitle ? headings.slice(1) : headings;
  return {
    documentTitle: isTitle ? cleanInline(first.text) || null : null,
    lessons: lessonsFromHeadings(lines, candidates, lowestLevel(candidates)),
  };
}

export function parseLessonsMarkdown(input: TextInput, context: ParseContext): ImportPlan {
  const plan = emptyPlan('markdown', input.encoding, input.name);
  const outline = outlineLessons(input.text);
  if (outline.lessons.length === 0) throw badFormat('No lessons found: write one heading or one list item per lesson.');
  if (outline.lessons.length > LIMITS.maxLessons) throw tooMany('lessons', LIMITS.maxLessons);
  const editor = createHeadlessNoteEditor();
  const seen = new Set<string>();
  for (const raw of outline.lessons) {
    context.deadline.check();
    if (seen.has(raw.title)) {
      plan.skipped.push(issue('duplicateItem', `Lesson “${raw.title}” appears twice; the second was left out.`, { title: raw.title }));
      continue;
    }
    seen.add(raw.title);
    plan.lessons.push({ title: raw.title, description: describe(raw.body, editor) } satisfies PlannedLesson);
  }
  plan.itemCount = countItems(plan);
  return plan;
}

function describe(body: string, editor: ReturnType<typeof createHeadlessNoteEditor>): string | null {
  const source = body.trim().slice(0, LIMITS.maxLessonDescriptionChars);
  if (source === '') return null;
  // Too heavy for the Markdown converter: the text as it is written will do.
  if (conversionCost(source) > MAX_CONVERSION_COST) return source;
  const text = markdownToNote(source, editor).text.trim();
  return text === '' ? null : text;
}

function lowestLevel(headings: Heading[]): number {
  return headings.reduce((lowest, heading) => Math.min(lowest, heading.level), 7);
}

/** The plain text of an ATX heading line, or null when the line is not a heading. */
export function headingText(line: string): string | null {
  const match = line.length <= MAX_HEADING_LINE ? HEADING.exec(line) : null;
  return match?.[2] !== undefined ? cleanInline(withoutClosingHashes(match[2])) || null : null;
}

/** '## Title ##' → 'Title' (a closing sequence needs a space before it). */
function withoutClosingHashes(text: string): string {
  const trimmed = text.trimEnd();
  let end = trimmed.length;
  while (end > 0 && trimmed[end - 1] === '#') end--;
  if (end === trimmed.length || (end > 0 && !/[ \t]/.test(trimmed[end - 1]!))) return trimmed;
  return trimmed.slice(0, end).trimEnd();
}

/** Longer lines are not taken for headings: no title is that long, and it keeps the
 *  heading pattern's backtracking short. */
const MAX_HEADING_LINE = 2_000;

function findHeadings(lines: string[]): Heading[] {
  const headings: Heading[] = [];
  let fence: string | null = null;
  lines.forEach((line, index) => {
    const fenceMatch = FENCE.exec(line);
    if (fenceMatch?.[1]) {
      const marker = fenceMatch[1];
      if (fence === null) fence = marker[0]!.repeat(3);
      else if (marker.startsWith(fence)) fence = null;
      return;
    }
    if (fence !== null) return;
    const match = line.length <= MAX_HEADING_LINE ? HEADING.exec(line) : null;
    const text = match?.[2] !== undefined ? withoutClosingHashes(match[2]) : '';
    if (match?.[1] && cleanInline(text) !== '') headings.push({ line: index, level: match[1].length, text });
  });
  return headings;
}

function lessonsFromHeadings(lines: string[], headings: Heading[], level: number): RawLesson[] {
  const lessons: RawLesson[] = [];
  // One pass, from the end: the body runs to the next heading at the lesson's level or above.
  let bodyEnd = lines.length;
  for (let index = headings.length - 1; index >= 0; index--) {
    const heading = headings[index]!;
    if (heading.level > level) continue;
    if (heading.level === level) lessons.push({ title: cleanInline(heading.text), body: lines.slice(heading.line + 1, bodyEnd).join('\n') });
    bodyEnd = heading.line;
  }
  return lessons.reverse();
}

function lessonsFromList(lines: string[], afterLine: number): RawLesson[] {
  const lessons: RawLesson[] = [];
  let current: { title: string; body: string[] } | null = null;
  const flush = (): void => {
    if (current && current.title !== '') lessons.push({ title: current.title, body: current.body.join('\n') });
    current = null;
  };
  for (let index = afterLine + 1; index < lines.length; index++) {
    const line = lines[index]!;
    const item = LIST_ITEM.exec(line);
    if (item && !/^\s{4,}/.test(line)) {
      flush();
      current = splitItem(item[1] ?? '');
    } else if (current && (line.trim() === '' || /^\s+\S/.test(line))) {
      current.body.push(line.trim());
    } else {
      flush();
    }
  }
  flush();
  return lessons;
}

/** '**Title** — description' or '**Title**: description' → both; otherwise all of it is the title. */
function splitItem(text: string): { title: string; body: string[] } {
  const withoutCheckbox = text.slice(0, 10_000).replace(/^\[[ xX]\][ \t]+/, '');
  const bold = /^(\*\*|__)(.+?)\1\s*(?:[—–:-]\s*)?(.*)$/.exec(withoutCheckbox);
  if (bold?.[2]) return { title: cleanInline(bold[2]), body: bold[3] ? [bold[3]] : [] };
  return { title: cleanInline(withoutCheckbox), body: [] };
}

/** A heading or item as plain text: no emphasis, code marks, link targets or numbering.
 *  No bracket or parenthesis class may run past another opening one: a run of '[' would
 *  otherwise be scanned to its end from each of its characters (quadratic). */
export function cleanInline(text: string): string {
  return text
    .slice(0, 1_000)
    .replace(/!\[[^[\]]*\]\([^()]*\)/g, '')
    .replace(/\[([^[\]]*)\]\([^()]*\)/g, '$1')
    .replace(/\[\[([^[\]|]*)(?:\|([^[\]]*))?\]\]/g, (_, target: string, alias?: string) => alias ?? target)
    .replace(/(\*\*|__|\*|`|~~)(.+?)\1/g, '$2')
    .replace(/^\s*(?:\d{1,3}[.)]|[IVX]{1,5}\.)\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

export function stripFrontMatter(markdown: string): string {
  const match = /^---[ \t]*\r?\n(?:[\s\S]*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(markdown);
  return match ? markdown.slice(match[0].length) : markdown;
}
