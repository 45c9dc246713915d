// The journal as Markdown: a folder (built under a temporary name, renamed when whole) or
// a .zip streamed to a temporary file. Photos are copied beside their notes.
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import type { Journal } from '../../shared/journal/build';
import { renderJournalMarkdown } from '../../shared/journal/markdown';
import type { AttachmentStore } from './attachments';
import { writeFolderAtomic, writeStreamedFile } from '../atomicFiles';

export async function writeMarkdownFolder(journal: Journal, store: AttachmentStore, out: string, signal: AbortSignal): Promise<void> {
  const { files, images } = renderJournalMarkdown(journal);
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  await writeFolderAtomic(out, async (folder) => {
    for (const file of files) {
      signal.throwIfAborted();
      await mkdir(dirname(join(folder, file.path)), { recursive: true });
      await writeFile(join(folder, file.path), file.content);
    }
    for (const image of images) {
      signal.throwIfAborted();
      const meta = attachments.get(image.attachmentId);
      if (meta) await copyFile(store.path(meta, image.variant), join(folder, image.path));
    }
  });
}

export async function writeMarkdownZip(journal: Journal, store: AttachmentStore, out: string, signal: AbortSignal): Promise<void> {
  const { files, images } = renderJournalMarkdown(journal);
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  await writeStreamedFile(out, (write) =>
    streamZip(write, async (add) => {
      for (const file of files) await add(file.path, new TextEncoder().encode(file.content), true);
      for (const image of images) {
        signal.throwIfAborted();
        const meta = attachments.get(image.attachmentId);
        if (meta) await add(image.path, await store.read(meta, image.variant), false);
      }
    }),
  );
}

export type AddEntry = (path: string, bytes: Uint8Array, compress: boolean) => Promise<void>;

/** Streams a zip to `write`: each entry is added whole, then written before the next, so
 *  memory holds one entry at a time. Photos are stored, text is deflated. */
export async function streamZip(write: (chunk: Uint8Array) => Promise<void>, fill: (add: AddEntry) => Promise<void>): Promise<void> {
  let pending: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const zip = new Zip((error, chunk) => {
    if (error) failure = error;
    else pending = pending.then(() => write(chunk));
  });
  await fill(async (path, bytes, compress) => {
    const entry = compress ? new ZipDeflate(path, { level: 6 }) : new ZipPassThrough(path);
    zip.add(entry);
    entry.push(bytes, true);
    await pending;
    if (failure) throw failure;
  });
  zip.end();
  await pending;
  if (failure) throw failure;
}
