// The benchmark's command line, read once. Imported before the browser host: it points
// the host at the benchmark's own build (CARNET_RENDERER_DIR) and port.
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const arg = (name: string): string | undefined => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** --large: the figures that depend on the notebook's size, at 100,000 notes. */
export const LARGE = process.argv.includes('--large');
/** --only=<id,…>: these figures only. */
export const ONLY = arg('only')?.split(',') ?? null;
/** --runs=<n>: repetitions of the slow figures. */
export const RUNS = Number(arg('runs') ?? 3);
/** --notes=<n>: another notebook size. */
export const NOTES = Number(arg('notes') ?? (LARGE ? 100_000 : 10_000));
/** The note open at start, typed into by the keystroke figure. */
export const LONG_NOTE_WORDS = 5_000;
/** --profile or --trace: a CPU profile or a performance trace of the app's tab during
 *  openNote, keystroke and indexReady, into bench/results. */
export const PROFILE = process.argv.includes('--profile');
export const TRACE = process.argv.includes('--trace');
/** --cpu-slowdown=<n>: every tab's main thread n times slower (Chromium's CPU
 *  throttling), the app's and its limits' alike: a slower machine, made on purpose. */
export const CPU_SLOWDOWN = Number(arg('cpu-slowdown') ?? 1);
/** --no-build: reuse the last build (while working on the benchmark itself). */
export const BUILD = !process.argv.includes('--no-build');

process.env['CARNET_E2E_PORT'] ??= '47871';
/** The benchmark's own build: a concurrent `npm run build` cannot empty it under a run. */
export const OUT = join(tmpdir(), `carnet-bench-build-${process.env['CARNET_E2E_PORT']}`);
process.env['CARNET_RENDERER_DIR'] = join(OUT, 'renderer');

export const RESULTS = join(__dirname, 'results');

/** --sync: the sync load run (figures/sync.ts) instead of the app's figures: one server,
 *  --sync-participants=<n> (30) with --sync-notes=<n> (50) each, the last
 *  --sync-offline=<n> (5) offline for the first half, each half --sync-half=<s> (20) of
 *  --sync-typists=<n> (10) typing; --sync-awareness=structure (as the app's session:
 *  only the structure's provider has an awareness) or every (as it had before). */
export const SYNC = process.argv.includes('--sync');
export const SYNC_PARTICIPANTS = Number(arg('sync-participants') ?? 30);
export const SYNC_NOTES = Number(arg('sync-notes') ?? 50);
export const SYNC_OFFLINE = Number(arg('sync-offline') ?? 5);
export const SYNC_HALF_SECONDS = Number(arg('sync-half') ?? 20);
export const SYNC_TYPISTS = Number(arg('sync-typists') ?? 10);
export const SYNC_AWARENESS = arg('sync-awareness') === 'every' ? 'every' : 'structure';
