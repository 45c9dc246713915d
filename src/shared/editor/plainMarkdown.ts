// A fast path for the Markdown most notes are written in — paragraphs, headings, quotes,
// flat lists, **bold** and #hashtags — straight to the JSON state that Lexical's own
// conversion (markdown.ts) would give, without an editor. Lexical takes about 0.5 ms a
// note, most of an import of 10,000 notes; this takes a tenth of that.
//
// It is only a shortcut: whatever it is not sure to read exactly as Lexical does (links,
// italics, code, tables, indentation, hard line breaks, tabs…) makes it answer null, and
// the note is converted by Lexical. test/unit/plainMarkdown.test.ts holds it to that: on
// generated Markdown, its answer is null or equal, to the character, to Lexical's.
import { extractHashtags, hashtagsIn } from '../text/hashtags';
import type { ConvertedNote } from './derive';

/** Characters some Lexical transformer, escape or block rule reads: a note holding one
 *  (outside the forms below) goes to Lexical. '>' is allowed only as a quote marker. */
const NOT_PLAIN = /[\r\t`~=^\\<[\]|_]|&#/;
// Lexical's own block patterns (LexicalMarkdown's HEADING_REGEX and the like).
const HEADING = /^(#{1,6})\s/;
const QUOTE = /^>\s/;
const BULLET = /^([-*+])\s/;
const NUMBERED = /^(\d+)\.\s/;
/** What may follow a closing '**' for this path to be sure Lexical closes the span there
 *  (Lexical's punctuation is ASCII's: '…' or '’' after '!**' would keep it open). */
const AFTER_BOLD = /[\s.,;:!?)'"]/;
const SPACE = /\s/;

const BOLD = 1;

interface TextJson {
  detail: 0;
  format: number;
  mode: 'normal';
  style: '';
  text: string;
  type: 'text' | 'hashtag';
  version: 1;
}
type InlineJson = TextJson | { type: 'linebreak'; version: 1 };

interface ListBlock {
  kind: 'list';
  listType: 'bullet' | 'number';
  start: number;
  marker: string | null;
  items: InlineJson[][];
}
type Block = { kind: 'paragraph' | 'quote'; inline: InlineJson[] } | { kind: 'heading'; level: number; inline: InlineJson[] } | ListBlock;

const LINE_BREAK: InlineJson = { type: 'linebreak', version: 1 };

function textNode(text: string, format: number, type: 'text' | 'hashtag'): TextJson {
  return { detail: 0, format, mode: 'normal', style: '', text, type, version: 1 };
}

/** Plain text split into text and hashtags as the editor splits it (hashtagSegments.ts). */
function withHashtags(text: string, into: InlineJson[]): void {
  let at = 0;
  for (const { start, end } of hashtagsIn(text)) {
    if (start > at) into.push(textNode(text.slice(at, start), 0, 'text'));
    into.push(textNode(text.slice(start, end), 0, 'hashtag'));
    at = end;
  }
  if (at < text.length) into.push(textNode(text.slice(at), 0, 'text'));
}

/** One line's inline content, or null when it holds more than text, **bold** and tags. */
function inline(content: string): InlineJson[] | null {
  const nodes: InlineJson[] = [];
  let at = 0;
  for (let open = content.indexOf('*'); open >= 0; open = content.indexOf('*', at)) {
    const close = content.indexOf('**', open + 2);
    const bold = content.slice(open + 2, close);
    const opens = content[open + 1] === '*' && (open === 0 || SPACE.test(content[open - 1]!)) && !SPACE.test(content[open + 2] ?? ' ');
    const closes =
      close > open + 2 &&
      !bold.includes('*') &&
      !bold.includes('#') &&
      !SPACE.test(content[close - 1]!) &&
      content[close + 2] !== '*' &&
      (close + 2 === content.length || AFTER_BOLD.test(content[close + 2]!));
    if (!opens || !closes) return null;
    withHashtags(content.slice(at, open), nodes);
    nodes.push(textNode(bold, BOLD, 'text'));
    at = close + 2;
  }
  withHashtags(content.slice(at), nodes);
  return nodes;
}

/** The blocks of the note, as Lexical's import builds them line by line. */
function blocks(markdown: string): Block[] | null {
  const out: Block[] = [];
  // Whether a blank line came after the last block: it ends a paragraph or a quote, not a list.
  let afterBlank = false;
  for (const rawLine of markdown.split('\n')) {
    if (rawLine.trim() === '') {
      afterBlank = true;
      continue;
    }
    if (SPACE.test(rawLine[0]!) || SPACE.test(rawLine[rawLine.length - 1]!)) return null;
    const last = out[out.length - 1];
    const heading = HEADING.exec(rawLine);
    const quote = heading ? null : QUOTE.exec(rawLine);
    const list = heading || quote ? null : (BULLET.exec(rawLine) ?? NUMBERED.exec(rawLine));
    const marker = heading ?? quote ?? list;
    const content = marker ? rawLine.slice(marker[0].length) : rawLine;
    // Indented content, and numbers too long to stay exact, are Lexical's to read.
    if (SPACE.test(content[0] ?? ' ') || content.includes('>') || (list && list[1]!.length > 9)) return null;
    const nodes = inline(content);
    if (!nodes) return null;
    if (heading) {
      out.push({ kind: 'heading', level: heading[1]!.length, inline: nodes });
    } else if (quote) {
      if (last?.kind === 'quote' && !afterBlank) last.inline.push(LINE_BREAK, ...nodes);
      else out.push({ kind: 'quote', inline: nodes });
    } else if (list) {
      const listType = /\d/.test(list[1]!) ? 'number' : 'bullet';
      const bullet = listType === 'bullet' ? list[1]! : null;
      // A blank line between two items makes the list loose; it does not end it. Lexical
      // keeps the blank line's empty paragraph after the list until the end, so a line
      // under such an item starts a paragraph of its own: afterBlank stays as it is.
      if (last?.kind === 'list' && last.listType === listType) {
        last.items.push(nodes);
        if (bullet) last.marker = bullet;
        continue;
      }
      out.push({ kind: 'list', listType, start: listType === 'number' ? Number(list[1]) : 1, marker: bullet, items: [nodes] });
    } else if (last && last.kind !== 'heading' && !afterBlank) {
      // A line right under a paragraph, a quote or a list item continues it.
      const target = last.kind === 'list' ? last.items[last.items.length - 1]! : last.inline;
      target.push(LINE_BREAK, ...nodes);
    } else {
      out.push({ kind: 'paragraph', inline: nodes });
    }
    afterBlank = false;
  }
  return out;
}

const ELEMENT = { direction: null, format: '', indent: 0 } as const;

function paragraphJson(children: InlineJson[]): object {
  const firstText = children.find((child): child is TextJson => child.type !== 'linebreak');
  return { children, ...ELEMENT, textFormat: firstText?.format ?? 0, textStyle: '', type: 'paragraph', version: 1 };
}

function blockJson(block: Block): object {
  switch (block.kind) {
    case 'paragraph':
      return paragraphJson(block.inline);
    case 'heading':
      return { children: block.inline, tag: `h${block.level}`, ...ELEMENT, type: 'heading', version: 1 };
    case 'quote':
      return { children: block.inline, ...ELEMENT, type: 'quote', version: 1 };
    case 'list': {
      const children = block.items.map((item, index) => ({
        children: item,
        indent: 0,
        value: block.start + index,
        direction: null,
        format: '',
        type: 'listitem',
        version: 1,
      }));
      const json = {
        children,
        listType: block.listType,
        start: block.start,
        tag: block.listType === 'number' ? 'ol' : 'ul',
        ...ELEMENT,
        type: 'list',
        version: 1,
      };
      // '-' is the marker Lexical assumes and does not write down.
      return block.marker && block.marker !== '-' ? { ...json, $: { mdListMarker: block.marker } } : json;
    }
  }
}

/** The text Lexical's getTextContent gives: a blank line after every block but the last. */
function blockText(block: Block): string {
  const inlineText = (nodes: InlineJson[]) => nodes.map((node) => (node.type === 'linebreak' ? '\n' : node.text)).join('');
  return block.kind === 'list' ? block.items.map(inlineText).join('\n\n') : inlineText(block.inline);
}

/** The note Lexical would make of this Markdown, or null when only Lexical can tell. */
export function plainMarkdownToNote(markdown: string): ConvertedNote | null {
  if (NOT_PLAIN.test(markdown)) return null;
  const found = blocks(markdown);
  if (!found) return null;
  const children = found.length > 0 ? found.map(blockJson) : [paragraphJson([])];
  const root = { children, ...ELEMENT, type: 'root', version: 1 };
  // As deriveNoteFields does it from the editor state.
  const text = found.map(blockText).join('\n\n').replace(/\n\n/g, '\n').trim();
  return { state: JSON.stringify({ root }), text, tags: extractHashtags(text), passageLessonIds: [] };
}
