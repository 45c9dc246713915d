// A note's serialised Lexical state read into a small tree of blocks and inline runs that
// every journal renderer (HTML, Markdown, DOCX) walks the same way. Reading the JSON
// directly needs no editor and no DOM; unknown node types keep their text.
import { parseAllowedUrl } from '../urls';

export interface TextRun {
  kind: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strike?: boolean;
  code?: boolean;
}

export type Inline = TextRun | { kind: 'link'; url: string; children: Inline[] } | { kind: 'break' };

export interface ListItem {
  inlines: Inline[];
  /** Check lists only. */
  checked?: boolean;
  /** Nested lists under the item. */
  children: Block[];
}

export type Block =
  | { kind: 'paragraph'; inlines: Inline[] }
  | { kind: 'heading'; level: number; inlines: Inline[] }
  | { kind: 'quote'; inlines: Inline[] }
  | { kind: 'list'; style: 'bullet' | 'number' | 'check'; items: ListItem[] }
  | { kind: 'image'; attachmentId: string; caption: string; width: number; height: number };

interface SerializedNode {
  type?: unknown;
  text?: unknown;
  format?: unknown;
  tag?: unknown;
  url?: unknown;
  listType?: unknown;
  checked?: unknown;
  children?: unknown;
  attachmentId?: unknown;
  caption?: unknown;
  width?: unknown;
  height?: unknown;
}

// Lexical's text format bits.
const BOLD = 1;
const ITALIC = 2;
const STRIKE = 4;
const UNDERLINE = 8;
const CODE = 16;

function childrenOf(node: SerializedNode): SerializedNode[] {
  return Array.isArray(node.children) ? (node.children.filter((c) => c && typeof c === 'object') as SerializedNode[]) : [];
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

function readInlines(nodes: SerializedNode[]): Inline[] {
  const inlines: Inline[] = [];
  for (const node of nodes) {
    const type = str(node.type);
    if (type === 'text' || type === 'hashtag') {
      const format = num(node.format);
      const run: TextRun = { kind: 'text', text: str(node.text) };
      if (format & BOLD) run.bold = true;
      if (format & ITALIC) run.italic = true;
      if (format & STRIKE) run.strike = true;
      if (format & UNDERLINE) run.underline = true;
      if (format & CODE) run.code = true;
      if (run.text) inlines.push(run);
    } else if (type === 'linebreak') {
      inlines.push({ kind: 'break' });
    } else if (type === 'tab') {
      inlines.push({ kind: 'text', text: '\t' });
    } else if (type === 'link' || type === 'autolink') {
      const children = readInlines(childrenOf(node));
      const url = parseAllowedUrl(str(node.url));
      // A link to anything but the web or e-mail keeps only its text.
      if (url) inlines.push({ kind: 'link', url: url.href, children });
      else inlines.push(...children);
    } else {
      // Passage marks and anything unknown: their content, as text.
      if (typeof node.text === 'string' && node.text) inlines.push({ kind: 'text', text: node.text });
      inlines.push(...readInlines(childrenOf(node)));
    }
  }
  return inlines;
}

function readListItems(list: SerializedNode, style: 'bullet' | 'number' | 'check'): ListItem[] {
  const items: ListItem[] = [];
  for (const child of childrenOf(list)) {
    if (str(child.type) !== 'listitem') continue;
    const nested = childrenOf(child).filter((c) => str(c.type) === 'list');
    const inlineNodes = childrenOf(child).filter((c) => str(c.type) !== 'list');
    const children = nested.map(readBlock).filter((b): b is Block => b !== null);
    // Lexical keeps a nested list in an item of its own: attach it to the item before.
    const previous = items[items.length - 1];
    if (inlineNodes.length === 0 && previous && children.length > 0) {
      previous.children.push(...children);
      continue;
    }
    const item: ListItem = { inlines: readInlines(inlineNodes), children };
    if (style === 'check') item.checked = child.checked === true;
    items.push(item);
  }
  return items;
}

function readBlock(node: SerializedNode): Block | null {
  const type = str(node.type);
  switch (type) {
    case 'heading': {
      const level = Number(/^h([1-6])$/.exec(str(node.tag))?.[1] ?? 2);
      return { kind: 'heading', level, inlines: readInlines(childrenOf(node)) };
    }
    case 'quote':
      return { kind: 'quote', inlines: readInlines(childrenOf(node)) };
    case 'list': {
      const listType = str(node.listType);
      const style = listType === 'number' || listType === 'check' ? listType : 'bullet';
      return { kind: 'list', style, items: readListItems(node, style) };
    }
    case 'image':
      return {
        kind: 'image',
        attachmentId: str(node.attachmentId),
        caption: str(node.caption),
        width: num(node.width),
        height: num(node.height),
      };
    default:
      return { kind: 'paragraph', inlines: readInlines(childrenOf(node)) };
  }
}

/** The blocks of a serialised state; [] when the JSON is not a Lexical state. Empty
 *  paragraphs are left out: a book has no blank lines. */
export function stateToBlocks(stateJson: string): Block[] {
  let parsed: { root?: SerializedNode };
  try {
    parsed = JSON.parse(stateJson) as { root?: SerializedNode };
  } catch {
    return [];
  }
  if (!parsed || typeof parsed !== 'object' || !parsed.root) return [];
  return childrenOf(parsed.root)
    .map(readBlock)
    .filter((block): block is Block => block !== null && !(block.kind === 'paragraph' && inlineText(block.inlines).trim() === ''));
}

export function inlineText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => (inline.kind === 'text' ? inline.text : inline.kind === 'break' ? '\n' : inlineText(inline.children))).join('');
}

/** Every photo a list of blocks shows, in reading order. */
export function imagesIn(blocks: readonly Block[]): Extract<Block, { kind: 'image' }>[] {
  return blocks.flatMap((block) => (block.kind === 'image' ? [block] : []));
}
