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
  SKIP_COLLAB_TAG,
  type ElementNode,
  type LexicalEditor,
} from 'lexical';
import * as Y from 'yjs';
import { createHeadlessNoteEditor } from '../../../src/shared/editor/markdown';
import { bindNoteDoc, docToNoteState, noteStateToDoc, type NoteDocBinding } from '../../../src/shared/editor/noteBodyDoc';

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
   *  `base` (a document's state) or from a new, empty note seeded as the editor's plugin
   *  seeds one. Everything it writes from then on is relayed. */
  add(name: string, clientID: number, base?: Uint8Array): Replica {
    const doc = new Y.Doc();
    doc.clientID = clientID;
    if (base) Y.applyUpdate(doc, base);
    else noteStateToDoc('', doc);
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === RELAY) return;
      for (const other of this.replicas) if (other !== replica) this.queue.push({ from: replica, to: other, update });
    });
    const editor = createHeadlessNoteEditor();
    const replica: Replica = { name, doc, editor, online: true, resyncs: 0, bound: undefined as unknown as NoteDocBinding };
    replica.bound = bindNoteDoc(editor, doc, { undo: true, checkDelayMs: 0, onResync: () => replica.resyncs++ });
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

/** Makes `length` characters of block `index` bold, from `offset` (within one text node). */
export function bold(replica: Replica, index: number, offset: number, length: number): void {
  edit(replica, () => {
    let left = offset;
    for (const text of $block(index).getAllTextNodes()) {
      if (left < text.getTextContentSize()) {
        text.select(left, left + length);
        const selection = $getSelection();
        if ($isRangeSelection(selection)) selection.formatText('bold');
        return;
      }
      left -= text.getTextContentSize();
    }
  });
}

/** The texts drawn in bold. */
export function boldTextOf(replica: Replica): string[] {
  return replica.editor.getEditorState().read(() =>
    $getRoot()
      .getAllTextNodes()
      .filter((node) => node.hasFormat('bold'))
      .map((node) => node.getTextContent()),
  );
}

/** Where the caret is: its block and its offset in that block's text. */
export function caretOf(replica: Replica): { block: number; offset: number } | null {
  return replica.editor.getEditorState().read(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection) || selection.anchor.type !== 'text') return null;
    const node = selection.anchor.getNode();
    const block = node.getTopLevelElementOrThrow();
    let offset = selection.anchor.offset;
    for (const text of block.getAllTextNodes()) {
      if (text.is(node)) break;
      offset += text.getTextContentSize();
    }
    return { block: block.getIndexWithinParent(), offset };
  });
}

/** Changes the editor without telling the binding: what a plugin writing with
 *  SKIP_COLLAB_TAG does. The last block's text is replaced. */
export function drift(replica: Replica, text: string): void {
  replica.editor.update(
    () => {
      const last = $getRoot().getLastChild();
      if ($isElementNode(last)) last.clear().append($createTextNode(text));
    },
    { discrete: true, tag: SKIP_COLLAB_TAG },
  );
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

/** Types ` token ` at a word boundary of a block picked by `pick` (a fraction), so that
 *  tokens typed anywhere stay whole words; in bold if asked. */
export function typeWord(replica: Replica, block: number, gap: number, token: string, inBold = false): void {
  edit(replica, () => {
    const root = $getRoot();
    const target = root.getChildAtIndex(Math.floor(block * root.getChildrenSize()));
    if (!$isElementNode(target)) return;
    const text = target.getTextContent();
    const gaps = [0, text.length];
    for (let index = 0; index < text.length; index++) if (text[index] === ' ') gaps.push(index + 1);
    let left = gaps[Math.floor(gap * gaps.length)]!;
    let placed = false;
    for (const node of target.getAllTextNodes()) {
      if (left <= node.getTextContentSize()) {
        node.select(left, left);
        placed = true;
        break;
      }
      left -= node.getTextContentSize();
    }
    if (!placed) target.selectEnd();
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return;
    if (inBold !== selection.hasFormat('bold')) selection.formatText('bold');
    selection.insertText(` ${token} `);
  });
}

/** Splits a block picked by `block` (a fraction) at its end or its middle. */
export function split(replica: Replica, block: number, middle: boolean): void {
  edit(replica, () => {
    const root = $getRoot();
    const target = root.getChildAtIndex(Math.floor(block * root.getChildrenSize()));
    if (!$isElementNode(target)) return;
    const nodes = target.getAllTextNodes();
    const node = middle ? nodes[Math.floor(nodes.length / 2)] : undefined;
    if (node) node.select(0, 0);
    else target.selectEnd();
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.insertParagraph();
  });
}

/** Deletes up to three characters of a text node picked by `at` (a fraction). */
export function deleteSome(replica: Replica, at: number, from: number): void {
  edit(replica, () => {
    const nodes = $getRoot().getAllTextNodes();
    const node = nodes[Math.floor(at * nodes.length)];
    if (!node || node.getTextContentSize() === 0) return;
    const start = Math.floor(from * node.getTextContentSize());
    node.select(start, Math.min(node.getTextContentSize(), start + 3));
    const selection = $getSelection();
    if ($isRangeSelection(selection)) selection.removeText();
  });
}
