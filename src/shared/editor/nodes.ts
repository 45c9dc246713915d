// The one list of Lexical nodes a note can contain. The renderer's editor, headless
// conversion (Markdown import, exports) and the CLI all register exactly these, so a
// note's JSON state means the same thing everywhere. No CSS or DOM imports here.
import type { Klass, LexicalNode } from 'lexical';
import { HashtagNode } from '@lexical/hashtag';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import { ListItemNode, ListNode } from '@lexical/list';
import { MarkNode } from '@lexical/mark';
import { HeadingNode, QuoteNode } from '@lexical/rich-text';
import { ImageNode } from './ImageNode';

export const NOTE_NODES: ReadonlyArray<Klass<LexicalNode>> = [
  HeadingNode,
  QuoteNode,
  ListNode,
  ListItemNode,
  LinkNode,
  AutoLinkNode,
  HashtagNode,
  MarkNode,
  ImageNode,
];
