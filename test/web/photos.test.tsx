// The photo parts of the editor that jsdom can exercise honestly: rendering a stored
// photo, its caption, the toolbar button, and the refusals that need no decoding (jsdom
// has no createImageBitmap, so the success paths are proven in e2e, in Chromium).
import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import Dexie from 'dexie';
import type { LexicalEditor } from 'lexical';
import { Blob as NodeBlob } from 'node:buffer';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppDB, useDatabase } from '../../src/renderer/db/AppDB';
import { addAttachment } from '../../src/renderer/db/attachments';
import { createNote } from '../../src/renderer/db/notes';
import { NoteEditor } from '../../src/renderer/editor/NoteEditor';
import { NoteReader } from '../../src/renderer/editor/NoteReader';
import { PhotoOriginalsContext, type PhotoOriginals } from '../../src/renderer/editor/PhotoOriginalsContext';
import type { OriginalState } from '../../src/renderer/sync/session';
import { SAVE_MAX_WAIT_MS } from '../../src/renderer/editor/plugins/AutosavePlugin';
import { seedExpeditionWithVisit } from '../fixtures/seed';
import { markdownToNote } from '../../src/shared/editor/markdown';
import type { Api } from '../../src/shared/ipc';

let database: AppDB;
let noteId = '';
let expeditionId = '';
const createObjectURL = vi.fn(() => 'blob:carnet/photo');
const revokeObjectURL = vi.fn();

beforeEach(async () => {
  database = new AppDB(`carnet-photos-${Date.now()}-${Math.random()}`);
  useDatabase(database);
  const { expedition, visit } = await seedExpeditionWithVisit(database);
  expeditionId = expedition.id;
  noteId = (await createNote(database, { expeditionId: expedition.id, visitId: visit.id, author: 'Camille' })).id;
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});

afterEach(async () => {
  cleanup();
  vi.clearAllMocks();
  database.close();
  await Dexie.delete(database.name);
  delete (window as { carnet?: Api }).carnet;
});

function editorOf(element: HTMLElement): LexicalEditor {
  const editor = (element as HTMLElement & { __lexicalEditor?: LexicalEditor }).__lexicalEditor;
  if (!editor) throw new Error('no Lexical editor on the element');
  return editor;
}

async function setup(initialState = '', withNote = true) {
  const save = vi.fn(async (_json: string) => undefined);
  const view = render(<NoteEditor noteId={withNote ? noteId : undefined} initialState={initialState} save={save} />);
  const input = await screen.findByRole('textbox', { name: 'Texte de la note' });
  const waitForSave = () => act(() => new Promise((done) => setTimeout(done, SAVE_MAX_WAIT_MS + 100)));
  return { save, view, editor: editorOf(input), waitForSave };
}

async function storedPhoto(caption = '') {
  const attachment = await addAttachment(database, {
    expeditionId,
    noteId,
    name: 'atelier.jpg',
    mime: 'image/jpeg',
    size: 4,
    width: 640,
    height: 480,
    // Node's Blob: fake-indexeddb clones with Node's structuredClone, which knows it.
    blob: new NodeBlob([Uint8Array.from([0xff, 0xd8, 0xff, 0xd9])]) as unknown as Blob,
    display: null,
    capturedAt: null,
  });
  return { attachment, state: markdownToNote(`Avant\n\n![${caption}](attachment:${attachment.id})\n\nAprès`).state };
}

describe('photos in the note editor', () => {
  it('shows a stored photo from its object URL, named by its caption or "Photo", and revokes the URL when closed', async () => {
    const { state } = await storedPhoto();
    const { view } = await setup(state);
    const photo = await screen.findByRole('img', { name: 'Photo' });
    expect(photo.getAttribute('src')).toBe('blob:carnet/photo');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:carnet/photo');
  });

  it('edits the caption in the note, where it also names the picture', async () => {
    const { state, attachment } = await storedPhoto('Atelier');
    const { save, waitForSave } = await setup(state);
    await screen.findByRole('img', { name: 'Atelier' });
    const caption = screen.getByRole('textbox', { name: 'Légende de la photo' });
    expect((caption as HTMLInputElement).value).toBe('Atelier');
    await act(async () => {
      fireEvent.change(caption, { target: { value: 'Atelier de pneus' } });
    });
    await screen.findByRole('img', { name: 'Atelier de pneus' });
    await waitForSave();
    expect(save.mock.calls.at(-1)?.[0]).toContain('"caption":"Atelier de pneus"');
    await vi.waitFor(async () => expect((await database.attachments.get(attachment.id))?.caption).toBe('Atelier de pneus'));
  });

  it('says so when a photo of the note is missing from the database', async () => {
    await setup(markdownToNote('![](attachment:disparue)').state);
    await screen.findByRole('img', { name: 'Photo introuvable : elle n’a pas été importée avec cette note.' });
  });

  it('offers "Insert photo" only for a note that can hold photos', async () => {
    const { view } = await setup('', false);
    expect(screen.queryByRole('button', { name: 'Insérer une photo' })).toBeNull();
    view.unmount();
    await setup('');
    screen.getByRole('button', { name: 'Insérer une photo' });
  });

  it('refuses a dropped or pasted file that is not an image, and stores nothing', async () => {
    const { editor, save, waitForSave } = await setup();
    const text = new File(['Compte rendu, pas une photo'], 'compte-rendu.jpg', { type: 'image/jpeg' });
    await act(async () => {
      editor.dispatchCommand(DRAG_DROP_PASTE, [text]);
    });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('« compte-rendu.jpg » n’est pas une image (JPEG, PNG, GIF, WebP ou AVIF) : rien n’a été ajouté.×');
    await waitForSave();
    expect(save).not.toHaveBeenCalled();
    expect(await database.attachments.count()).toBe(0);
    fireEvent.click(screen.getByRole('button', { name: 'Fermer' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('reports what main answers when the chosen file is too large, and nothing when the dialog is cancelled', async () => {
    const pickImages = vi
      .fn<Api['pickImages']>()
      .mockResolvedValueOnce({ ok: false, error: { code: 'fileTooLarge', message: 'too large', detail: { name: 'énorme.jpg' } } })
      .mockResolvedValueOnce({ ok: true, value: [] });
    (window as { carnet?: Partial<Api> }).carnet = { pickImages };
    await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Insérer une photo' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('« énorme.jpg » dépasse 50 Mo, la taille maximale d’une photo : rien n’a été ajouté.');
    fireEvent.click(screen.getByRole('button', { name: 'Insérer une photo' }));
    await vi.waitFor(() => expect(pickImages).toHaveBeenCalledTimes(2));
    await vi.waitFor(() => expect(screen.queryByRole('alert')).toBeNull());
    expect(await database.attachments.count()).toBe(0);
  });
});

describe('another participant’s photo, in a shared expedition', () => {
  it('offers its original, then says where the request stands, named by its author', async () => {
    const { state, attachment } = await storedPhoto('Atelier');
    let now: OriginalState = { status: 'available', author: 'olga', size: 10_485_760 };
    const listeners = new Set<() => void>();
    const tell = (next: OriginalState) =>
      act(() => {
        now = next;
        for (const listener of listeners) listener();
      });
    const requestOriginal = vi.fn();
    const originals: PhotoOriginals = {
      session: {
        originalState: (id) => (id === attachment.id ? now : { status: 'none' }),
        watchOriginals: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
        requestOriginal,
      },
      members: [{ id: 'olga', name: 'Olga' }],
    };
    render(
      <PhotoOriginalsContext.Provider value={originals}>
        <NoteReader state={state} />
      </PhotoOriginalsContext.Provider>,
    );
    // Intl puts a no-break space between a number and its unit.
    const text = (element: HTMLElement) => element.textContent?.replace(/\s/g, ' ');
    fireEvent.click(await screen.findByRole('button', { name: /^Demander l’original \(10,5\sMo\)$/ }));
    expect(requestOriginal).toHaveBeenCalledWith(attachment.id);

    const size = 10_485_760;
    await tell({ status: 'requested', author: 'olga', size, authorOnline: false });
    expect(text(screen.getByRole('status'))).toBe('Original demandé (10,5 Mo) : il arrivera quand Olga sera en ligne.');
    await tell({ status: 'downloading', author: 'olga', size, received: 1, chunks: 4 });
    expect(text(screen.getByRole('status'))).toBe('Réception de l’original (10,5 Mo)… 1 sur 4');
    await tell({ status: 'refused', author: 'olga', size });
    expect(text(screen.getByRole('alert'))).toBe('L’original envoyé par Olga ne correspond pas à cette photo : il a été écarté, la photo n’a pas changé.');
    expect(screen.getByRole('button', { name: /^Demander à nouveau l’original \(10,5\sMo\)$/ })).toBeTruthy();
    await tell({ status: 'here', author: 'olga', size });
    expect(screen.getByText(/^Original reçu \(10,5\sMo\)\.$/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: /original/ })).toBeNull();
  });
});
