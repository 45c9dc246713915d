// What e2e tests do to and read from the page beyond clicks and keys: files pasted or
// dropped as the system would hand them over, images drawn by the browser, and the
// IndexedDB stores read beside the app's own connection.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** The open note's editor. */
export const editorOf = (page: Page) => page.getByRole('textbox', { name: 'Texte de la note' });

/** Quick capture (Ctrl+Shift+N), until the new note's editor has the focus. */
export async function quickCapture(page: Page): Promise<void> {
  await page.keyboard.press('Control+Shift+N');
  await expect.poll(() => editorOf(page).evaluate((el) => el === document.activeElement)).toBe(true);
}

/** Keeps a read-write transaction on the notes busy for `ms`, as an autosave of a long
 *  note, an import or a snapshot does. */
export function holdNotes(page: Page, ms: number): Promise<void> {
  return page.evaluate((ms) => {
    const request = indexedDB.open('carnet');
    request.onsuccess = () => {
      const db = request.result;
      const store = db.transaction(['notes', 'noteStates'], 'readwrite').objectStore('noteStates');
      const until = performance.now() + ms;
      const spin = () => {
        if (performance.now() < until) store.get('none').onsuccess = spin;
        else db.close();
      };
      spin();
    };
  }, ms);
}

/** Every record of one IndexedDB store of the app's database. */
export function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('carnet');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const rows = await new Promise<unknown[]>((done, fail) => {
      const request = db.transaction(name).objectStore(name).getAll();
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    db.close();
    return rows;
  }, store) as Promise<T[]>;
}

export interface StoredAttachment {
  id: string;
  noteId: string;
  name: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  caption: string;
  capturedAt: number | null;
  blobSize: number;
  blobHead: number[];
  display: { width: number; height: number; head: number[] } | null;
}

/** The attachments table as IndexedDB holds it, read beside the app's own connection. */
export function storedAttachments(page: Page): Promise<StoredAttachment[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('carnet');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    const rows = await new Promise<Record<string, unknown>[]>((done, fail) => {
      const request = db.transaction('attachments').objectStore('attachments').getAll();
      request.onsuccess = () => done(request.result as Record<string, unknown>[]);
      request.onerror = () => fail(request.error);
    });
    db.close();
    const head = async (blob: Blob) => [...new Uint8Array(await blob.slice(0, 4).arrayBuffer())];
    return Promise.all(
      rows.map(async (row) => {
        const blob = row['blob'] as Blob;
        const display = row['display'] as Blob | null;
        const bitmap = display ? await createImageBitmap(display) : null;
        const { blob: _blob, display: _display, expeditionId: _e, createdAt: _c, ...fields } = row;
        return {
          ...(fields as Omit<StoredAttachment, 'blobSize' | 'blobHead' | 'display'>),
          blobSize: blob.size,
          blobHead: await head(blob),
          display: display && bitmap ? { width: bitmap.width, height: bitmap.height, head: await head(display) } : null,
        };
      }),
    );
  });
}

/** An image drawn by the browser itself, so that it is a real, decodable file. */
export async function drawnImage(page: Page, type: 'image/jpeg' | 'image/png', width: number, height: number): Promise<Uint8Array> {
  const base64 = await page.evaluate(
    async ({ type, width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no canvas');
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#1d4e89');
      gradient.addColorStop(1, '#f2a541');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      context.fillStyle = '#fbfaf7';
      context.font = `bold ${Math.round(height / 6)}px sans-serif`;
      context.fillText('Carnet', width / 10, height / 2);
      const blob = await canvas.convertToBlob({ type, quality: 0.9 });
      const bytes = new Uint8Array(await blob.arrayBuffer());
      let binary = '';
      for (const byte of bytes) binary += String.fromCharCode(byte);
      return btoa(binary);
    },
    { type, width, height },
  );
  return new Uint8Array(Buffer.from(base64, 'base64'));
}

/** A file handed to the note's editor as the system hands it over: pasted after a copy in
 *  the file manager, or dragged from it and dropped on the note. */
async function giveFile(page: Page, how: 'paste' | 'drop', bytes: Uint8Array, name: string, type: string): Promise<void> {
  await page.evaluate(
    ({ how, base64, name, type }) => {
      const file = new File([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], name, { type });
      const data = new DataTransfer();
      data.items.add(file);
      const editor = document.querySelector('.editor-input');
      if (how === 'paste') {
        editor?.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        return;
      }
      const box = editor?.getBoundingClientRect();
      const at = { clientX: (box?.left ?? 0) + 40, clientY: (box?.bottom ?? 0) - 20 };
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        editor?.dispatchEvent(new DragEvent(kind, { dataTransfer: data, bubbles: true, cancelable: true, ...at }));
      }
    },
    { how, base64: Buffer.from(bytes).toString('base64'), name, type },
  );
}

export const pasteFile = (page: Page, bytes: Uint8Array, name: string, type: string) => giveFile(page, 'paste', bytes, name, type);
export const dropFile = (page: Page, bytes: Uint8Array, name: string, type: string) => giveFile(page, 'drop', bytes, name, type);
