// The journal as one self-contained HTML file. The page is rendered with a marker in the
// src of each photo; writing then streams each photo in as a data: URI, one at a time, so
// a hundred photos never sit in memory together.
import { randomBytes } from 'node:crypto';
import type { Journal } from '../../shared/journal/build';
import { renderJournalHtml } from '../../shared/journal/html';
import { printedVariant, variantMime } from '../../shared/journal/records';
import { photoCopies, type AttachmentStore } from './attachments';
import { journalFontCss } from './fonts';
import { writeStreamedFile } from '../atomicFiles';

/** A photo's MIME type comes from the records: written into its src only when it is a
 *  plain `type/subtype`, which cannot end the attribute (the image shows either way). */
const MEDIA_TYPE = /^[a-z]+\/[a-z0-9.+-]+$/i;

export async function writeHtml(journal: Journal, store: AttachmentStore, out: string, signal: AbortSignal): Promise<void> {
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  // Random for each export, so no text of a note can hold it: only the <img> the journal
  // wrote get a photo, and a note keeps every character it was typed with.
  const marker = `carnet-photo-${randomBytes(16).toString('hex')}-`;
  const mayCopy = photoCopies();
  const html = renderJournalHtml(journal, {
    imageSrc: (id) => (attachments.has(id) && mayCopy(id) ? `${marker}${id}` : ''),
    photos: 'inline',
    fontCss: await journalFontCss(),
  });
  await writeStreamedFile(out, async (write) => {
    let last = 0;
    // Attachment ids are letters, digits, '-' and '_' (records.ts).
    for (const match of html.matchAll(new RegExp(`${marker}([A-Za-z0-9_-]+)`, 'g'))) {
      signal.throwIfAborted();
      const meta = attachments.get(match[1] ?? '');
      if (!meta) continue;
      await write(html.slice(last, match.index));
      last = match.index + match[0].length;
      const variant = printedVariant(meta);
      const bytes = await store.read(meta, variant);
      const mime = variantMime(meta, variant);
      await write(`data:${MEDIA_TYPE.test(mime) ? mime : 'application/octet-stream'};base64,`);
      await write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'));
    }
    await write(html.slice(last));
  });
}
