// A photo in Markdown: `![caption](attachment:<id>)` on a line of its own. Export writes
// it; import turns such a line back into an image node pointing at the same record.
// Typing the same text in the editor does not create an image: only imports do.
import type { ElementTransformer } from '@lexical/markdown';
import { $createImageNode, $isImageNode, ImageNode } from './ImageNode';

export const ATTACHMENT_SCHEME = 'attachment:';

/** Brackets and backslashes are escaped; a caption stays on one line. */
export function escapeCaption(caption: string): string {
  return caption.replace(/\s*\n\s*/g, ' ').replace(/[\\[\]]/g, '\\$&');
}

function unescapeCaption(escaped: string): string {
  return escaped.replace(/\\([\\[\]])/g, '$1');
}

export function imageMarkdown(attachmentId: string, caption: string): string {
  return `![${escapeCaption(caption)}](${ATTACHMENT_SCHEME}${attachmentId})`;
}

export const IMAGE: ElementTransformer = {
  type: 'element',
  dependencies: [ImageNode],
  regExp: /^!\[((?:[^\]\\]|\\.)*)\]\(attachment:([A-Za-z0-9_-]+)\)\s*$/,
  export: (node) => ($isImageNode(node) ? imageMarkdown(node.getAttachmentId(), node.getCaption()) : null),
  replace: (parent, _children, match, isImport) => {
    const [, caption = '', attachmentId = ''] = match;
    if (!isImport || !attachmentId) return false;
    parent.replace($createImageNode({ attachmentId, caption: unescapeCaption(caption) }));
  },
};
