// A note's body as a Yjs document (its `root` XmlText, as @lexical/yjs binds an editor to
// it) and back as Lexical's JSON state, without a screen: the way a note written before
// sharing becomes a Yjs document (seeded once, by its author), and the way another
// participant's edits reach the notebook's own records (Dexie stays the read model).
import { createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Binding, type Provider } from '@lexical/yjs';
import { SKIP_COLLAB_TAG, type LexicalEditor } from 'lexical';
import * as Y from 'yjs';
import { createHeadlessNoteEditor } from './markdown';

/** Cursors and presence are the on-screen editor's business: none here. */
const NO_AWARENESS: Provider = {
  awareness: {
    getLocalState: () => null,
    getStates: () => new Map(),
    on: () => undefined,
    off: () => undefined,
    setLocalState: () => undefined,
    setLocalStateField: () => undefined,
  },
  connect: () => undefined,
  disconnect: () => undefined,
  on: () => undefined,
  off: () => undefined,
};

/** A headless note editor bound to `doc`: Lexical updates go to Yjs, Yjs events to Lexical. */
function bind(doc: Y.Doc): { editor: LexicalEditor; binding: Binding; release: () => void } {
  const editor = createHeadlessNoteEditor();
  const binding = createYjsBinding({ editor, id: 'note', doc, docMap: new Map([['note', doc]]) });
  const root = binding.root.getSharedType();
  const onYjs = (events: Y.YEvent<Y.XmlText>[], transaction: Y.Transaction): void => {
    if (transaction.origin !== binding) syncYjsChangesToLexical(binding, NO_AWARENESS, events, false, () => undefined);
  };
  root.observeDeep(onYjs);
  const stopLexical = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (!tags.has(SKIP_COLLAB_TAG)) {
      syncLexicalUpdateToYjs(binding, NO_AWARENESS, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
    }
  });
  return {
    editor,
    binding,
    release: () => {
      root.unobserveDeep(onYjs);
      stopLexical();
    },
  };
}

/** Lets the editor commit what it was given (updates commit on a microtask). */
function commit(editor: LexicalEditor): void {
  editor.update(() => undefined, { discrete: true });
}

/** Origins of the updates between a document and the copy an editor is bound to. */
const FROM_DOCUMENT = Symbol('from the document');
const FROM_EDITOR = Symbol('from the editor');

/**
 * A headless editor on a note's document: loaded with what the document holds, its edits
 * written to the document, the document's later changes brought into it. @lexical/yjs
 * fills an editor from the changes it observes, not from what a document already holds:
 * the editor is bound to a copy that receives the document's whole state as one change.
 */
export function openNoteDoc(doc: Y.Doc): { editor: LexicalEditor; close: () => void } {
  const copy = new Y.Doc();
  const { editor, release } = bind(copy);
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), FROM_DOCUMENT);
  commit(editor);
  const toDocument = (update: Uint8Array, origin: unknown): void => {
    if (origin !== FROM_DOCUMENT) Y.applyUpdate(doc, update, FROM_EDITOR);
  };
  const toCopy = (update: Uint8Array, origin: unknown): void => {
    if (origin !== FROM_EDITOR) Y.applyUpdate(copy, update, FROM_DOCUMENT);
  };
  copy.on('update', toDocument);
  doc.on('update', toCopy);
  return {
    editor,
    close: () => {
      copy.off('update', toDocument);
      doc.off('update', toCopy);
      release();
      copy.destroy();
    },
  };
}

/** An empty document given a note's content: how a note written before sharing becomes
 *  a Yjs document (once, by its author). */
export function noteStateToDoc(stateJson: string, doc = new Y.Doc()): Y.Doc {
  const { editor, close } = openNoteDoc(doc);
  if (stateJson) editor.setEditorState(editor.parseEditorState(stateJson));
  commit(editor);
  close();
  return doc;
}

/** The note a Yjs document holds, as Lexical's JSON state. */
export function docToNoteState(doc: Y.Doc): string {
  const { editor, close } = openNoteDoc(doc);
  const state = JSON.stringify(editor.getEditorState().toJSON());
  close();
  return state;
}
