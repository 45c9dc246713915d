// What a note stores beside its Lexical state, computed from that state: the plain text
// (for search, previews and exports), its #hashtags and the lessons its passages link to.
import { $isMarkNode } from '@lexical/mark';
import { $getRoot, $isElementNode, type EditorState, type LexicalNode } from 'lexical';
import { extractHashtags } from '../text/hashtags';

export interface DerivedNoteFields {
  text: string;
  tags: string[];
  passageLessonIds: string[];
}

function $collectMarkIds(node: LexicalNode, into: Set<string>): void {
  if ($isMarkNode(node)) for (const id of node.getIDs()) into.add(id);
  if ($isElementNode(node)) for (const child of node.getChildren()) $collectMarkIds(child, into);
}

/** A note converted from another form (Markdown): its state and what is derived from it. */
export interface ConvertedNote extends DerivedNoteFields {
  /** Serialised Lexical state, as stored in Note.state. */
  state: string;
}

export function deriveNoteFields(state: EditorState): DerivedNoteFields {
  return state.read(() => {
    const root = $getRoot();
    // Lexical separates blocks with a blank line; one newline reads better in previews.
    const text = root.getTextContent().replace(/\n\n/g, '\n').trim();
    const ids = new Set<string>();
    $collectMarkIds(root, ids);
    return { text, tags: extractHashtags(text), passageLessonIds: [...ids].sort() };
  });
}

/** The first non-empty line of a note, which stands for its title when it has none. */
export function firstLine(text: string): string {
  return (
    text
      .split('\n')
      .find((line) => line.trim() !== '')
      ?.trim() ?? ''
  );
}

/** What a note is called in lists and evidence: its title, else its first line. */
export function noteLabel(note: { title: string; text: string }, untitled: string): string {
  return note.title.trim() || firstLine(note.text) || untitled;
}
