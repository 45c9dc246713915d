// Where each chapter starts in a printed journal. Chromium keeps a named destination for
// every element a link of the page points at, the table of contents' links included:
// pdf.js reads, for each chapter's anchor, the page its destination is on.

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

/** The page (1-based) each anchor's destination is on; anchors without one are left out. */
export async function destinationPages(pdf: Uint8Array, anchors: readonly string[]): Promise<Map<string, number>> {
  const pdfjs = await loadPdfReader();
  // pdf.js takes ownership of the buffer it is given: hand it a copy.
  const document = await pdfjs.getDocument({ data: pdf.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages = new Map<string, number>();
    for (const anchor of anchors) {
      const target: unknown = (await document.getDestination(anchor))?.[0];
      if (target === undefined || target === null) continue;
      const index = typeof target === 'number' ? target : await document.getPageIndex(target as { num: number; gen: number });
      pages.set(anchor, index + 1);
    }
    return pages;
  } finally {
    await document.destroy();
  }
}
