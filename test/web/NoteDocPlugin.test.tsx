// The note's editor bound live to its body's Yjs document (NoteDocPlugin), with the
// plugins of NoteEditor (hashtags, lists, links, the capped history, autosave…): two
// editors on screen, each on its own document, the documents relayed; undo, a note
// never shared, and the quick unmount and remount of switching notes (lexical#7722).
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { act, cleanup, render, screen } from '@testing-library/react';
import { $getRoot, CONTROLLED_TEXT_INSERTION_COMMAND, UNDO_COMMAND, type EditorState, type LexicalEditor } from 'lexical';
import { StrictMode, type JSX } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import { NOTE_TRANSFORMERS, markdownToNote } from '../../src/shared/editor/markdown';
import { docToNoteState, noteStateToDoc } from '../../src/shared/editor/noteBodyDoc';
import { NOTE_NODES } from '../../src/shared/editor/nodes';
import { isAllowedUrl } from '../../src/shared/urls';
import { AutosavePlugin, SAVE_MAX_WAIT_MS } from '../../src/renderer/editor/plugins/AutosavePlugin';
import { CappedHistoryPlugin } from '../../src/renderer/editor/plugins/CappedHistoryPlugin';
import { CleanPastePlugin } from '../../src/renderer/editor/plugins/CleanPastePlugin';
import { LinkOpenPlugin } from '../../src/renderer/editor/plugins/LinkOpenPlugin';
import { NoteDocPlugin } from '../../src/renderer/editor/plugins/NoteDocPlugin';
import { NotePoliciesPlugin } from '../../src/renderer/editor/plugins/NotePoliciesPlugin';
import { noteTheme } from '../../src/renderer/editor/theme';

afterEach(cleanup);

type Save = (json: string, state: EditorState) => Promise<void>;

/** NoteEditor's editor (without photos and passages, which need a stored note), bound to
 *  `doc`. The capped history stays mounted: the binding's undo must win over it. */
function BoundNote({ label, doc, initialState = '', save }: { label: string; doc: Y.Doc; initialState?: string; save: Save }): JSX.Element {
  const config: InitialConfigType = {
    namespace: 'carnet-note',
    nodes: [...NOTE_NODES],
    theme: noteTheme,
    editorState: initialState || undefined,
    onError: (error) => {
      throw error;
    },
  };
  return (
    <LexicalComposer initialConfig={config}>
      <RichTextPlugin contentEditable={<ContentEditable aria-label={label} />} ErrorBoundary={LexicalErrorBoundary} />
      <CappedHistoryPlugin />
      <ListPlugin />
      <CheckListPlugin />
      <LinkPlugin validateUrl={isAllowedUrl} />
      <LinkOpenPlugin />
      <NotePoliciesPlugin />
      <CleanPastePlugin />
      <MarkdownShortcutPlugin transformers={NOTE_TRANSFORMERS} />
      <AutosavePlugin initialJson={initialState} save={save} />
      <NoteDocPlugin doc={doc} />
    </LexicalComposer>
  );
}

function editorOf(label: string): LexicalEditor {
  const editor = (screen.getByRole('textbox', { name: label }) as HTMLElement & { __lexicalEditor?: LexicalEditor }).__lexicalEditor;
  if (!editor) throw new Error(`no editor ${label}`);
  return editor;
}

const textOf = (label: string): string => screen.getByRole('textbox', { name: label }).textContent ?? '';
const stateOf = (editor: LexicalEditor): string => JSON.stringify(editor.getEditorState().toJSON());

async function typeAtEnd(editor: LexicalEditor, text: string): Promise<void> {
  await act(async () => {
    editor.update(() => $getRoot().selectEnd());
    editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, text);
  });
}

/** Two documents kept in step, as the server keeps two participants' copies. */
function relayed(): [Y.Doc, Y.Doc] {
  const RELAY = Symbol('relay');
  const a = new Y.Doc();
  const b = new Y.Doc();
  a.on('update', (update: Uint8Array, origin: unknown) => origin !== RELAY && Y.applyUpdate(b, update, RELAY));
  b.on('update', (update: Uint8Array, origin: unknown) => origin !== RELAY && Y.applyUpdate(a, update, RELAY));
  return [a, b];
}

const waitForSave = (): Promise<void> => act(() => new Promise<void>((done) => setTimeout(done, SAVE_MAX_WAIT_MS + 100)));

describe('a note editor bound to its document', () => {
  it('brings typed text and tags to the other editor, and each saves what its document reads as', async () => {
    const note = markdownToNote('Visite de l’usine').state;
    const [docA, docB] = relayed();
    noteStateToDoc(note, docA);
    const saveA = vi.fn<Save>(async () => undefined);
    const saveB = vi.fn<Save>(async () => undefined);
    render(
      <>
        <BoundNote label="A" doc={docA} initialState={note} save={saveA} />
        <BoundNote label="B" doc={docB} initialState={note} save={saveB} />
      </>,
    );
    await typeAtEnd(editorOf('A'), ' #énergie');
    expect(textOf('B')).toBe('Visite de l’usine #énergie');
    expect(screen.getByRole('textbox', { name: 'B' }).querySelectorAll('.Carnet__hashtag')).toHaveLength(1);
    await typeAtEnd(editorOf('B'), ' et du port');
    expect(textOf('A')).toBe('Visite de l’usine #énergie et du port');
    await waitForSave();
    // What autosave writes to the notebook is what the session reads from the document:
    // the session then finds nothing to send back (no echo).
    expect(saveA.mock.calls.at(-1)![0]).toBe(docToNoteState(docA));
    expect(saveB.mock.calls.at(-1)![0]).toBe(docToNoteState(docB));
    expect(stateOf(editorOf('A'))).toBe(stateOf(editorOf('B')));
  });

  it('shows what the document holds rather than the stored state, and saves it', async () => {
    const doc = noteStateToDoc(markdownToNote('Version du groupe').state);
    const save = vi.fn<Save>(async () => undefined);
    render(<BoundNote label="A" doc={doc} initialState={markdownToNote('Version du carnet').state} save={save} />);
    expect(textOf('A')).toBe('Version du groupe');
    await waitForSave();
    expect(save.mock.calls.at(-1)![0]).toBe(docToNoteState(doc));
  });

  it('undoes its own typing, through the document, and not the other editor’s', async () => {
    const [docA, docB] = relayed();
    const save = vi.fn<Save>(async () => undefined);
    render(
      <>
        <BoundNote label="A" doc={docA} save={save} />
        <BoundNote label="B" doc={docB} save={save} />
      </>,
    );
    await typeAtEnd(editorOf('A'), 'Un');
    await typeAtEnd(editorOf('B'), ' deux');
    expect(textOf('A')).toBe('Un deux');
    await act(async () => {
      editorOf('A').dispatchCommand(UNDO_COMMAND, undefined);
    });
    expect(textOf('A')).toBe(' deux');
    expect(textOf('B')).toBe(' deux');
    expect(docToNoteState(docB)).toBe(stateOf(editorOf('B')));
  });

  it('seeds a note never shared from what it shows, as the session seeds it: the two merge as one', async () => {
    const note = markdownToNote('# Visite\n\nUn #tag et [un lien](https://uca.fr)').state;
    const doc = new Y.Doc();
    render(<BoundNote label="A" doc={doc} initialState={note} save={vi.fn<Save>(async () => undefined)} />);
    expect(textOf('A')).toContain('Un #tag et un lien');
    const bySession = noteStateToDoc(note);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(bySession));
    expect(docToNoteState(doc)).toBe(note);
    expect(textOf('A')).toBe('VisiteUn #tag et un lien');
  });

  it('seeds a new, empty note the same on two devices: merged, it is still one paragraph', async () => {
    const first = new Y.Doc();
    const second = new Y.Doc();
    const save = vi.fn<Save>(async () => undefined);
    render(
      <>
        <BoundNote label="A" doc={first} save={save} />
        <BoundNote label="B" doc={second} save={save} />
      </>,
    );
    await act(async () => {
      Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
      Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    });
    expect(JSON.parse(docToNoteState(first)).root.children).toHaveLength(1);
    await typeAtEnd(editorOf('A'), 'Bonjour');
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    expect(textOf('B')).toBe('Bonjour');
  });
});

describe('switching notes quickly (lexical#7722)', () => {
  it('shows the note it is mounted for, and writes to that note’s document only', async () => {
    const first = noteStateToDoc(markdownToNote('Première note').state);
    const second = noteStateToDoc(markdownToNote('Seconde note').state);
    const secondBefore = Y.encodeStateVector(second);
    const save = vi.fn<Save>(async () => undefined);
    const Shown = ({ id }: { id: 'first' | 'second' }): JSX.Element => (
      <BoundNote key={id} label="Note" doc={id === 'first' ? first : second} initialState={markdownToNote(id).state} save={save} />
    );
    const { rerender } = render(<Shown id="first" />);
    // Away and back again before anything settles.
    rerender(<Shown id="second" />);
    rerender(<Shown id="first" />);
    expect(textOf('Note')).toBe('Première note');
    await typeAtEnd(editorOf('Note'), ', suite');
    expect(docToNoteState(first)).toContain('Première note, suite');
    expect(Y.encodeStateVector(second)).toEqual(secondBefore);
    // A change arriving for the note left behind touches no editor.
    noteStateToDoc(markdownToNote('Seconde note, modifiée ailleurs').state, second);
    expect(textOf('Note')).toBe('Première note, suite');
  });

  it('binds once in StrictMode (effects run twice): typing writes once, undo takes it back', async () => {
    const doc = noteStateToDoc(markdownToNote('Texte').state);
    render(
      <StrictMode>
        <BoundNote label="Note" doc={doc} save={vi.fn<Save>(async () => undefined)} />
      </StrictMode>,
    );
    await typeAtEnd(editorOf('Note'), ' ajouté');
    expect(docToNoteState(doc)).toBe(stateOf(editorOf('Note')));
    expect(textOf('Note')).toBe('Texte ajouté');
    await act(async () => {
      editorOf('Note').dispatchCommand(UNDO_COMMAND, undefined);
    });
    expect(textOf('Note')).toBe('Texte');
    expect(docToNoteState(doc)).toBe(stateOf(editorOf('Note')));
  });
});
