// Measures the two search designs Carnet could use, in Chromium, at 10,000 notes (and at
// 100,000 with --large): index ready time, query latency (p50/p95), JS heap, and the
// cost of writing notes with and without a words index.
//   npx tsx bench/searchDesigns.ts [--large] [--only=10000]
// Writes bench/results/searchDesigns.json and prints it.
import type { Page } from 'playwright-core';
import { onPage } from './pageCall';
import { QUERIES, REPEAT, runSearchBench } from './searchBench';
import type { SearchDesignsPage } from './searchPage/main';

const ms = (value: number) => Math.round(value * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function measure(page: Page, count: number) {
  const bench = onPage<SearchDesignsPage>(page);
  await bench.reset();
  const heapBefore = await bench.usedHeap();
  const seedA = await bench.seed('A', count);
  // Design A as at a cold start: a fresh page, the database already there.
  await page.reload();
  const heapEmpty = await bench.usedHeap();
  const build = await bench.buildA();
  const a: Record<string, unknown> = { writeMs: ms(seedA.writeMs), readyMs: ms(build.readyMs), longestStallMs: ms(build.longestStallMs) };
  for (const [kind, queries] of Object.entries(QUERIES)) a[kind] = await bench.timeA(queries, REPEAT);
  a['heapMB'] = mb((await bench.usedHeap()) - heapEmpty);
  a['heapTotalMB'] = mb(await bench.usedHeap());
  const started = Date.now();
  for (const query of QUERIES.oneWord) await bench.readResults('A', query);
  a['read20ResultsMs'] = ms((Date.now() - started) / QUERIES.oneWord.length);

  await bench.reset();
  const seedB = await bench.seed('B', count);
  await page.reload();
  const b: Record<string, unknown> = { writeMs: ms(seedB.writeMs), wordsMs: ms(seedB.wordsMs), readyMs: ms(await bench.reopenB()) };
  for (const [kind, queries] of Object.entries(QUERIES)) b[kind] = await bench.timeB(queries, kind === 'oneWord' ? REPEAT : 4);
  b['heapTotalMB'] = mb(await bench.usedHeap());
  await bench.reset();
  return { count, heapBeforeMB: mb(heapBefore), A: a, B: b };
}

runSearchBench({ name: 'searchDesigns', pageDir: 'searchPage', measure }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
