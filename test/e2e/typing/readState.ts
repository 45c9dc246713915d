// A note's Lexical state (the editor's, or the stored JSON) read back into the blocks the
// typing model expects, and a check that every #tag in it is highlighted exactly as the
// app reads tags (no more, no less).
import { hashtagsIn } from '../../../src/shared/text/hashtags';
import type { BlockKind, ExpectedBlock } from './script';

interface JsonNode {
  type: string;
  text?: string;
  format?: number | string;
  tag?: string;
  listType?: string;
  children?: JsonNode[];
}

const BOLD = 1;

function kindOf(block: JsonNode, listType?: string): BlockKind | 'image' | string {
  if (block.type === 'paragraph') return 'paragraph';
  if (block.type === 'heading') return block.tag ?? 'heading';
  if (block.type === 'quote') return 'quote';
  if (block.type === 'listitem') return listType ?? 'bullet';
  return block.type;
}

/** Text and bold mask of inline content; marks and links are looked through. */
function inlineText(nodes: JsonNode[]): { text: string; bold: string } {
  let text = '';
  let bold = '';
  for (const node of nodes) {
    if (node.type === 'linebreak') {
      text += '\n';
      bold += '.';
    } else if (typeof node.text === 'string') {
      text += node.text;
      bold += (typeof node.format === 'number' && node.format & BOLD ? 'b' : '.').repeat(node.text.length);
    } else if (node.children) {
      const inner = inlineText(node.children);
      text += inner.text;
      bold += inner.bold;
    }
  }
  return { text, bold };
}

export interface ReadBlock extends Omit<ExpectedBlock, 'kind'> {
  kind: string;
}

/** The blocks of a state, a list item being a block of the list's kind. */
export function blocksOfState(stateJson: string): ReadBlock[] {
  const root = (JSON.parse(stateJson) as { root: JsonNode }).root;
  const blocks: ReadBlock[] = [];
  for (const block of root.children ?? []) {
    if (block.type === 'list') {
      for (const item of block.children ?? []) {
        if (item.children?.some((child) => child.type === 'list')) throw new Error('a nested list was not typed');
        blocks.push({ kind: kindOf(item, block.listType), ...inlineText(item.children ?? []) });
      }
    } else if (block.type === 'image') {
      blocks.push({ kind: 'image', text: '', bold: '' });
    } else {
      blocks.push({ kind: kindOf(block), ...inlineText(block.children ?? []) });
    }
  }
  return blocks;
}

/** Tags that are shown as tags but are not, or are tags but not shown as such. */
export function hashtagProblems(stateJson: string): string[] {
  const problems: string[] = [];
  const visit = (nodes: JsonNode[]) => {
    // Runs of text and tags of one format, between line breaks and other nodes.
    let run: JsonNode[] = [];
    const closeRun = () => {
      const text = run.map((node) => node.text).join('');
      const shown = [];
      let at = 0;
      for (const node of run) {
        if (node.type === 'hashtag') shown.push(`${at}:${node.text}`);
        at += node.text!.length;
      }
      const wanted = [...hashtagsIn(text)].map(({ start, tag }) => `${start}:#${tag}`);
      if (shown.join(' ') !== wanted.join(' ')) problems.push(`in ${JSON.stringify(text)}: shown [${shown.join(' ')}], tags [${wanted.join(' ')}]`);
      run = [];
    };
    for (const node of nodes) {
      const inRun = node.type === 'text' || node.type === 'hashtag';
      if (inRun && run.length > 0 && run[0]!.format !== node.format) closeRun();
      if (inRun) run.push(node);
      else {
        if (run.length > 0) closeRun();
        if (node.children) visit(node.children);
      }
    }
    if (run.length > 0) closeRun();
  };
  visit((JSON.parse(stateJson) as { root: JsonNode }).root.children ?? []);
  return problems;
}
