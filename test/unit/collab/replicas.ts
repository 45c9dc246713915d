// Replicas of one note's body, each a headless note editor (Carnet's nodes and policies)
// bound to its own Y.Doc by bindNoteDoc, with an undo manager as an on-screen
// collaborative editor has; the documents are connected by relaying their updates, and a
// replica offline has its relayed updates queued until it comes back.
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import * as Y from 'yjs';
import { createHeadlessNoteEditor } from '../../../src/shared/editor/markdown';
import { bindNoteDoc, docToNoteState, type NoteDocBinding } from '../../../src/shared/editor/noteBodyDoc';

export interface Replica {
  name: string;
  doc: Y.Doc;
  editor: LexicalEditor;
  bound: NoteDocBinding;
  online: boolean;
  /** How many times the binding rebuilt the editor from its document. */
  resyncs: number;
}

const RELAY = Symbol('relay');

export class Network {
  readonly replicas: Replica[] = [];
  private queue: { from: Replica; to: Replica; update: Uint8Array }[] = [];

  /** A replica with `clientID` (Yjs orders concurrent inserts by it), starting from
   *  `base` (a document's state) or empty. */
  add(name: string, clientID: number, base?: Uint8Array): Replica {
    const doc = new Y.Doc();
    if (base) Y.applyUpdate(doc, base);
    const editor = createHeadlessNoteEditor();
    const replica: Replica = { name, doc, editor, online: true, resyncs: 0, bound: undefined as unknown as NoteDocBinding };
    replica.bound = bindNoteDoc(editor, doc, { undo: true, clientID, onResync: () => replica.resyncs++ });
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === RELAY) return;
      for (const other of this.replicas) if (other !== replica) this.queue.push({ from: replica, to: other, update });
    });
    this.replicas.push(replica);
    return replica;
  }

  /** Delivers what can be delivered (both ends online); the rest waits. */
  flush(): void {
    for (let delivered = true; delivered;) {
      delivered = false;
      const queue = this.queue;
      this.queue = [];
      for (const message of queue) {
        if (message.from.online && message.to.online) {
          Y.applyUpdate(message.to.doc, message.update, RELAY);
          delivered = true;
        } else this.queue.push(message);
      }
    }
  }

  /** Lets every editor commit and the bindings check themselves, then delivers. */
  async settle(): Promise<void> {
    for (let round = 0; round < 3; round++) {
      await tick();
      this.flush();
    }
    await tick();
  }

  async reconnectAll(): Promise<void> {
    for (const replica of this.replicas) replica.online = true;
    await this.settle();
  }

  close(): void {
    for (const replica of this.replicas) replica.bound.close();
  }
}

const tick = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export function stateOf(replica: Replica): string {
  return JSON.stringify(replica.editor.getEditorState().toJSON());
}

/** The text of each top-level block. */
export function blocksOf(replica: Replica): string[] {
  return replica.editor.getEditorState().read(() =>
    $getRoot()
      .getChildren()
      .map((block) => block.getTextContent()),
  );
}

/** What a replica opening its document afresh reads (a reload). */
export function reloaded(replica: Replica): string {
  return docToNoteState(replica.doc);
}

/** The text nodes of the tags, as drawn (HashtagNodes). */
export function hashtagsOf(replica: Replica): string[] {
  return replica.editor.getEditorState().read(() =>
    $getRoot()
      .getAllTextNodes()
      .filter((node) => node.getType() === 'hashtag')
      .map((node) => node.getTextContent()),
  );
}

function edit(replica: Replica, change: () => void): void {
  replica.editor.update(change, { discrete: true });
}

function $block(index: number): ElementNode {
  const block = $getRoot().getChildAtIndex(index);
  if (!$isElementNode(block)) throw new Error(`no block ${index}`);
  return block;
}

/** Puts the caret in block `index`, `offset` characters into its text (its end by default). */
export function caret(replica: Replica, index: number, offset?: number): void {
  edit(replica, () => {
    const block = $block(index);
    let left = offset ?? block.getTextContentSize();
    for (const text of block.getAllTextNodes()) {
      if (left <= text.getTextContentSize()) {
        text.select(left, left);
        return;
      }
      left -= text.getTextContentSize();
    }
    block.selectEnd();
  });
}

/** Types at the caret, one character per update as a keyboard does. */
export function type(replica: Replica, text: string): void {
  for (const character of text) {
    edit(replica, () => {
      const selection = $getSelection();
      if (!$isRangeSelection(selection)) throw new Error('no caret');
      selection.insertText(character);
    });
  }
}

/** Deletes the character before the caret (a headless editor has no DOM to ask). */
export function backspace(replica: Replica): void {
  edit(replica, () => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection) || !selection.isCollapsed() || selection.anchor.type !== 'text' || selection.anchor.offset === 0) {
      throw new Error('backspace needs a caret inside a text');
    }
    selection.focus.set(selection.anchor.key, selection.anchor.offset - 1, 'text');
    selection.removeText();
  });
}

export function enter(replica: Replica): void {
  edit(replica, () => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) throw new Error('no caret');
    selection.insertParagraph();
  });
}

/** Replaces the note with these paragraphs of plain text (hashtags become tags). */
export function write(replica: Replica, ...paragraphs: string[]): void {
  edit(replica, () => {
    $getRoot()
      .clear()
      .append(...paragraphs.map((text) => $createParagraphNode().append(...(text ? [$createTextNode(text)] : []))));
  });
}

export function clearAll(replica: Replica): void {
  edit(replica, () => $getRoot().clear());
}

/** Ends the current undo step, as a pause in typing longer than the capture delay does. */
export function pause(replica: Replica): void {
  replica.bound.undoManager?.stopCapturing();
}

export function undo(replica: Replica): void {
  replica.bound.undoManager?.undo();
}

export function redo(replica: Replica): void {
  replica.bound.undoManager?.redo();
}

export function canUndo(replica: Replica): boolean {
  return (replica.bound.undoManager?.undoStack.length ?? 0) > 0;
}

/** Every text node of the note, for picking one at random. */
export function textNodeCount(replica: Replica): number {
  return replica.editor.getEditorState().read(() => $getRoot().getAllTextNodes().filter($isTextNode).length);
}
