// Markdown ⇄ Lexical without a DOM: the same nodes and policies as the on-screen editor.
// Used for the sample expedition, Markdown import and Markdown export.
import {
  $convertFromMarkdownString,
  $convertToMarkdownString,
  CHECK_LIST,
  ELEMENT_TRANSFORMERS,
  LINK,
  TEXT_FORMAT_TRANSFORMERS,
  type Transformer,
} from '@lexical/markdown';
import { createEditor, type EditorState, type LexicalEditor } from 'lexical';
import { deriveNoteFields, type ConvertedNote } from './derive';
import { IMAGE } from './imageMarkdown';
import { NOTE_NODES } from './nodes';
import { plainMarkdownToNote } from './plainMarkdown';
import { registerNotePolicies } from './policies';

/** Check lists first: '- [ ] x' would otherwise read as a bulleted item. Images before
 *  the text transformers, which would otherwise read `![…](…)` as a link. */
export const NOTE_TRANSFORMERS: Transformer[] = [IMAGE, CHECK_LIST, ...ELEMENT_TRANSFORMERS, ...TEXT_FORMAT_TRANSFORMERS, LINK];

export function createHeadlessNoteEditor(): LexicalEditor {
  const editor = createEditor({
    namespace: 'carnet-headless',
    nodes: [...NOTE_NODES],
    onError: (error) => {
      throw error;
    },
  });
  registerNotePolicies(editor);
  return editor;
}

/** Windows (CRLF) and old Mac (CR) line endings as '\n': Lexical would keep each '\r' in
 *  the text of its line. */
function withUnixLineEndings(markdown: string): string {
  return markdown.includes('\r') ? markdown.replace(/\r\n?/g, '\n') : markdown;
}

/** The note a Markdown text makes: by the fast path when the text is plain enough for it
 *  (plainMarkdown.ts), else by Lexical; both give the same state. */
export function markdownToNote(markdown: string, editor?: LexicalEditor): ConvertedNote {
  const text = withUnixLineEndings(markdown);
  return plainMarkdownToNote(text) ?? lexicalMarkdownToNote(text, editor);
}

/** Lexical's conversion, whatever the Markdown holds. */
export function lexicalMarkdownToNote(markdown: string, editor = createHeadlessNoteEditor()): ConvertedNote {
  const text = withUnixLineEndings(markdown);
  editor.update(() => $convertFromMarkdownString(text, NOTE_TRANSFORMERS, undefined, false), {
    discrete: true,
  });
  const state = editor.getEditorState();
  return { state: JSON.stringify(state.toJSON()), ...deriveNoteFields(state) };
}

export function parseNoteState(stateJson: string, editor = createHeadlessNoteEditor()): EditorState {
  return editor.parseEditorState(stateJson);
}

export function noteStateToMarkdown(stateJson: string, editor = createHeadlessNoteEditor()): string {
  const state = parseNoteState(stateJson, editor);
  return state.read(() => $convertToMarkdownString(NOTE_TRANSFORMERS, undefined, false));
}
