// Evidence sent (or dragged) into a synthesis as a quotation: the words, then where they
// come from — speaker, visit and day, and who noted them — so the text keeps its back
// reference wherever it goes next (the journal prints it as written).
import { $createQuoteNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor } from 'lexical';
import { escapeHtml } from '../../../shared/journal/html';

export interface Quotation {
  text: string;
  /** "— Claire Vernet, Michelin, 20 nov. 2024 (noté par Alice)". */
  reference: string;
}

/** Appends the quotation at the end of the synthesis, and a paragraph after it to write in. */
export function sendQuotation(editor: LexicalEditor, { text, reference }: Quotation): void {
  editor.update(() => {
    const quote = $createQuoteNode().append($createTextNode(text), $createLineBreakNode(), $createTextNode(reference).toggleFormat('italic'));
    const after = $createParagraphNode();
    $getRoot().append(quote, after);
    after.select();
  });
}

/** The quotation as a drag carries it: HTML the editor pastes as a quote, and plain text. */
export function quotationTransfer(transfer: DataTransfer, { text, reference }: Quotation): void {
  transfer.setData('text/html', `<blockquote>${escapeHtml(text)}<br><em>${escapeHtml(reference)}</em></blockquote>`);
  transfer.setData('text/plain', `${text}\n${reference}`);
  transfer.effectAllowed = 'copy';
}
