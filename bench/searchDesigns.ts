// Measures the two search designs Carnet could use, in Chromium, at 10,000 notes (and at
// 100,000 with --large): index ready time, query latency (p50/p95), JS heap, and the
// cost of writing notes with and without a words index.
//   npx tsx bench/searchDesigns.ts [--large] [--only=10000]
// Writes bench/results/searchDesigns.json and prints it.
import type { Page } from 'playwright-core';
import type { Timing } from './searchPage/measure';
import { callBench, QUERIES, REPEAT, runSearchBench } from './searchBench';

interface Bench {
  seed(design: 'A' | 'B', count: number): Promise<{ writeMs: number; wordsMs: number }>;
  buildA(): Promise<{ readyMs: number; longestStallMs: number; size: number }>;
  reset(): Promise<void>;
  usedHeap(): number;
  readResults(design: 'A' | 'B', query: string): Promise<number>;
  timeA(queries: string[], repeat: number): Promise<Timing>;
  timeB(queries: string[], repeat: number): Promise<Timing>;
  reopenB(): Promise<number>;
}

function call<K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>): Promise<Awaited<ReturnType<Bench[K]>>> {
  return callBench(page, name, ...args);
}

const ms = (value: number) => Math.round(value * 100) / 100;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function measure(page: Page, count: number) {
  await call(page, 'reset');
  const heapBefore = await call(page, 'usedHeap');
  const seedA = await call(page, 'seed', 'A', count);
  // Design A as at a cold start: a fresh page, the database already there.
  await page.reload();
  const heapEmpty = await call(page, 'usedHeap');
  const build = await call(page, 'buildA');
  const a: Record<string, unknown> = { writeMs: ms(seedA.writeMs), readyMs: ms(build.readyMs), longestStallMs: ms(build.longestStallMs) };
  for (const [kind, queries] of Object.entries(QUERIES)) a[kind] = await call(page, 'timeA', queries, REPEAT);
  a['heapMB'] = mb((await call(page, 'usedHeap')) - heapEmpty);
  a['heapTotalMB'] = mb(await call(page, 'usedHeap'));
  const started = Date.now();
  for (const query of QUERIES.oneWord) await call(page, 'readResults', 'A', query);
  a['read20ResultsMs'] = ms((Date.now() - started) / QUERIES.oneWord.length);

  await call(page, 'reset');
  const seedB = await call(page, 'seed', 'B', count);
  await page.reload();
  const b: Record<string, unknown> = { writeMs: ms(seedB.writeMs), wordsMs: ms(seedB.wordsMs), readyMs: ms(await call(page, 'reopenB')) };
  for (const [kind, queries] of Object.entries(QUERIES)) b[kind] = await call(page, 'timeB', queries, kind === 'oneWord' ? REPEAT : 4);
  b['heapTotalMB'] = mb(await call(page, 'usedHeap'));
  await call(page, 'reset');
  return { count, heapBeforeMB: mb(heapBefore), A: a, B: b };
}

runSearchBench({ name: 'searchDesigns', pageDir: 'searchPage', port: 47899, measure }).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
