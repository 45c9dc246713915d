// Where each chapter starts in a printed journal: Chromium's PDF outline has one entry
// per <h1>, in order, each pointing at its page. pdf.js reads it.
import { typography } from '../../shared/text/typography';
import type { Locale } from '../../shared/model';

interface OutlineItem {
  title: string;
  dest: string | unknown[] | null;
}

/** Titles compared without spaces: Chromium drops the space where a long heading wraps. */
const normalise = (text: string) => text.replace(/[\s\u00a0\u202f]+/g, '');

let pdfjsLoading: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;

/** pdf.js, loaded once. Loading it takes over a second: an export starts it while
 *  Chromium prints the draft. */
export function loadPdfReader(): Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> {
  pdfjsLoading ??= import('pdfjs-dist/legacy/build/pdf.mjs').catch((error: unknown) => {
    pdfjsLoading = null;
    throw error;
  });
  return pdfjsLoading;
}

/** The page (1-based) of each top-level outline entry, in order. */
export async function outlinePages(pdf: Uint8Array): Promise<{ title: string; page: number }[]> {
  const pdfjs = await loadPdfReader();
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const document = await pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const outline = ((await document.getOutline()) ?? []) as OutlineItem[];
    const pages: { title: string; page: number }[] = [];
    for (const item of outline) {
      const dest = typeof item.dest === 'string' ? await document.getDestination(item.dest) : item.dest;
      const target = dest?.[0];
      if (target === undefined || target === null) continue;
      const index = typeof target === 'number' ? target : await document.getPageIndex(target as { num: number; gen: number });
      pages.push({ title: normalise(item.title), page: index + 1 });
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** Matches the outline to the chapters (same titles, same order): anchor → page. */
export function chapterPages(
  outline: { title: string; page: number }[],
  chapters: { anchor: string; title: string }[],
  language: Locale,
): Map<string, number> {
  const pages = new Map<string, number>();
  let cursor = 0;
  for (const chapter of chapters) {
    const wanted = normalise(typography(chapter.title, language));
    const at = outline.findIndex((item, index) => index >= cursor && item.title === wanted);
    if (at < 0) continue;
    const found = outline[at];
    if (found) pages.set(chapter.anchor, found.page);
    cursor = at + 1;
  }
  return pages;
}
