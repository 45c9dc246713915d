// The journal as one self-contained HTML file. The page is rendered with a placeholder
// per photo; writing then streams each photo in as a data: URI, one at a time, so a
// hundred photos never sit in memory together.
import type { Journal } from '../../shared/journal/build';
import { renderJournalHtml } from '../../shared/journal/html';
import { printedVariant, variantMime } from '../../shared/journal/records';
import type { AttachmentStore } from './attachments';
import { journalFontCss } from './fonts';
import { writeStreamedFile } from '../files';

const PLACEHOLDER = /carnet-image:([A-Za-z0-9_-]+)/g;

export async function writeHtml(journal: Journal, store: AttachmentStore, out: string, signal: AbortSignal): Promise<void> {
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  const html = renderJournalHtml(journal, { imageSrc: (id) => `carnet-image:${id}`, photos: 'inline', fontCss: await journalFontCss() });
  await writeStreamedFile(out, async (write) => {
    let last = 0;
    for (const match of html.matchAll(PLACEHOLDER)) {
      signal.throwIfAborted();
      await write(html.slice(last, match.index));
      last = match.index + match[0].length;
      const meta = attachments.get(match[1] ?? '');
      if (!meta) continue;
      const variant = printedVariant(meta);
      const bytes = await store.read(meta, variant);
      await write(`data:${variantMime(meta, variant)};base64,`);
      await write(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'));
    }
    await write(html.slice(last));
  });
}
