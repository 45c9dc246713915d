// A quotation put into a synthesis: the words line by line, then the back reference in
// italics, in a quote block; where it goes, and what a drag carries.
import { $getRoot, type LexicalEditor } from 'lexical';
import { describe, expect, it } from 'vitest';
import { $insertQuotation, quotationIn, quotationTransfer, withoutQuotes } from '../../src/renderer/editor/quotation';
import { createHeadlessNoteEditor, markdownToNote, noteStateToMarkdown } from '../../src/shared/editor/markdown';

const reference = '— Claire Vernet, Michelin, 20 nov. 2024 (noté par Olga Martin)';

function editorWith(markdown: string): LexicalEditor {
  const editor = createHeadlessNoteEditor();
  editor.setEditorState(editor.parseEditorState(markdownToNote(markdown).state));
  return editor;
}

function blocks(editor: LexicalEditor): string[] {
  return editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((block) => `${block.getType()}:${block.getTextContent()}`),
  );
}

describe('a quotation', () => {
  it('goes at the end, keeping a note’s lines, its reference in italics, a paragraph after it', () => {
    const editor = editorWith('Ce que le groupe retient.');
    editor.update(() => $insertQuotation({ text: 'Titre\n\nPremière ligne.\nSeconde ligne.', reference }, null), { discrete: true });
    expect(blocks(editor)).toEqual(['paragraph:Ce que le groupe retient.', `quote:Titre\nPremière ligne.\nSeconde ligne.\n${reference}`, 'paragraph:']);
    expect(noteStateToMarkdown(JSON.stringify(editor.getEditorState().toJSON()))).toContain(`*${reference}*`);
    // Sent again at the end: before the empty paragraph there already is, not after it.
    editor.update(() => $insertQuotation({ text: 'Encore', reference }, null), { discrete: true });
    expect(blocks(editor).slice(2)).toEqual([`quote:Encore\n${reference}`, 'paragraph:']);
  });

  it('dropped on a block, goes after that block', () => {
    const editor = editorWith('Premier.\n\nSecond.');
    editor.update(() => $insertQuotation({ text: 'Cité', reference }, $getRoot().getFirstChild()), { discrete: true });
    expect(blocks(editor)).toEqual(['paragraph:Premier.', `quote:Cité\n${reference}`, 'paragraph:', 'paragraph:Second.']);
  });

  it('travels whole in a drag, and a malformed one is not taken', () => {
    const data = new Map<string, string>();
    const transfer = {
      setData: (type: string, value: string) => data.set(type, value),
      getData: (type: string) => data.get(type) ?? '',
      effectAllowed: 'none',
    };
    quotationTransfer(transfer as unknown as DataTransfer, { text: 'a < b & c', reference });
    expect(quotationIn(transfer as unknown as DataTransfer)).toEqual({ text: 'a < b & c', reference });
    expect(data.get('text/html')).toBe(`<blockquote>a &lt; b &amp; c<br><em>${reference}</em></blockquote>`);
    data.set('application/x-carnet-quotation', '{"text": 3}');
    expect(quotationIn(transfer as unknown as DataTransfer)).toBeNull();
    data.set('application/x-carnet-quotation', 'not json');
    expect(quotationIn(transfer as unknown as DataTransfer)).toBeNull();
    expect(quotationIn(null)).toBeNull();
  });

  it('names what it quotes without doubling guillemets', () => {
    expect(withoutQuotes('« On ne demande pas aux gens. »')).toBe('On ne demande pas aux gens.');
    expect(withoutQuotes('“Quoted”')).toBe('Quoted');
    expect(withoutQuotes('Sans guillemets')).toBe('Sans guillemets');
  });
});
