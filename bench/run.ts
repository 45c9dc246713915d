// Carnet's benchmark: `npm run bench` (10,000 notes) or `npm run bench -- --large` (100,000
// notes, for the figures that depend on the notebook's size); options in options.ts and
// bench/README.md.
//
// Builds the app into its own folder, serves it with the browser host on CARNET_E2E_PORT
// (default 47871), seeds the notebook from the bench page (bench/page, on the same origin:
// the app's Dexie schema and Lexical conversion), then measures each figure of FIGURES —
// one file each in figures/ — and prints a table, written with the details to
// bench/results/latest.json (and latest-<notes>.json).
//
// `npm run bench -- --sync` is the sync load run instead (figures/sync.ts): no build, no
// browser, one sync server and simulated participants; results in latest-sync.json.
import { BUILD, CPU_SLOWDOWN, LARGE, LONG_NOTE_WORDS, NOTES, ONLY, OUT, RESULTS, RUNS, SYNC, SYNC_NOTES, SYNC_PARTICIPANTS } from './options';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { CHROMIUM_PATH } from '../src/main/platform/chromium';
import { coldStart } from './figures/coldStart';
import { heap } from './figures/heap';
import { importNotes } from './figures/importNotes';
import { indexReady } from './figures/indexReady';
import { journal } from './figures/journal';
import { keystroke } from './figures/keystroke';
import { openNote } from './figures/openNote';
import { search } from './figures/search';
import { searchUi } from './figures/searchUi';
import { sync } from './figures/sync';
import { benchPage, instruments, log, type Context } from './session';
import { table, type Figure } from './stats';

/** In order: the figures on the seeded notebook first (the app's tab passes from one to
 *  the next), then import and journal, which do not use it. */
const FIGURES: [string, (ctx: Context) => Promise<Figure | Figure[]>][] = [
  ['coldStart', coldStart],
  ['openNote', openNote],
  ['keystroke', keystroke],
  ['search', search],
  ['searchUi', searchUi],
  ['heap', heap],
  ['indexReady', indexReady],
  ['import', importNotes],
  ['journal', journal],
];
const SIZE_INDEPENDENT = new Set(['import', 'journal']);

/** The app (electron-vite, into the benchmark's own folder) and the bench page, built into
 *  renderer/__bench/ so that it is served on the app's origin and shares its IndexedDB. */
async function buildAll(): Promise<void> {
  log(`building the app into ${OUT}`);
  rmSync(OUT, { recursive: true, force: true });
  execFileSync('npx', ['electron-vite', 'build', '--outDir', OUT, '--logLevel', 'warn'], { cwd: resolve(__dirname, '..'), stdio: 'inherit' });
  const { build } = await import('vite');
  await build({
    configFile: false,
    logLevel: 'warn',
    root: join(__dirname, 'page'),
    base: './',
    build: { outDir: join(OUT, 'renderer', '__bench'), emptyOutDir: true, minify: true, modulePreload: { polyfill: false } },
  });
}

const loadAverage = (): string => {
  try {
    return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  } catch {
    return 'unknown';
  }
};

function machine() {
  let chromium: string;
  try {
    chromium = execFileSync(CHROMIUM_PATH, ['--version'], { encoding: 'utf8' }).trim();
  } catch {
    chromium = 'unknown';
  }
  return {
    nproc: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGB: Math.round(totalmem() / 1e8) / 10,
    freeGB: Math.round(freemem() / 1e8) / 10,
    chromium,
    node: process.version,
    loadAverageAtStart: loadAverage(),
    cpuSlowdown: CPU_SLOWDOWN,
  };
}

/** Measures one figure into `figures`, the load average as it started beside it; a
 *  figure that fails is reported as not measured, with why. */
async function measureFigure(id: string, measure: () => Promise<Figure | Figure[]>, figures: Figure[], loads: Record<string, string>): Promise<void> {
  loads[id] = loadAverage();
  log(`measuring ${id} (load ${loads[id]})`);
  const t0 = Date.now();
  const oneMinute = Number(loads[id].split(' ')[0]);
  const load = Number.isFinite(oneMinute) ? oneMinute : undefined;
  try {
    const result = await measure();
    figures.push(...(Array.isArray(result) ? result : [result]).map((figure) => ({ ...figure, load })));
  } catch (error) {
    console.error(error);
    figures.push({
      id,
      label: id,
      unit: 'ms',
      target: '—',
      pass: null,
      load,
      notMeasured: `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    });
  }
  log(`${id} took ${((Date.now() - t0) / 1000).toFixed(0)} s`);
}

function report(name: string, notes: number, result: { durationS: number; machine: ReturnType<typeof machine> }, figures: Figure[]): void {
  const host = result.machine;
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'latest.json'), JSON.stringify(result, null, 2));
  writeFileSync(join(RESULTS, `latest-${name}.json`), JSON.stringify(result, null, 2));
  console.log(`\nCarnet benchmark — ${name === 'sync' ? 'sync load run, ' : ''}${notes.toLocaleString('en')} notes, ${result.durationS} s`);
  console.log(
    `machine: ${host.nproc} cores (${host.cpu}), ${host.memoryGB} GB, ${host.chromium}, Node ${host.node}, load at start ${host.loadAverageAtStart}${CPU_SLOWDOWN === 1 ? '' : `, tabs slowed down ${CPU_SLOWDOWN}×`}`,
  );
  console.log(`load: the 1-minute load average as the figure started (${host.nproc} cores)\n`);
  console.log(table(figures));
}

/** The sync load run: no build and no browser. */
async function mainSync(): Promise<void> {
  const started = Date.now();
  const host = machine();
  const figures: Figure[] = [];
  const loads: Record<string, string> = {};
  await measureFigure('sync', sync, figures, loads);
  const notes = SYNC_PARTICIPANTS * SYNC_NOTES;
  const result = {
    date: new Date().toISOString(),
    notes,
    machine: host,
    loadAverageAtEachFigure: loads,
    durationS: Math.round((Date.now() - started) / 1000),
    figures,
  };
  report('sync', notes, result, figures);
}

async function main(): Promise<void> {
  if (SYNC) return mainSync();
  const started = Date.now();
  const host = machine();
  if (BUILD) await buildAll();
  // After options.ts has pointed it at the benchmark's build and port.
  const harness = await import('../src/main/platform/browser');
  const profileDir = mkdtempSync(join(tmpdir(), 'carnet-bench-profile-'));
  const session = await harness.launchCarnet({ profileDir, locale: 'fr-FR' });
  session.page.setDefaultTimeout(0);
  await session.context.addInitScript(instruments);
  const origin = harness.HOST_ORIGIN;
  const ctx: Context = {
    session,
    seeded: { longNoteId: '', visitId: '', listCount: 0 },
    appUrl: `${origin}/index.html`,
    benchUrl: `${origin}/__bench/index.html`,
    blankUrl: `${origin}${harness.BLANK_PATH}`,
    appPage: null,
  };
  const figures: Figure[] = [];
  /** The load averages as each figure started: the machine's share of the story. */
  const loads: Record<string, string> = {};
  let seeded: unknown = null;
  try {
    const wanted = FIGURES.filter(([id]) => !ONLY || ONLY.includes(id));
    if (wanted.some(([id]) => !SIZE_INDEPENDENT.has(id))) {
      log(`seeding ${NOTES.toLocaleString('en')} notes + one of ${LONG_NOTE_WORDS} words`);
      const { bench } = await benchPage(ctx);
      const seed = await bench.seed(NOTES, LONG_NOTE_WORDS);
      ctx.seeded = seed;
      seeded = seed;
      log(
        `seeded in ${(seed.ms / 1000).toFixed(1)} s (Lexical conversion ${(seed.convertMs / 1000).toFixed(1)} s, writes ${(seed.writeMs / 1000).toFixed(1)} s)`,
      );
      await session.page.goto(ctx.blankUrl); // the bench page lets go of the database
    }
    for (const [id, measure] of wanted) {
      if (LARGE && SIZE_INDEPENDENT.has(id)) {
        figures.push({
          id,
          label: id === 'import' ? 'import 10,000 Markdown notes' : 'journal exports',
          unit: 'ms',
          target: '—',
          pass: null,
          notMeasured: 'independent of the notebook size: see the 10,000-note run',
        });
        continue;
      }
      await measureFigure(id, () => measure(ctx), figures, loads);
    }
  } finally {
    await session.close().catch(() => undefined);
    await harness.stopHarness();
    await rm(profileDir, { recursive: true, force: true }).catch(() => undefined);
  }
  const result = {
    date: new Date().toISOString(),
    notes: NOTES,
    runs: RUNS,
    machine: host,
    loadAverageAtEachFigure: loads,
    durationS: Math.round((Date.now() - started) / 1000),
    seeded,
    figures,
  };
  report(String(NOTES), NOTES, result, figures);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
