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
import { CAN_REDO_COMMAND, CAN_UNDO_COMMAND, COMMAND_PRIORITY_LOW, REDO_COMMAND, UNDO_COMMAND } from 'lexical';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { bindNoteDoc, isNoteDocEmpty, noteStateToDoc } from '../../../shared/editor/noteBodyDoc';
import { MAX_UNDO_STEPS } from './CappedHistoryPlugin';

interface Props {
  /** The note's body document, loaded (the session's). */
  doc: Y.Doc;
}

export function NoteDocPlugin({ doc }: Props): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    // A note not in its document yet: seeded from what the editor was given, as the
    // session seeds it (the same note seeded twice merges as one). Binding an empty
    // document would otherwise show an empty note, which autosave would then save.
    if (isNoteDocEmpty(doc)) noteStateToDoc(JSON.stringify(editor.getEditorState().toJSON()), doc);
    const bound = bindNoteDoc(editor, doc, { undo: true });
    const undoManager = bound.undoManager!;
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
      bound.close,
    );
  }, [editor, doc]);
  return null;
}
