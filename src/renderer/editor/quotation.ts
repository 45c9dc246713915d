// Evidence sent (or dragged) into a synthesis as a quotation: the words, then where they
// come from — speaker, visit and day, and who noted them — so the text keeps its back
// reference wherever it goes next (the journal prints it as written).
import { $createQuoteNode } from '@lexical/rich-text';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, $isParagraphNode, type LexicalEditor, type LexicalNode } from 'lexical';
import { escapeHtml } from '../../shared/journal/html';

/** The drag's own type: a drop in an editor that takes quotations reads it whole. */
const QUOTATION_TYPE = 'application/x-carnet-quotation';

export interface Quotation {
  text: string;
  /** "— Claire Vernet, Michelin, 20 nov. 2024 (noté par Alice)". */
  reference: string;
}

/** Appends the quotation at the end of the synthesis, and a paragraph after it to write in. */
export function sendQuotation(editor: LexicalEditor, quotation: Quotation): void {
  editor.update(() => $insertQuotation(quotation, null));
}

/** The quotation after `block` (a top-level block; at the end with null), then a
 *  paragraph to write in, the caret there. */
export function $insertQuotation({ text, reference }: Quotation, block: LexicalNode | null): void {
  const quote = $createQuoteNode();
  // A whole note's lines (its title, its paragraphs, its list items) stay lines.
  for (const line of text.split(/\n+/).filter((part) => part.trim() !== '')) quote.append($createTextNode(line.trim()), $createLineBreakNode());
  quote.append($createTextNode(reference).toggleFormat('italic'));
  const last = $getRoot().getLastChild();
  if (!block && $isParagraphNode(last) && last.getTextContentSize() === 0) {
    // At the end, before the empty paragraph there already is: the text goes on there.
    last.insertBefore(quote);
    last.select();
    return;
  }
  const after = $createParagraphNode();
  if (block) block.insertAfter(quote).insertAfter(after);
  else $getRoot().append(quote, after);
  after.select();
}

/** A quote's words without the guillemets or quotation marks around them, to be quoted
 *  again (a button's name) without doubling them. */
export function withoutQuotes(text: string): string {
  return text
    .trim()
    .replace(/^[«“"]\s*/, '')
    .replace(/\s*[»”"]$/, '');
}

/** The quotation as a drag carries it: whole for an editor that takes quotations, as HTML
 *  and plain text for anywhere else (another app, a note). */
export function quotationTransfer(transfer: DataTransfer, quotation: Quotation): void {
  const { text, reference } = quotation;
  transfer.setData(QUOTATION_TYPE, JSON.stringify(quotation));
  transfer.setData('text/html', `<blockquote>${escapeHtml(text)}<br><em>${escapeHtml(reference)}</em></blockquote>`);
  transfer.setData('text/plain', `${text}\n${reference}`);
  transfer.effectAllowed = 'copy';
}

/** The quotation a drop carries, if it is one of ours and well formed. */
export function quotationIn(transfer: DataTransfer | null): Quotation | null {
  const data = transfer?.getData(QUOTATION_TYPE);
  if (!data) return null;
  try {
    const { text, reference } = JSON.parse(data) as Partial<Quotation>;
    return typeof text === 'string' && typeof reference === 'string' ? { text, reference } : null;
  } catch {
    return null;
  }
}
