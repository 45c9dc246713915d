// What the two search measurements (searchDesigns.ts, searchWorker.ts) share: their
// queries, their sizes from the command line, and a run in Chromium — the bench page
// built by Vite, served with the app's CSP by the browser host's static server on
// CARNET_E2E_PORT (default 47882), one persistent profile, one measure per size, the runs
// written to bench/results/<name>.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_PATH } from '../src/main/platform/chromium';
import { serveStatic } from '../src/main/platform/staticServer';
import { CONTENT_SECURITY_POLICY } from '../src/main/security';

const RESULTS = resolve(__dirname, 'results');

/** The queries, by kind; each is run REPEAT times. Words of varied frequency. */
export const QUERIES = {
  oneWord: ['territoire', 'caoutchouc', 'volcan', 'entreprise', 'gouvernance', 'recyclage', 'qualité', 'mobilité'],
  prefix: ['innov', 'entrep', 'territ', 'cooper', 'ecosys', 'forma', 'indus', 'valor'],
  unaccented: ['energie', 'ecologique', 'universite', 'securite', 'oeuvre', 'coeur', 'reseau', 'developpement'],
  twoWords: [
    'entreprise territoire',
    'innovation énergie',
    'projet univ',
    'salarié form',
    'usine robot',
    'région financement',
    'données plateforme',
    'eau forêt',
  ],
};
export const REPEAT = 12;

/** 10,000 notes; with --large also 100,000; --only=<n> for one size. */
export function sizesFromArgs(): number[] {
  const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice(7);
  return only ? [Number(only)] : process.argv.includes('--large') ? [10_000, 100_000] : [10_000];
}

export interface SearchBenchRun<T> {
  /** The results file: bench/results/<name>.json. */
  name: string;
  /** The bench page's folder (under bench/). */
  pageDir: string;
  /** Page console and errors printed. */
  verbose?: boolean;
  measure(page: Page, count: number): Promise<T>;
}

export async function runSearchBench<T>({ name, pageDir, verbose = false, measure }: SearchBenchRun<T>): Promise<T[]> {
  const out = join(tmpdir(), `carnet-${name}-bench`);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: resolve(__dirname, pageDir),
    build: { outDir: out, emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
  });
  // The app's CSP, so that the pages (and the worker) run under the same rules as Carnet.
  const server = await serveStatic({
    root: out,
    port: Number(process.env['CARNET_E2E_PORT'] ?? 47882),
    headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
  });
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
    await page.goto(`${server.origin}/`);
    for (const count of sizesFromArgs()) {
      console.error(`measuring ${count} notes…`);
      runs.push(await measure(page, count));
    }
  } finally {
    await context.close();
    await server.close();
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, `${name}.json`), JSON.stringify({ date: new Date().toISOString(), runs }, null, 2));
  console.log(JSON.stringify(runs, null, 1));
  return runs;
}
