// Pasted HTML is cleaned before Lexical reads it. Lexical's import keeps the text of the
// elements it does not know, so what is inside <script>, <style>, <template>, <noscript>
// or an <svg> (text nobody saw on the page copied from) became visible text in the note.
// DOMPurify drops those elements with their content; the rest is pasted as before.
import { $insertDataTransferForRichText } from '@lexical/clipboard';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import DOMPurify from 'dompurify';
import { $getRoot, $getSelection, COMMAND_PRIORITY_LOW, PASTE_COMMAND, PASTE_TAG, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';

/** The HTML as a page would show it: no script, style, template, noscript or svg, nor
 *  their text. */
export function cleanPastedHtml(html: string): string {
  return DOMPurify.sanitize(html, { FORBID_TAGS: ['style', 'template', 'noscript', 'svg', 'math'] });
}

function registerCleanPaste(editor: LexicalEditor): () => void {
  return editor.registerCommand(
    PASTE_COMMAND,
    (event) => {
      const data = 'clipboardData' in event ? event.clipboardData : null;
      const html = data?.getData('text/html');
      if (!data || !html) return false;
      // Files with no text are photos (ImagesPlugin): not ours.
      if ((data.files?.length ?? 0) > 0 && data.getData('text/plain').trim() === '') return false;
      event.preventDefault();
      // Lexical reads the clipboard through getData alone.
      const cleanHtml = cleanPastedHtml(html);
      const cleaned = { getData: (type: string) => (type === 'text/html' ? cleanHtml : data.getData(type)) } as DataTransfer;
      editor.update(
        () => {
          // Without a selection (the editor never focused), the paste goes at the end.
          const selection = $getSelection() ?? $getRoot().selectEnd();
          $insertDataTransferForRichText(cleaned, selection, editor);
        },
        { tag: PASTE_TAG },
      );
      return true;
    },
    COMMAND_PRIORITY_LOW,
  );
}

export function CleanPastePlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => registerCleanPaste(editor), [editor]);
  return null;
}
