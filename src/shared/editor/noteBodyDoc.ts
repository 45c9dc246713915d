// A note's body as a Yjs document (its `root` XmlText, as @lexical/yjs binds an editor to
// it) and back as Lexical's JSON state: the way a note written before sharing becomes a
// Yjs document (seeded once, by its author), the way another participant's edits reach
// the notebook's own records (Dexie stays the read model), and the binding an editor on
// screen can use to edit the document live (renderer/editor/plugins/NoteDocPlugin.tsx).
import { createUndoManager, createYjsBinding, syncLexicalUpdateToYjs, syncYjsChangesToLexical, type Binding, type Provider } from '@lexical/yjs';
import {
  $createParagraphNode,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isTextNode,
  $parseSerializedNode,
  COLLABORATION_TAG,
  SKIP_COLLAB_TAG,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type SerializedLexicalNode,
} from 'lexical';
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

/** Origins of the updates between a document and the copy an editor is bound to. */
const FROM_DOCUMENT = Symbol('from the document');
const FROM_EDITOR = Symbol('from the editor');
/** The update that fills an editor from its document: neither an edit nor a change to check. */
const LOAD_TAG = 'carnet-note-doc-load';

/** Lets the editor commit what it was given (updates commit on a microtask). */
function commit(editor: LexicalEditor): void {
  editor.update(() => undefined, { discrete: true });
}

interface Attachment {
  binding: Binding;
  undoManager: Y.UndoManager | null;
  release: () => void;
}

interface AttachOptions {
  undo?: boolean;
  clientID?: number;
  /** After each change that came from Yjs (another replica, an undo), even one that
   *  Lexical failed to apply. */
  afterYjs?: () => void;
}

/**
 * `editor` bound to `doc` as CollaborationPlugin binds one (same listeners, same undo
 * manager), its content replaced by the document's. @lexical/yjs fills an editor from the
 * changes it observes, not from what a document already holds: the editor is bound to a
 * copy that receives the document's whole state as one change, and the two are kept in
 * step. The editor's previous content is dropped without being written anywhere.
 */
function attach(editor: LexicalEditor, doc: Y.Doc, { undo = false, clientID, afterYjs }: AttachOptions = {}): Attachment {
  const copy = new Y.Doc();
  if (clientID !== undefined) copy.clientID = clientID;
  const binding = createYjsBinding({ editor, id: 'note', doc: copy, docMap: new Map([['note', copy]]) });
  const root = binding.root.getSharedType();
  const undoManager = undo ? createUndoManager(binding, root) : null;
  const onYjs = (events: Y.YEvent<Y.XmlText>[], transaction: Y.Transaction): void => {
    if (transaction.origin === binding) return;
    try {
      syncYjsChangesToLexical(binding, NO_AWARENESS, events, transaction.origin instanceof Y.UndoManager, () => undefined);
      // Committed now, one Yjs transaction at a time. syncYjsChangesToLexical leaves its
      // update to Lexical's next commit, so several transactions applied in one go (a
      // provider's burst, a relay) are reconciled as one, and the merge of the text
      // nodes they made then deletes text from the document (noteBodyCollab.test.ts,
      // "typing into one empty paragraph on both sides").
      commit(editor);
    } catch (error) {
      // Thrown out of Yjs's observer, it would abort the provider's update: a bound
      // editor is rebuilt from the document instead (afterYjs); a reader lets it out.
      if (!afterYjs) throw error;
    } finally {
      afterYjs?.();
    }
  };
  root.observeDeep(onYjs);
  const stopLexical = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (!tags.has(SKIP_COLLAB_TAG)) {
      syncLexicalUpdateToYjs(binding, NO_AWARENESS, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
    }
  });
  // One update: the old content cleared and the document's read in (the update
  // syncYjsChangesToLexical makes nests in this one). Tagged as coming from Yjs, so that
  // nothing of it is written back; transforms skipped, as for any change from Yjs.
  editor.update(
    () => {
      $getRoot().clear();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc), FROM_DOCUMENT);
    },
    { discrete: true, skipTransforms: true, tag: [COLLABORATION_TAG, LOAD_TAG] },
  );
  const toDocument = (update: Uint8Array, origin: unknown): void => {
    if (origin !== FROM_DOCUMENT) Y.applyUpdate(doc, update, FROM_EDITOR);
  };
  const toCopy = (update: Uint8Array, origin: unknown): void => {
    if (origin !== FROM_EDITOR) Y.applyUpdate(copy, update, FROM_DOCUMENT);
  };
  copy.on('update', toDocument);
  doc.on('update', toCopy);
  let released = false;
  return {
    binding,
    undoManager,
    release: () => {
      if (released) return;
      released = true;
      copy.off('update', toDocument);
      doc.off('update', toCopy);
      root.unobserveDeep(onYjs);
      stopLexical();
      undoManager?.destroy();
      copy.destroy();
    },
  };
}

export interface NoteDocBinding {
  /** Undo and redo of this editor's own edits (with `undo: true`); a new one after a resync. */
  readonly undoManager: Y.UndoManager | null;
  /** Rebuilds the editor from the document if the two differ; tells whether it did. */
  verify: () => boolean;
  close: () => void;
}

export interface BindOptions {
  /** An undo manager of this editor's edits, as CollaborationPlugin makes one. */
  undo?: boolean;
  /** After the editor was rebuilt from the document (its undo manager is new). */
  onResync?: () => void;
  /** The Yjs client id the editor's edits are made under (random by default; tests fix
   *  it, since Yjs orders concurrent inserts by client id). */
  clientID?: number;
}

/** How long a check waits for a word being composed (an input method) to be committed. */
const COMPOSING_RETRY_MS = 300;

/**
 * `editor` editing `doc` live, its content replaced by the document's.
 *
 * @lexical/yjs 0.52's V1 binding can leave an editor showing something else than its
 * document, or throwing, after concurrent edits meet an undo, a paragraph split or a text
 * node that Carnet's hashtag transform rebuilt (the kind of facebook/lexical#6614; the
 * sequences are in test/unit/noteBodyCollab.test.ts). The document is what every replica
 * converges to, so after each change that came from Yjs the editor is compared with what
 * the document reads as, and rebuilt from it when they differ: the caret stays in its
 * block, the undo history restarts.
 */
export function bindNoteDoc(editor: LexicalEditor, doc: Y.Doc, options: BindOptions = {}): NoteDocBinding {
  let closed = false;
  let scheduled = false;
  const schedule = (delay?: number): void => {
    if (scheduled || closed) return;
    scheduled = true;
    const run = (): void => {
      scheduled = false;
      verify();
    };
    // Not inside Yjs's observer call nor Lexical's commit, where a rebuild would nest.
    if (delay === undefined) queueMicrotask(run);
    else setTimeout(run, delay);
  };
  const attachOptions: AttachOptions = { undo: options.undo, afterYjs: () => schedule() };
  let current = attach(editor, doc, { ...attachOptions, clientID: options.clientID });

  const verify = (): boolean => {
    if (closed) return false;
    if (editor.isComposing()) {
      schedule(COMPOSING_RETRY_MS);
      return false;
    }
    let seen: string | null;
    try {
      // Whatever the editor was given but has not committed yet is part of what it shows.
      commit(editor);
      seen = JSON.stringify(editor.getEditorState().toJSON());
    } catch {
      // A state Lexical cannot even serialise: rebuilt like any other difference.
      seen = null;
    }
    if (seen === docToNoteState(doc)) return false;
    const caret = seen === null ? null : caretOf(editor);
    current.release();
    // A new client id: a Yjs document that receives items under its own id changes it.
    current = attach(editor, doc, attachOptions);
    restoreCaret(editor, caret);
    options.onResync?.();
    return true;
  };

  return {
    get undoManager() {
      return current.undoManager;
    },
    verify,
    close: () => {
      closed = true;
      current.release();
    },
  };
}

/** Where the caret is: its top-level block and its offset in that block's text. */
function caretOf(editor: LexicalEditor): { block: number; offset: number } | null {
  return editor.getEditorState().read(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection)) return null;
    const { anchor } = selection;
    const node = anchor.getNode();
    const block = node.getTopLevelElement();
    if (!block) return null;
    let offset = 0;
    if (anchor.type === 'text' && $isElementNode(block)) {
      for (const text of block.getAllTextNodes()) {
        if (text.is(node)) break;
        offset += text.getTextContentSize();
      }
      offset += anchor.offset;
    }
    return { block: block.getIndexWithinParent(), offset };
  });
}

function restoreCaret(editor: LexicalEditor, caret: { block: number; offset: number } | null): void {
  if (!caret) return;
  editor.update(
    () => {
      const block = $getRoot().getChildAtIndex(caret.block);
      if (!$isElementNode(block)) return;
      let left = caret.offset;
      for (const text of block.getAllTextNodes()) {
        if (left <= text.getTextContentSize()) {
          text.select(left, left);
          return;
        }
        left -= text.getTextContentSize();
      }
      block.selectEnd();
    },
    { discrete: true, tag: SKIP_COLLAB_TAG },
  );
}

/** A headless editor on a note's document: loaded with what the document holds, its edits
 *  written to the document, the document's later changes brought into it. */
export function openNoteDoc(doc: Y.Doc): { editor: LexicalEditor; close: () => void } {
  const editor = createHeadlessNoteEditor();
  const { release } = attach(editor, doc);
  return { editor, close: release };
}

/** The note a Yjs document holds, as Lexical's JSON state. */
export function docToNoteState(doc: Y.Doc): string {
  const { editor, close } = openNoteDoc(doc);
  const state = JSON.stringify(editor.getEditorState().toJSON());
  close();
  return state;
}

/** A document that has never held anything: not even a deleted edit. */
export function isPristine(doc: Y.Doc): boolean {
  return doc.store.clients.size === 0;
}

/**
 * A note's content given to its document: how a note written before sharing becomes a
 * Yjs document (once, by its author), and how an edit made outside the editor (a tag
 * renamed, a lesson unlinked) reaches it.
 *
 * Seeding a document twice must not give the note twice: two replicas that each seed
 * the same note (a second device, a seed made before the first sync with the server)
 * would each insert their own copy, and Yjs keeps both. So a pristine document is
 * seeded with items whose ids are derived from the content itself: the same note seeded
 * anywhere gives the very same items, which Yjs merges as one. The client id is a hash
 * of a first encoding of the seed, so that different contents (or a future version of
 * the binding writing the same note differently) never share ids.
 *
 * A document that already holds something is changed as little as possible: unchanged
 * blocks are kept, text nodes edited in place, so that a change made meanwhile on
 * another replica still merges with it.
 */
export function noteStateToDoc(stateJson: string, doc = new Y.Doc()): Y.Doc {
  const wanted = wantedChildren(stateJson);
  if (isPristine(doc)) {
    const draft = new Y.Doc();
    write(draft, wanted, 0);
    write(doc, wanted, seedClientId(Y.encodeStateAsUpdate(draft)));
  } else {
    write(doc, wanted);
  }
  return doc;
}

/** The blocks a state holds; an empty note is one empty paragraph, as an editor makes it,
 *  so that it too is seeded the same everywhere. */
function wantedChildren(stateJson: string): SerializedLexicalNode[] {
  const children = stateJson ? (JSON.parse(stateJson) as { root: { children: SerializedLexicalNode[] } }).root.children : [];
  if (children.length > 0) return children;
  const editor = createHeadlessNoteEditor();
  editor.update(() => $getRoot().append($createParagraphNode()), { discrete: true });
  return (editor.getEditorState().toJSON().root as unknown as { children: SerializedLexicalNode[] }).children;
}

function write(doc: Y.Doc, wanted: SerializedLexicalNode[], clientID?: number): void {
  const editor = createHeadlessNoteEditor();
  const { release } = attach(editor, doc, { clientID });
  const current = (editor.getEditorState().toJSON().root as unknown as { children: SerializedLexicalNode[] }).children;
  // Written as given (a state is stored normalised already), as setEditorState would.
  editor.update(() => $reconcileChildren($getRoot(), current, wanted), { discrete: true, skipTransforms: true });
  commit(editor);
  release();
}

function withoutContent(node: SerializedLexicalNode): string {
  const { children: _children, text: _text, ...rest } = node as SerializedLexicalNode & { children?: unknown; text?: unknown };
  return JSON.stringify(rest);
}

/** Makes `parent`'s children (serialised as `current`) read as `wanted`, touching only
 *  what differs: a common head and tail are kept, blocks of the same kind in between
 *  are reconciled in place, the rest replaced. */
function $reconcileChildren(parent: ElementNode, current: SerializedLexicalNode[], wanted: SerializedLexicalNode[]): void {
  const nodes = parent.getChildren();
  const same = (a: SerializedLexicalNode | undefined, b: SerializedLexicalNode | undefined): boolean => JSON.stringify(a) === JSON.stringify(b);
  let head = 0;
  while (head < current.length && head < wanted.length && same(current[head], wanted[head])) head++;
  let tail = 0;
  while (tail < current.length - head && tail < wanted.length - head && same(current[current.length - 1 - tail], wanted[wanted.length - 1 - tail])) tail++;
  const oldMiddle = nodes.slice(head, nodes.length - tail);
  const newMiddle = wanted.slice(head, wanted.length - tail);
  if (oldMiddle.length === newMiddle.length) {
    oldMiddle.forEach((node, index) => $reconcileNode(node, current[head + index]!, newMiddle[index]!));
    return;
  }
  const before = nodes[nodes.length - tail] ?? null;
  for (const node of oldMiddle) node.remove();
  for (const json of newMiddle) {
    const created = $parseSerializedNode(json);
    if (before) before.insertBefore(created);
    else parent.append(created);
  }
}

function $reconcileNode(node: LexicalNode, current: SerializedLexicalNode, wanted: SerializedLexicalNode): void {
  if (withoutContent(current) !== withoutContent(wanted)) {
    node.replace($parseSerializedNode(wanted));
  } else if ($isTextNode(node)) {
    const text = (wanted as SerializedLexicalNode & { text: string }).text;
    if (node.getTextContent() !== text) node.setTextContent(text);
  } else if ($isElementNode(node)) {
    const children = (json: SerializedLexicalNode): SerializedLexicalNode[] =>
      (json as SerializedLexicalNode & { children?: SerializedLexicalNode[] }).children ?? [];
    $reconcileChildren(node, children(current), children(wanted));
  }
}

/** A Yjs client id (an unsigned 32-bit integer) from the bytes of a seed: FNV-1a. */
function seedClientId(bytes: Uint8Array): number {
  let hash = 0x811c9dc5;
  for (const byte of bytes) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash >>> 0 || 1;
}
