// The note's editor editing its body's Yjs document live (a shared expedition): what the
// document holds replaces what the editor was given, every edit goes to the document as
// it is made, and another replica's edits appear as they arrive. The sync session owns
// the document and its provider; this plugin only binds the editor to it, through
// shared/editor/noteBodyDoc.ts. Mount it keyed with the note (a new editor per note).
//
// Not @lexical/react's CollaborationPlugin (nor its V2): they fill an editor only from the
// changes a provider brings after mounting (a document already loaded from the notebook
// would stay blank), connect and disconnect the provider with the editor (the session's,
// which serves the whole expedition), and bootstrap with random ids; the first one also
// uses the first binding (see noteBodyDoc.ts for why not).
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import { initLocalState, setLocalStateFocus, syncCursorPositions, type Provider, type ProviderAwareness } from '@lexical/yjs';
import {
  BLUR_COMMAND,
  CAN_REDO_COMMAND,
  CAN_UNDO_COMMAND,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_LOW,
  FOCUS_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { useEffect, useState, type JSX } from 'react';
import { createPortal } from 'react-dom';
import type * as Y from 'yjs';
import { bindNoteDoc, isNoteDocEmpty, noteStateToDoc, type NoteDocBinding } from '../../../shared/editor/noteBodyDoc';
import { MAX_UNDO_STEPS } from './CappedHistoryPlugin';

/** Who else edits the document: their cursors shown, this editor's told, under a name. */
export interface Presence {
  awareness: ProviderAwareness;
  name: string;
  color: string;
}

interface Props {
  /** The note's body document, loaded (the session's). */
  doc: Y.Doc;
  /** For a document several people edit at once (the group's synthesis of a lesson). */
  presence?: Presence;
}

export function NoteDocPlugin({ doc, presence }: Props): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  // The others' cursors are drawn in a layer beside the editable text, in the box that
  // scrolls it (their positions are measured from that box).
  const [host, setHost] = useState<HTMLElement | null>(null);
  const [cursors, setCursors] = useState<HTMLDivElement | null>(null);
  const [bound, setBound] = useState<{ binding: NoteDocBinding['binding']; provider: Provider } | null>(null);
  const awareness = presence?.awareness;
  useEffect(() => editor.registerRootListener((root) => setHost(root?.parentElement ?? null)), [editor]);
  useEffect(() => {
    // A note not in its document yet: seeded from what the editor was given, as the
    // session seeds it (the same note seeded twice merges as one). Binding an empty
    // document would otherwise show an empty note, which autosave would then save.
    if (isNoteDocEmpty(doc)) noteStateToDoc(JSON.stringify(editor.getEditorState().toJSON()), doc);
    const provider = awareness ? presenceProvider(awareness) : undefined;
    const binding = bindNoteDoc(editor, doc, { undo: true, ...(provider ? { presence: provider } : {}) });
    if (provider) setBound({ binding: binding.binding, provider });
    const undoManager = binding.undoManager!;
    const onStackChange = (): void => {
      // Bounded like the history of a note not shared (CappedHistoryPlugin).
      if (undoManager.undoStack.length > MAX_UNDO_STEPS) undoManager.undoStack.splice(0, undoManager.undoStack.length - MAX_UNDO_STEPS);
      editor.dispatchCommand(CAN_UNDO_COMMAND, undoManager.undoStack.length > 0);
      editor.dispatchCommand(CAN_REDO_COMMAND, undoManager.redoStack.length > 0);
    };
    undoManager.on('stack-item-added', onStackChange);
    undoManager.on('stack-item-popped', onStackChange);
    return mergeRegister(
      // Above @lexical/history's priority: its undo restores an earlier editor state with
      // the historic tag, which the binding never writes to the document. Yjs's undo
      // takes back this editor's own edits only, not another replica's.
      editor.registerCommand(
        UNDO_COMMAND,
        () => {
          undoManager.undo();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerCommand(
        REDO_COMMAND,
        () => {
          undoManager.redo();
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
      () => {
        undoManager.off('stack-item-added', onStackChange);
        undoManager.off('stack-item-popped', onStackChange);
      },
      binding.close,
    );
  }, [editor, doc, awareness]);
  // Apart from the binding: a name or a layer that changes does not rebind the editor.
  const name = presence?.name;
  const color = presence?.color;
  useEffect(() => {
    if (!bound || !cursors || name === undefined || color === undefined) return;
    return showPresence(editor, bound.binding, bound.provider, { name, color }, cursors);
  }, [editor, bound, cursors, name, color]);
  return presence && host ? createPortal(<div ref={setCursors} className="collab-cursors" aria-hidden="true" />, host) : null;
}

/** The provider @lexical/yjs asks for, for its cursors: only its awareness is used (the
 *  session connects the document, not the editor). */
function presenceProvider(awareness: ProviderAwareness): Provider {
  return { awareness, connect: () => undefined, disconnect: () => undefined, on: () => undefined, off: () => undefined };
}

/** Tells this editor's name and cursor, draws the others' in `layer`, until the returned
 *  function is called (then this editor's presence is withdrawn at once, not after the
 *  awareness timeout). */
function showPresence(
  editor: LexicalEditor,
  binding: NoteDocBinding['binding'],
  provider: Provider,
  { name, color }: Omit<Presence, 'awareness'>,
  layer: HTMLDivElement,
): () => void {
  binding.cursorsContainer = layer;
  const root = editor.getRootElement();
  initLocalState(provider, name, color, root !== null && root === document.activeElement, {});
  const draw = (): void => syncCursorPositions(binding, provider);
  provider.awareness.on('update', draw);
  draw();
  // Whether this editor has the focus: the others draw its cursor only while it has.
  const tellFocus = (focusing: boolean) => (): boolean => {
    setLocalStateFocus(provider, name, color, focusing, {});
    return false;
  };
  return mergeRegister(
    editor.registerCommand(FOCUS_COMMAND, tellFocus(true), COMMAND_PRIORITY_EDITOR),
    editor.registerCommand(BLUR_COMMAND, tellFocus(false), COMMAND_PRIORITY_EDITOR),
    () => {
      provider.awareness.off('update', draw);
      provider.awareness.setLocalState(null);
      binding.cursorsContainer = null;
    },
  );
}
