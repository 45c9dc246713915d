// Rules every note editor obeys, headless or on screen: hashtags become HashtagNodes,
// links other than http(s)/mailto are unwrapped to plain text as soon as they appear
// (typed, pasted or imported), and passage marks never nest.
import { mergeRegister, registerNestedElementResolver } from '@lexical/utils';
import { $createMarkNode, MarkNode } from '@lexical/mark';
import { AutoLinkNode, LinkNode } from '@lexical/link';
import type { LexicalEditor } from 'lexical';
import { isAllowedUrl } from '../urls';
import { registerHashtagSegments } from './hashtagSegments';

function unwrapForbiddenLink(node: LinkNode): void {
  if (isAllowedUrl(node.getURL())) return;
  for (const child of node.getChildren()) node.insertBefore(child);
  node.remove();
}

export function registerNotePolicies(editor: LexicalEditor): () => void {
  return mergeRegister(
    registerHashtagSegments(editor),
    editor.registerNodeTransform(LinkNode, unwrapForbiddenLink),
    editor.registerNodeTransform(AutoLinkNode, unwrapForbiddenLink),
    // A passage linked inside another one is flattened: the inner part carries both lessons.
    registerNestedElementResolver<MarkNode>(
      editor,
      MarkNode,
      (from) => $createMarkNode(from.getIDs()),
      (from, to) => from.getIDs().forEach((id) => to.addID(id)),
    ),
  );
}
