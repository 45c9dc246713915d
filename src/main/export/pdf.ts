// The journal as a book-quality PDF. The page is loaded once and printed twice: first as
// a draft, to learn on which page each chapter starts (photos not painted, no header or
// footer: neither moves the text), then, its table of contents filled in, as the book.
// Photos are the display copies (≤ 2,000 px), loaded from files beside the page so the
// HTML stays small whatever the number of photos.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Journal } from '../../shared/journal/build';
import { contentsAnchors, escapeHtml, renderJournalContents, renderJournalHtml, type HtmlOptions } from '../../shared/journal/html';
import { printedVariant } from '../../shared/journal/records';
import { writeFileAtomic } from '../atomicFiles';
import type { Platform, PrintablePage, PrintOptions } from '../platform/types';
import type { AttachmentStore } from './attachments';
import { journalFontCss } from './fonts';
import { destinationPages, loadPdfReader } from './pdfPages';

export const PDF_MARGINS_MM = { top: 22, right: 20, bottom: 20, left: 20 };

function bookTemplates(journal: Journal): NonNullable<PrintOptions['final']> {
  const style = "font-family: 'Noto Serif', 'DejaVu Serif', serif; font-size: 9pt; color: #6b7280; width: 100%; box-sizing: border-box; padding: 0 20mm;";
  return {
    headerTemplate: `<div style="${style} text-align: right;">${escapeHtml(journal.title)}</div>`,
    footerTemplate: `<div style="${style} text-align: center;"><span class="pageNumber"></span></div>`,
  };
}

/** From draft to book, through the DevTools protocol: photos painted, the table of
 *  contents with its page numbers. */
async function showBook(page: PrintablePage, contents: string): Promise<void> {
  const { root } = (await page.send('DOM.getDocument', { depth: 0 })) as { root?: { nodeId?: unknown } };
  const find = async (selector: string): Promise<number> => {
    const { nodeId } = (await page.send('DOM.querySelector', { nodeId: root?.nodeId, selector })) as { nodeId?: unknown };
    if (typeof nodeId !== 'number' || nodeId === 0) throw new Error(`The journal page has no ${selector}`);
    return nodeId;
  };
  const draftStyle = await find('style#draft');
  const toc = await find('nav.toc');
  await page.send('DOM.removeNode', { nodeId: draftStyle });
  await page.send('DOM.setOuterHTML', { nodeId: toc, outerHTML: contents });
}

export async function writePdf(
  journal: Journal,
  store: AttachmentStore,
  workDir: string,
  out: string,
  platform: Pick<Platform, 'openForPrinting'>,
  signal: AbortSignal,
): Promise<void> {
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  const imageSrc = (id: string): string => {
    const meta = attachments.get(id);
    return meta ? `${store.dir.slice(workDir.length + 1)}/${store.fileName(meta, printedVariant(meta))}` : '';
  };
  const options: HtmlOptions = { imageSrc, photos: 'files', fontCss: await journalFontCss() };
  const htmlPath = join(workDir, 'journal.html');
  await writeFile(htmlPath, renderJournalHtml(journal, { ...options, draft: true }));
  signal.throwIfAborted();
  // Loaded while Chromium prints (destinationPages waits for it, and says if it failed).
  loadPdfReader().catch(() => undefined);
  const page = await platform.openForPrinting(htmlPath);
  try {
    signal.throwIfAborted();
    const draft = await page.print({ margins: PDF_MARGINS_MM });
    signal.throwIfAborted();
    const pageNumbers = await destinationPages(draft, contentsAnchors(journal));
    await showBook(page, renderJournalContents(journal, { ...options, pageNumbers }));
    signal.throwIfAborted();
    const book = await page.print({ margins: PDF_MARGINS_MM, final: bookTemplates(journal) });
    signal.throwIfAborted();
    await writeFileAtomic(out, book);
  } finally {
    await page.close();
  }
}
