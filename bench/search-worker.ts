// Measures Carnet's search index as the app builds it — in its worker — against the same
// index built on the page, in Chromium, at 10,000 notes (and 100,000 with --large): time
// to ready, the page's longest main-thread stall meanwhile, query round trips (p50/p95),
// the page's JS heap, and how soon an edit is found.
//   npx tsx bench/search-worker.ts [--large] [--only=10000] [--no-page]
// Writes bench/results/search-worker.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CONTENT_SECURITY_POLICY } from '../src/main/security';

const PORT = Number(process.env['CARNET_BENCH_PORT'] ?? 47882);
const OUT = join(tmpdir(), 'carnet-search-worker-bench');
const RESULTS = resolve(__dirname, 'results');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const large = process.argv.includes('--large');
const onPage = !process.argv.includes('--no-page');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
const sizes = only ? [Number(only)] : large ? [10_000, 100_000] : [10_000];

const QUERIES = {
  oneWord: ['territoire', 'caoutchouc', 'volcan', 'entreprise', 'gouvernance', 'recyclage', 'qualité', 'mobilité'],
  prefix: ['innov', 'entrep', 'territ', 'cooper', 'ecosys', 'forma', 'indus', 'valor'],
  unaccented: ['energie', 'ecologique', 'universite', 'securite', 'oeuvre', 'coeur', 'reseau', 'developpement'],
  twoWords: ['entreprise territoire', 'innovation énergie', 'projet univ', 'salarié form', 'usine robot', 'région financement', 'données plateforme', 'eau forêt'],
};
const REPEAT = 12;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (page: Page, name: string, ...args: unknown[]): Promise<any> =>
  page.evaluate(([n, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n as string]!(...(a as unknown[])), [name, args] as const);

async function serve(): Promise<() => Promise<void>> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    try {
      const body = await readFile(join(OUT, path === '/' ? 'index.html' : path));
      // The app's CSP, so that the worker is started under the same rules as in Carnet.
      response.writeHead(200, { 'Content-Type': types[extname(path) || '.html'] ?? 'application/octet-stream', 'Content-Security-Policy': CONTENT_SECURITY_POLICY }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(PORT, '127.0.0.1', done));
  return () => new Promise((done) => server.close(() => done()));
}

const round = (value: number) => Math.round(value * 10) / 10;
const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;

async function measure(page: Page, count: number) {
  await call(page, 'reset');
  const seedMs = await call(page, 'seed', count);
  const run: Record<string, unknown> = { count, seedMs: round(seedMs) };
  if (process.argv.includes('--profile')) {
    await page.reload();
    run['profile'] = await call(page, 'profile');
    console.error(count, 'profile', JSON.stringify(run['profile']));
  }
  // In the worker from every note (a first start), then from the snapshot it saved (every
  // start after), then on the page from every note (the fallback, and the design before).
  for (const mode of onPage ? ['worker', 'snapshot', 'page'] : ['worker', 'snapshot']) {
    const worker = mode !== 'page';
    if (mode === 'snapshot') run['snapshotMB'] = round((await call(page, 'snapshotSaved')) / 1e6);
    await page.reload();
    const heapEmpty = await call(page, 'usedHeap');
    const built = await call(page, 'build', worker);
    const figures: Record<string, unknown> = { ...built, readyMs: round(built.readyMs), longestStallMs: round(built.longestStallMs) };
    // Queries right after ready share the worker with its first live queries and its first
    // save; they are timed apart (a few), then the steady state after a pause.
    figures['justReady'] = await call(page, 'time', QUERIES.oneWord, 1);
    await new Promise((settle) => setTimeout(settle, 3_000 + count / 100));
    for (const [kind, queries] of Object.entries(QUERIES)) figures[kind] = await call(page, 'time', queries, REPEAT);
    figures['pageHeapMB'] = mb((await call(page, 'usedHeap')) - heapEmpty);
    figures['editFoundMs'] = round(await call(page, 'freshness'));
    run[mode] = figures;
    console.error(count, mode, JSON.stringify(figures));
  }
  await call(page, 'reset');
  return run;
}

async function main(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(__dirname, 'search-worker-page'),
    build: { outDir: OUT, emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
  });
  const stop = await serve();
  const context = await chromium.launchPersistentContext(join(tmpdir(), `carnet-search-worker-profile-${Date.now()}`), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(0);
  page.on('console', (message) => console.error('page:', message.text()));
  page.on('pageerror', (error) => console.error('page error:', error.message));
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const runs = [];
  for (const count of sizes) runs.push(await measure(page, count));
  await context.close();
  await stop();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'search-worker.json'), JSON.stringify({ date: new Date().toISOString(), runs }, null, 2));
  console.log(JSON.stringify(runs, null, 1));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
