// Markdown → a note's stored fields, with the app's Lexical nodes and transformers, plus a
// passage mark linking part of the first long enough paragraph to a lesson (as the
// editor's "Link the passage…" does). Runs in the bench page and in Node alike.
import { $createMarkNode } from '@lexical/mark';
import { $convertFromMarkdownString } from '@lexical/markdown';
import { $getRoot, $isTextNode, type LexicalEditor, type TextNode } from 'lexical';
import { deriveNoteFields } from '../src/shared/editor/derive';
import { NOTE_TRANSFORMERS } from '../src/shared/editor/markdown';
import type { Note } from '../src/shared/model';

/** Markdown → Lexical state with the app's transformers, a passage mark when asked, and
 *  the fields the app derives from a state. */
export function convert(
  editor: LexicalEditor,
  markdown: string,
  passage: { lessonId: string; at: number } | null,
): Pick<Note, 'state' | 'text' | 'tags' | 'passageLessonIds'> {
  editor.update(
    () => {
      $convertFromMarkdownString(markdown, NOTE_TRANSFORMERS, undefined, false);
      if (!passage) return;
      const text = $getRoot()
        .getAllTextNodes()
        .find((node): node is TextNode => $isTextNode(node) && node.getTextContentSize() > passage.at + 40);
      if (!text) return;
      const parts = text.splitText(passage.at, passage.at + 35);
      const middle = passage.at === 0 ? parts[0]! : parts[1]!;
      const mark = $createMarkNode([passage.lessonId]);
      middle.insertBefore(mark);
      mark.append(middle);
    },
    { discrete: true },
  );
  const state = editor.getEditorState();
  return { state: JSON.stringify(state.toJSON()), ...deriveNoteFields(state) };
}
