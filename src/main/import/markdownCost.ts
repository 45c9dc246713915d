// A cheap upper estimate of what converting Markdown with @lexical/markdown costs. Its
// inline transformers are quadratic (or worse) in the number of marks in one paragraph,
// a paragraph in the number of its lines, and quotes and code fences in the number of
// their lines: 4 KB of '*_`~[](' takes 7 s, one paragraph of 4,000 short lines 7 s too.
// Every other block costs about 0.05 ms and every tab (a node of its own) 0.01 ms:
// 60,000 headings took 3 s, 170,000 tabs 2.5 s. Notes above the budget are left out with
// a reason rather than converted, both here and later in the renderer.

/** About 1 s of conversion on a slow machine. */
export const MAX_CONVERSION_COST = 2_000_000;

/** The characters inline transformers look for. */
const INLINE_MARK = /[*_`~[\]()<>\\!=^]/g;
/** A line that starts a block (heading, list item, quote, fence) rather than going on
 *  with the paragraph above it. */
const BLOCK_START = /^(#{1,6}\s|[-*+]\s|\d+[.)]\s|>|```|~~~)/;

export function conversionCost(markdown: string): number {
  let cost = 0;
  let marksInParagraph = 0;
  let linesInParagraph = 0;
  let quoteRun = 0;
  let fenceLines = 0;
  let lines = 0;
  let tabs = 0;
  const endParagraph = (): void => {
    cost += marksInParagraph * marksInParagraph;
    marksInParagraph = 0;
  };
  const endParagraphLines = (): void => {
    cost += linesInParagraph * linesInParagraph;
    linesInParagraph = 0;
  };
  for (const line of markdown.split('\n')) {
    lines++;
    const trimmed = line.trimStart();
    if (trimmed === '') endParagraph();
    if (trimmed === '' || BLOCK_START.test(trimmed)) endParagraphLines();
    if (trimmed !== '') linesInParagraph++;
    if (trimmed.startsWith('>')) quoteRun++;
    else {
      cost += quoteRun * quoteRun;
      quoteRun = 0;
    }
    if (trimmed.startsWith('```') || trimmed.startsWith('~~~')) fenceLines++;
    marksInParagraph += line.match(INLINE_MARK)?.length ?? 0;
    tabs += line.match(/\t/g)?.length ?? 0;
    if (cost > MAX_CONVERSION_COST) return cost;
  }
  endParagraph();
  endParagraphLines();
  return cost + quoteRun * quoteRun + fenceLines * fenceLines + lines * 100 + tabs * 20;
}
