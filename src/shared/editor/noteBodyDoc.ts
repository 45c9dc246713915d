// A note's body as a Yjs document and back as Lexical's JSON state: the way a note
// written before sharing becomes a Yjs document (seeded once, by its author), the way
// another participant's edits reach the notebook's own records (Dexie stays the read
// model), and the binding an editor on screen edits the document through
// (renderer/editor/plugins/NoteDocPlugin.tsx).
//
// The body is bound with @lexical/yjs's second binding (`root-v2`, an XmlElement tree in
// the manner of y-prosemirror), not the first (`root`, one XmlText per element with text
// nodes as embedded maps). With the first, edits made apart in one paragraph merge
// wrongly as soon as one side splits a text node — bold on a word, or a hashtag that
// Carnet's transform makes a node of: a tag added at each end of a paragraph, offline,
// emptied the paragraph in both documents; bold on the first word moved text typed at
// the end into the middle; random sessions left editors out of step with their documents
// (facebook/lexical#6614 and its kin). The second merges these and stays in step; it
// got two replicas starting the same empty paragraph wrong (a word twice, or cut in two),
// which giveEmptyBlocksText below prevents. What it still gets wrong: two replicas
// splitting one paragraph at once (its end twice), text typed at the same place right
// after a formatted run (the two texts interleave, in Yjs's formatting), and the rare
// ways left of two runs of text side by side (see giveEmptyBlocksText).
// test/unit/noteBodyCollab.test.ts has the cases.
import {
  createBindingV2__EXPERIMENTAL,
  syncLexicalUpdateToYjsV2__EXPERIMENTAL,
  syncYjsChangesToLexicalV2__EXPERIMENTAL,
  syncYjsStateToLexicalV2__EXPERIMENTAL,
  type BindingV2,
  type Provider,
} from '@lexical/yjs';
import {
  $createParagraphNode,
  $getNodeByKey,
  $getRoot,
  $getSelection,
  $isElementNode,
  $isRangeSelection,
  $isRootOrShadowRoot,
  $isTextNode,
  $parseSerializedNode,
  COLLABORATION_TAG,
  HISTORIC_TAG,
  SKIP_COLLAB_TAG,
  type EditorState,
  type ElementNode,
  type LexicalEditor,
  type LexicalNode,
  type NodeKey,
  type SerializedLexicalNode,
} from 'lexical';
import * as Y from 'yjs';
import { createHeadlessNoteEditor } from './markdown';

/** The shared type a note's body lives in (the binding's default name). */
export const NOTE_BODY_ROOT = 'root-v2';

/** Without presence (a note has one author): no cursors to tell or show. */
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

/** Lets the editor commit what it was given (updates commit on a microtask). */
function commit(editor: LexicalEditor): void {
  editor.update(() => undefined, { discrete: true });
}

interface Bound {
  binding: BindingV2;
  undoManager: Y.UndoManager | null;
  release: () => void;
}

interface BindInternals {
  undo?: boolean;
  /** Where this editor's cursor is told and the others' are read (a document several
   *  people edit at once); none by default. */
  presence?: Provider;
  /** After each change that came from Yjs (another replica, an undo), even one that
   *  Lexical failed to apply. */
  afterYjs?: () => void;
}

/**
 * `editor` bound to `doc` as CollaborationPluginV2 binds one (same listeners, same undo
 * manager), its content replaced by the document's. An empty document is given an empty
 * paragraph (written to it) as the binding does; a pristine one should be seeded first.
 */
function bind(editor: LexicalEditor, doc: Y.Doc, { undo = false, afterYjs, presence = NO_AWARENESS }: BindInternals = {}): Bound {
  const binding = createBindingV2__EXPERIMENTAL(editor, 'note', doc, new Map([['note', doc]]));
  const undoManager = undo ? createUndoManager(binding) : null;
  const onYjs = (events: Y.YEvent<Y.XmlElement | Y.XmlText>[], transaction: Y.Transaction): void => {
    if (transaction.origin === binding) return;
    try {
      syncYjsChangesToLexicalV2__EXPERIMENTAL(binding, presence, events, transaction, transaction.origin instanceof Y.UndoManager);
    } catch (error) {
      // Thrown out of Yjs's observer, it would abort the provider's update: a bound
      // editor is rebuilt from the document instead (afterYjs); a reader lets it out.
      if (!afterYjs) throw error;
    } finally {
      afterYjs?.();
    }
  };
  binding.root.observeDeep(onYjs);
  const stopLexical = editor.registerUpdateListener(({ prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags }) => {
    if (tags.has(SKIP_COLLAB_TAG)) return;
    // One transaction (the binding's own, joined): the text runs given to empty blocks
    // leave this replica with the blocks themselves, never after them.
    doc.transact(() => {
      syncLexicalUpdateToYjsV2__EXPERIMENTAL(binding, presence, prevEditorState, editorState, dirtyElements, dirtyLeaves, normalizedNodes, tags);
      if (!tags.has(COLLABORATION_TAG) && !tags.has(HISTORIC_TAG)) giveEmptyBlocksText(binding, editorState, dirtyElements);
    }, binding);
  });
  syncYjsStateToLexicalV2__EXPERIMENTAL(binding, presence);
  commit(editor);
  let released = false;
  return {
    binding,
    undoManager,
    release: () => {
      if (released) return;
      released = true;
      binding.root.unobserveDeep(onYjs);
      stopLexical();
      undoManager?.destroy();
    },
  };
}

/**
 * Gives each block this editor just changed and left empty an empty run of text in its
 * document, so that whoever types into the block next types into that run.
 *
 * The second binding keeps a block's consecutive text nodes as one Y.XmlText (their
 * formats as attributes, in the manner of y-prosemirror), and an empty block as an
 * XmlElement without any child. Two replicas that start typing in the same empty block
 * before seeing each other's edits would each insert an XmlText of their own: the block
 * then holds two adjacent runs, which each replica's Lexical merges into one text node
 * ($normalizeTextNode) and the binding writes back by copying the second run's text into
 * the first and deleting the second ($updateYFragment, $updateYText) — both replicas do
 * that copy, so the second run's text arrives twice ("World!!"), or cut where the runs
 * had moved on meanwhile. With a run already there, known to whoever knows the block,
 * both type into the same XmlText and Yjs merges their characters as any concurrent
 * typing: nothing to normalise, nothing copied.
 *
 * The binding itself keeps a block's last XmlText when the block is emptied (it deletes
 * its content only, y-prosemirror#108), reads an empty run as no text node at all, and
 * types into it when the block gets text again; this completes that for blocks created
 * empty (Enter at the end of a paragraph, an empty line written) or emptied of several
 * runs. Done for this editor's own edits only, in the same transaction: a run added on
 * receiving someone else's empty block could race with a third replica's.
 *
 * Two runs can still end up side by side, more rarely: both replicas typing after a line
 * break that ends a block (a run is only ever kept alone in a block: the binding deletes
 * an empty one anywhere else), both deleting the same line break between two runs, or an
 * empty block's first child made a line break while another replica types into its run
 * (the binding replaces the run). A document seeded by an earlier version holds no run
 * in its empty paragraphs: the same note seeded by two versions is not recognised as one.
 */
function giveEmptyBlocksText(binding: BindingV2, state: EditorState, dirtyElements: Map<NodeKey, boolean>): void {
  state.read(() => {
    for (const key of dirtyElements.keys()) {
      const node = $getNodeByKey(key);
      if (!$isElementNode(node) || $isRootOrShadowRoot(node) || node.isInline() || node.getChildrenSize() > 0) continue;
      const shared = binding.mapping.getSharedType(node);
      if (shared instanceof Y.XmlElement && shared.length === 0) shared.insert(0, [new Y.XmlText()]);
    }
  });
}

/**
 * The undo manager of the edits made through `binding`, as @lexical/yjs's
 * createUndoManager makes it but for two things, both for lexical#6614's first symptom
 * (an undo takes the other replica's text away with this editor's):
 *
 * - an undo keeps a paragraph or a run of text this editor created while it holds
 *   another replica's text: typing into a paragraph someone just started must not be
 *   undone by their undo (the text of this editor's own is still taken back);
 * - only the binding's transactions are this editor's: createUndoManager also tracks
 *   those without an origin, and Yjs makes one of its own after a remote insert of
 *   formatted text (its formatting clean-up), which would join this editor's last step.
 */
function createUndoManager(binding: BindingV2): Y.UndoManager {
  return new Y.UndoManager(binding.root, {
    captureTransaction: () => !binding.isBootstrapping,
    trackedOrigins: new Set([binding]),
    deleteFilter: (item) => !(item.content instanceof Y.ContentType && holdsOthers(item.content.type, item.id.client)),
  });
}

/** Whether `type` holds, at any depth, something not deleted that `client` did not write. */
function holdsOthers(type: Y.AbstractType<unknown>, client: number): boolean {
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    if (item.id.client !== client) return true;
    if (item.content instanceof Y.ContentType && holdsOthers(item.content.type, client)) return true;
  }
  return false;
}

export interface NoteDocBinding {
  /** Undo and redo of this editor's own edits, with `undo: true`. */
  readonly undoManager: Y.UndoManager | null;
  /** The binding, for the cursors of a document with presence. */
  readonly binding: BindingV2;
  /** Rebuilds the editor from the document if the two differ; tells whether it did. */
  verify: () => boolean;
  close: () => void;
}

export interface BindOptions {
  /** An undo manager of this editor's edits, as the collaboration plugins make one. */
  undo?: boolean;
  /** After the editor was rebuilt from its document. */
  onResync?: () => void;
  /** How long after the last change from Yjs the editor is compared with its document. */
  checkDelayMs?: number;
  /** Where cursors are told and read, for a document several people edit at once. */
  presence?: Provider;
}

/** Reading a document takes a headless editor's load (tens of milliseconds for a long
 *  note): done once another replica's changes pause, not at each of their keystrokes… */
const CHECK_DELAY_MS = 1000;
/** …but at least this often while they go on. */
const CHECK_MAX_WAIT_MS = 5000;

/**
 * `editor` editing `doc` live, its content replaced by the document's; its edits are
 * made under the document's client id.
 *
 * The document is what every replica converges to. Should the editor ever show
 * something else (the first binding did, after an undo next to a remote edit; a plugin
 * writing with SKIP_COLLAB_TAG would), it is rebuilt from the document: after each change
 * that came from Yjs, the editor is compared with what the document reads as. The caret
 * stays in its block; the undo history is kept.
 */
export function bindNoteDoc(editor: LexicalEditor, doc: Y.Doc, options: BindOptions = {}): NoteDocBinding {
  const delay = options.checkDelayMs ?? CHECK_DELAY_MS;
  let closed = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstChangeAt = 0;
  // Never inside Yjs's observer call nor Lexical's commit, where a rebuild would nest.
  const schedule = (): void => {
    if (closed) return;
    const now = Date.now();
    if (timer === undefined) firstChangeAt = now;
    else if (now - firstChangeAt >= CHECK_MAX_WAIT_MS) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      verify();
    }, delay);
  };
  const bound = bind(editor, doc, { undo: options.undo, afterYjs: schedule, ...(options.presence ? { presence: options.presence } : {}) });

  const verify = (): boolean => {
    if (closed) return false;
    // A word being composed (an input method) is not broken by a rebuild: checked later.
    if (editor.isComposing()) {
      schedule();
      return false;
    }
    let seen: string | null;
    try {
      // What the editor was given but has not committed yet is part of what it shows.
      commit(editor);
      seen = JSON.stringify(editor.getEditorState().toJSON());
    } catch {
      // A state Lexical cannot even serialise: rebuilt like any other difference.
      seen = null;
    }
    if (seen === docToNoteState(doc)) return false;
    const caret = seen === null ? null : caretOf(editor);
    syncYjsStateToLexicalV2__EXPERIMENTAL(bound.binding, options.presence ?? NO_AWARENESS);
    restoreCaret(editor, caret);
    options.onResync?.();
    return true;
  };

  return {
    undoManager: bound.undoManager,
    binding: bound.binding,
    verify,
    close: () => {
      closed = true;
      clearTimeout(timer);
      bound.release();
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
  const { release } = bind(editor, doc);
  return { editor, close: release };
}

/** The note a Yjs document holds, as Lexical's JSON state. Read from a copy: binding an
 *  editor to an empty document writes a paragraph into it. */
export function docToNoteState(doc: Y.Doc): string {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const { editor, close } = openNoteDoc(copy);
  const state = JSON.stringify(editor.getEditorState().toJSON());
  close();
  return state;
}

/** Whether a note's document holds no block (never seeded, or emptied). */
export function isNoteDocEmpty(doc: Y.Doc): boolean {
  return doc.get(NOTE_BODY_ROOT, Y.XmlElement).length === 0;
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
  if (isPristine(doc)) Y.applyUpdate(doc, seedUpdate(wanted, seedClientId(seedUpdate(wanted, 0))));
  else write(doc, wanted);
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

/** Makes `doc` hold `wanted`, changing what differs. */
function write(doc: Y.Doc, wanted: SerializedLexicalNode[]): void {
  const editor = createHeadlessNoteEditor();
  const { release } = bind(editor, doc);
  const current = (editor.getEditorState().toJSON().root as unknown as { children: SerializedLexicalNode[] }).children;
  // Written as given (a state is stored normalised already), as setEditorState would.
  editor.update(() => $reconcileChildren($getRoot(), current, wanted), { discrete: true, skipTransforms: true });
  commit(editor);
  release();
}

/** A fresh document holding `wanted`, written under `clientID`, as one update. */
function seedUpdate(wanted: SerializedLexicalNode[], clientID: number): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = clientID;
  write(doc, wanted);
  return Y.encodeStateAsUpdate(doc);
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
