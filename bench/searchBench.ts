// What the two search measurements (searchDesigns.ts, searchWorker.ts) share: their
// queries, their sizes from the command line, and a run in Chromium — the bench page
// built by Vite, served on localhost, one persistent profile, one measure per size, the
// runs written to bench/results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_PATH } from '../src/main/platform/chromium';

const RESULTS = resolve(__dirname, 'results');

/** The queries, by kind; each is run REPEAT times. Words of varied frequency. */
export const QUERIES = {
  oneWord: ['territoire', 'caoutchouc', 'volcan', 'entreprise', 'gouvernance', 'recyclage', 'qualité', 'mobilité'],
  prefix: ['innov', 'entrep', 'territ', 'cooper', 'ecosys', 'forma', 'indus', 'valor'],
  unaccented: ['energie', 'ecologique', 'universite', 'securite', 'oeuvre', 'coeur', 'reseau', 'developpement'],
  twoWords: ['entreprise territoire', 'innovation énergie', 'projet univ', 'salarié form', 'usine robot', 'région financement', 'données plateforme', 'eau forêt'],
};
export const REPEAT = 12;

/** 10,000 notes; with --large also 100,000; --only=<n> for one size. */
export function sizesFromArgs(): number[] {
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
  return only ? [Number(only)] : process.argv.includes('--large') ? [10_000, 100_000] : [10_000];
}

/** Calls `window.bench[name](...args)` on the bench page. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const callBench = (page: Page, name: string, ...args: unknown[]): Promise<any> =>
  page.evaluate(([n, a]) => (window as unknown as { bench: Record<string, (...x: unknown[]) => unknown> }).bench[n as string]!(...(a as unknown[])), [name, args] as const);

export interface SearchBenchRun<T> {
  /** The results file: bench/results/<name>.json. */
  name: string;
  /** The bench page's folder (under bench/). */
  pageDir: string;
  port: number;
  /** Headers sent with every file (the app's CSP, for instance). */
  headers?: Record<string, string>;
  /** Page console and errors printed. */
  verbose?: boolean;
  measure(page: Page, count: number): Promise<T>;
}

export async function runSearchBench<T>({ name, pageDir, port, headers = {}, verbose = false, measure }: SearchBenchRun<T>): Promise<T[]> {
  const out = join(tmpdir(), `carnet-${name}-bench`);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(__dirname, pageDir),
    build: { outDir: out, emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
  });
  const stop = await serve(out, port, headers);
  const context = await chromium.launchPersistentContext(join(tmpdir(), `carnet-${name}-profile-${Date.now()}`), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  const runs: T[] = [];
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(0);
    if (verbose) {
      page.on('console', (message) => console.error('page:', message.text()));
      page.on('pageerror', (error) => console.error('page error:', error.message));
    }
    await page.goto(`http://127.0.0.1:${port}/`);
    for (const count of sizesFromArgs()) {
      console.error(`measuring ${count} notes…`);
      runs.push(await measure(page, count));
    }
  } finally {
    await context.close();
    await stop();
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), runs }, null, 2));
  console.log(JSON.stringify(runs, null, 1));
  return runs;
}

async function serve(folder: string, port: number, headers: Record<string, string>): Promise<() => Promise<void>> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
  const server = createServer(async (request, response) => {
    const path = new URL(request.url ?? '/', 'http://x').pathname;
    try {
      const body = await readFile(join(folder, path === '/' ? 'index.html' : path));
      response.writeHead(200, { 'Content-Type': types[extname(path) || '.html'] ?? 'application/octet-stream', ...headers }).end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  return () => new Promise((done) => server.close(() => done()));
}
