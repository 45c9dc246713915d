// Measures Carnet's search index as the app builds it — in its worker — against the same
// index built on the page, in Chromium, at 10,000 notes (and 100,000 with --large): time
// to ready, the page's longest main-thread stall meanwhile, query round trips (p50/p95),
// the page's JS heap, and how soon an edit is found.
//   npx tsx bench/searchWorker.ts [--large] [--only=10000] [--no-page]
// Writes bench/results/searchWorker.json.
import type { Page } from 'playwright-core';
import { onPage } from './pageCall';
import { QUERIES, REPEAT, runSearchBench } from './searchBench';
import type { SearchWorkerPage } from './searchWorkerPage/main';

const alsoOnPage = !process.argv.includes('--no-page');

const round = (value: number) => Math.round(value * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function measure(page: Page, count: number) {
  const bench = onPage<SearchWorkerPage>(page);
  await bench.reset();
  const seedMs = await bench.seed(count);
  const run: Record<string, unknown> = { count, seedMs: round(seedMs) };
  if (process.argv.includes('--profile')) {
    await page.reload();
    run['profile'] = await bench.profile();
    console.error(count, 'profile', JSON.stringify(run['profile']));
  }
  // In the worker from every note (a first start), then from the snapshot it saved (every
  // start after), then on the page from every note (the fallback, and the design before).
  for (const mode of alsoOnPage ? ['worker', 'snapshot', 'page'] : ['worker', 'snapshot']) {
    const worker = mode !== 'page';
    if (mode === 'snapshot') run['snapshotMB'] = round((await bench.snapshotSaved()) / 1e6);
    await page.reload();
    const heapEmpty = await bench.usedHeap();
    const built = await bench.build(worker);
    const figures: Record<string, unknown> = { ...built, readyMs: round(built.readyMs), longestStallMs: round(built.longestStallMs) };
    // Queries right after ready share the worker with its first live queries and its first
    // save; they are timed apart (a few), then the steady state after a pause.
    figures['justReady'] = await bench.time(QUERIES.oneWord, 1);
    await new Promise((settle) => setTimeout(settle, 3_000 + count / 100));
    for (const [kind, queries] of Object.entries(QUERIES)) figures[kind] = await bench.time(queries, REPEAT);
    figures['pageHeapMB'] = mb((await bench.usedHeap()) - heapEmpty);
    figures['editFoundMs'] = round(await bench.freshness());
    run[mode] = figures;
    console.error(count, mode, JSON.stringify(figures));
  }
  await bench.reset();
  return run;
}

runSearchBench({
  name: 'searchWorker',
  pageDir: 'searchWorkerPage',
  verbose: true,
  measure,
}).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
