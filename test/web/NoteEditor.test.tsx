import { act, cleanup, render, screen } from '@testing-library/react';
import { $createLinkNode } from '@lexical/link';
import {
  $createParagraphNode,
  $createTextNode,
  $getRoot,
  CONTROLLED_TEXT_INSERTION_COMMAND,
  PASTE_COMMAND,
  REDO_COMMAND,
  UNDO_COMMAND,
  type LexicalEditor,
} from 'lexical';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdownToNote } from '../../src/shared/editor/markdown';
import { NoteEditor } from '../../src/renderer/editor/NoteEditor';
import { SAVE_MAX_WAIT_MS } from '../../src/renderer/editor/plugins/AutosavePlugin';

afterEach(cleanup);

function editorOf(element: HTMLElement): LexicalEditor {
  const editor = (element as HTMLElement & { __lexicalEditor?: LexicalEditor }).__lexicalEditor;
  if (!editor) throw new Error('no Lexical editor on the element');
  return editor;
}

async function setup(initialState = '') {
  const save = vi.fn(async (_json: string) => undefined);
  render(<NoteEditor initialState={initialState} save={save} />);
  const input = await screen.findByRole('textbox', { name: 'Texte de la note' });
  const editor = editorOf(input);
  const type = async (text: string) =>
    act(async () => {
      editor.update(() => $getRoot().selectEnd());
      editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, text);
    });
  const waitForSave = () => act(() => new Promise((done) => setTimeout(done, SAVE_MAX_WAIT_MS + 100)));
  return { save, editor, input, type, waitForSave };
}

describe('NoteEditor', () => {
  it('saves typed text by itself, with hashtags highlighted and derived', async () => {
    const { save, input, type, waitForSave } = await setup();
    await type('Visite de l’usine #Énergie #lesson/territoire');
    await waitForSave();
    expect(save).toHaveBeenCalled();
    const json = save.mock.calls.at(-1)![0];
    expect(json).toContain('Visite de l’usine');
    expect(input.querySelectorAll('.Carnet__hashtag')).toHaveLength(2);
  });

  it('loads a stored note without saving it again', async () => {
    const { save, input, waitForSave } = await setup(markdownToNote('# Titre\n\nUn #tag').state);
    await waitForSave();
    expect(input.textContent).toContain('Un #tag');
    expect(save).not.toHaveBeenCalled();
  });

  it('undoes and redoes typing', async () => {
    const { editor, input, type } = await setup();
    await type('un');
    await act(async () => new Promise((done) => setTimeout(done, 600)));
    await type(' deux');
    await act(async () => {
      editor.dispatchCommand(UNDO_COMMAND, undefined);
    });
    expect(input.textContent).toBe('un');
    await act(async () => {
      editor.dispatchCommand(REDO_COMMAND, undefined);
    });
    expect(input.textContent).toBe('un deux');
  });

  it('drops javascript: and file: links, typed or pasted, and keeps their text', async () => {
    const { editor, input, save, waitForSave } = await setup();
    await act(async () => {
      editor.update(() => {
        const paragraph = $createParagraphNode();
        paragraph.append($createLinkNode('javascript:alert(1)').append($createTextNode('piège')));
        paragraph.append($createLinkNode('https://uca.fr').append($createTextNode(' site')));
        $getRoot().clear().append(paragraph);
        paragraph.selectEnd();
      });
    });
    const html = '<a href="file:///etc/passwd">fichier</a> <a href="JAVASCRIPT:alert(2)" onclick="alert(3)">clic</a>';
    await act(async () => {
      const clipboardData = {
        types: ['text/html', 'text/plain'],
        getData: (type: string) => ({ 'text/html': html, 'text/plain': 'fichier clic' })[type] ?? '',
      };
      editor.dispatchCommand(PASTE_COMMAND, { clipboardData, preventDefault() {} } as unknown as ClipboardEvent);
    });
    await waitForSave();
    const json = save.mock.calls.at(-1)![0];
    expect(json).not.toMatch(/javascript|file:|onclick/i);
    expect(json).toContain('https://uca.fr');
    expect(input.textContent).toContain('piège');
    expect(input.textContent).toContain('fichier');
    expect(input.querySelectorAll('a')).toHaveLength(1);
  });
});

describe('pasted HTML', () => {
  it('leaves out what a page does not show: script, style, template, noscript, svg', async () => {
    const { save, input, editor, waitForSave } = await setup();
    const html =
      '<p>Avant <b>gras</b></p><script>alert(1)</script><style>p{color:red}</style><svg><script>window.x=3</script><text>dessin</text></svg>' +
      '<template><p>modèle</p></template><noscript>sans script</noscript><p>après</p>';
    await act(async () => {
      const clipboardData = {
        types: ['text/html', 'text/plain'],
        getData: (type: string) => ({ 'text/html': html, 'text/plain': 'Avant gras après' })[type] ?? '',
      };
      editor.update(() => $getRoot().selectEnd());
      editor.dispatchCommand(PASTE_COMMAND, { clipboardData, preventDefault() {} } as unknown as ClipboardEvent);
    });
    await waitForSave();
    expect(input.textContent).toContain('Avant gras');
    expect(input.textContent).toContain('après');
    for (const hidden of ['alert', 'color:red', 'window.x', 'dessin', 'modèle', 'sans script']) expect(input.textContent).not.toContain(hidden);
    expect(save.mock.calls.at(-1)![0]).not.toMatch(/alert|window\.x|modèle|sans script/);
    expect(input.querySelector('strong, b, .Carnet__textBold')).not.toBeNull();
  });
});
