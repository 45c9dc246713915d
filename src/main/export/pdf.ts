// The journal as a book-quality PDF, printed twice: once as a draft to learn on which page
// each chapter starts (from the PDF outline; photos not painted, no header or footer:
// neither moves the text), then again with those numbers in the table of contents. Photos are the display copies (≤ 2,000 px), loaded from files beside the
// page so the HTML stays small whatever the number of photos.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Journal } from '../../shared/journal/build';
import { escapeHtml, renderJournalHtml } from '../../shared/journal/html';
import { printedVariant } from '../../shared/journal/records';
import { JOURNAL_STRINGS } from '../../shared/journal/strings';
import { writeFileAtomic } from '../files';
import type { PdfRequest, Platform } from '../platform/types';
import type { AttachmentStore } from './attachments';
import { journalFontCss } from './fonts';
import { chapterPages, loadPdfReader, outlinePages } from './pdfPages';

export const PDF_MARGINS_MM = { top: 22, right: 20, bottom: 20, left: 20 };

function templates(journal: Journal): Pick<PdfRequest, 'headerTemplate' | 'footerTemplate'> {
  const style = "font-family: 'Noto Serif', 'DejaVu Serif', serif; font-size: 9pt; color: #6b7280; width: 100%; box-sizing: border-box; padding: 0 20mm;";
  return {
    headerTemplate: `<div style="${style} text-align: right;">${escapeHtml(journal.title)}</div>`,
    footerTemplate: `<div style="${style} text-align: center;"><span class="pageNumber"></span></div>`,
  };
}

export async function writePdf(
  journal: Journal,
  store: AttachmentStore,
  workDir: string,
  out: string,
  platform: Pick<Platform, 'printToPDF'>,
  signal: AbortSignal,
): Promise<void> {
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  const imageSrc = (id: string): string => {
    const meta = attachments.get(id);
    return meta ? `${store.dir.slice(workDir.length + 1)}/${store.fileName(meta, printedVariant(meta))}` : '';
  };
  const fontCss = await journalFontCss();
  const htmlPath = join(workDir, 'journal.html');
  const request: PdfRequest = { htmlPath, margins: PDF_MARGINS_MM, ...templates(journal) };

  await writeFile(htmlPath, renderJournalHtml(journal, { imageSrc, fontCss, draft: true }));
  signal.throwIfAborted();
  // Loaded while Chromium prints (outlinePages waits for it, and says if it failed).
  loadPdfReader().catch(() => undefined);
  const draft = await platform.printToPDF({ ...request, draft: true });
  signal.throwIfAborted();
  const toc = [...journal.chapters, ...(journal.tagIndex.length > 0 ? [{ anchor: 'tags', title: JOURNAL_STRINGS[journal.language].tagIndex }] : [])];
  const pageNumbers = chapterPages(await outlinePages(draft), toc, journal.language);

  await writeFile(htmlPath, renderJournalHtml(journal, { imageSrc, fontCss, pageNumbers }));
  signal.throwIfAborted();
  const final = await platform.printToPDF(request);
  signal.throwIfAborted();
  await writeFileAtomic(out, final);
}
