// Measures the two search designs Carnet could use, in Chromium, at 10,000 notes (and at
// 100,000 with --large): index ready time, query latency (p50/p95), JS heap, and the
// cost of writing notes with and without a words index.
//   npx tsx bench/search-designs.ts [--large] [--only=10000]
// Writes bench/results/search-designs.json and prints a table.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';

const PORT = 47899;
const OUT = join(tmpdir(), 'carnet-search-bench');
const RESULTS = resolve(__dirname, 'results');
const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const large = process.argv.includes('--large');
const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
const sizes = only ? [Number(only)] : large ? [10_000, 100_000] : [10_000];

/** The queries, by kind; each is run REPEAT times. Words of varied frequency. */
const QUERIES = {
  oneWord: ['territoire', 'caoutchouc', 'volcan', 'entreprise', 'gouvernance', 'recyclage', 'qualité', 'mobilité'],
  prefix: ['innov', 'entrep', 'territ', 'cooper', 'ecosys', 'forma', 'indus', 'valor'],
  unaccented: ['energie', 'ecologique', 'universite', 'securite', 'oeuvre', 'coeur', 'reseau', 'developpement'],
  twoWords: ['entreprise territoire', 'innovation énergie', 'projet univ', 'salarié form', 'usine robot', 'région financement', 'données plateforme', 'eau forêt'],
};
const REPEAT = 12;

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
interface Timing { p50: number; p95: number; max: number; found: number }

function call<K extends keyof Bench>(page: Page, name: K, ...args: Parameters<Bench[K]>): Promise<Awaited<ReturnType<Bench[K]>>> {
  return page.evaluate(
    ([n, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n as string]!(...(a as unknown[])),
    [name, args] as const,
  ) as Promise<Awaited<ReturnType<Bench[K]>>>;
}

async function serve(): Promise<() => Promise<void>> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    try {
      const body = await readFile(join(OUT, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'Content-Type': types[extname(path) || '.html'] ?? 'application/octet-stream' }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(PORT, '127.0.0.1', done));
  return () => new Promise((done) => server.close(() => done()));
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

async function main(): Promise<void> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(__dirname, 'search-page'),
    build: { outDir: OUT, emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
  });
  const stop = await serve();
  const context = await chromium.launchPersistentContext(join(tmpdir(), `carnet-search-bench-profile-${Date.now()}`), {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(0);
  await page.goto(`http://127.0.0.1:${PORT}/`);
  const runs = [];
  for (const count of sizes) {
    console.error(`measuring ${count} notes…`);
    const run = await measure(page, count);
    runs.push(run);
    console.log(JSON.stringify(run, null, 1));
  }
  await context.close();
  await stop();
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'search-designs.json'), JSON.stringify({ date: new Date().toISOString(), runs }, null, 2));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
