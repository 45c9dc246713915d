// What a fuzzing run is: a seed, the inputs it makes, a folder per input, and a report
// of the inputs that failed with what it takes to replay each.
//
//   npm test             a short run, seed FIXED_SEED: every class of input once
//   npm run fuzz         CARNET_FUZZ=1: a random seed (printed), many more inputs
//   CARNET_FUZZ_SEED=<seed> [CARNET_FUZZ_CASE=<index>]   replays a run, or one input of it
//   CARNET_FUZZ_INPUTS=<n>                                how many inputs a long run makes
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const FIXED_SEED = 20_241_120;
const env = process.env;

export const LONG = env['CARNET_FUZZ'] === '1';
export const SEED = Number(env['CARNET_FUZZ_SEED'] ?? (LONG ? Math.floor(Math.random() * 2 ** 31) : FIXED_SEED));
const ONLY = env['CARNET_FUZZ_CASE'] === undefined ? null : Number(env['CARNET_FUZZ_CASE']);
const REPO = resolve(__dirname, '../../..');

/** The indices of the inputs to make: one of each class in a short run, `longInputs` in
 *  a long one, or the one input being replayed. Input i is of class i mod classCount. */
export function inputIndices(classCount: number, longInputs: number): number[] {
  if (ONLY !== null) return [ONLY];
  const count = LONG ? Number(env['CARNET_FUZZ_INPUTS'] ?? longInputs) : classCount;
  return Array.from({ length: count }, (_, index) => index);
}

/** The folders of one input: `input` (what the CLI reads), `out` (where it writes, its
 *  working directory) and `tmp` (its TMPDIR); the CLI's usage is written beside them.
 *  `input` and `out` are kept when the input fails; `tmp` is made in the system's
 *  temporary folder, as Chromium refuses a TMPDIR whose path is long (its socket's path
 *  must fit in 107 bytes). */
export class InputFolder {
  readonly input: string;
  readonly out: string;
  readonly tmp: string;
  readonly usageFile: string;

  constructor(readonly dir: string) {
    this.input = join(dir, 'input');
    this.out = join(dir, 'out');
    this.usageFile = `${dir}.usage.json`;
    rmSync(dir, { recursive: true, force: true });
    for (const folder of [this.input, this.out]) mkdirSync(folder, { recursive: true });
    this.tmp = mkdtempSync(join(tmpdir(), 'carnet-fuzz-'));
  }

  /** Empties `out` and `tmp` again (a run tried again starts from the same place). */
  resetOutputs(): void {
    for (const folder of [this.out, this.tmp]) {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder);
    }
  }

  /** Removes the folders; `keep` keeps the input and what was written, to look at. */
  remove({ keep }: { keep: boolean }): void {
    rmSync(this.tmp, { recursive: true, force: true });
    rmSync(this.usageFile, { force: true });
    if (!keep) rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Every file, folder and link under `dir` with its size (0 for folders and links): what
 *  a run must leave as it was. Links are listed, not followed (Node 20's recursive
 *  readdir follows them, into '/' if a hostile folder links there). */
export function listing(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const path = `${prefix}${entry.name}`;
      if (entry.isDirectory()) return [`${path}/`, ...listing(join(dir, entry.name), `${path}/`)];
      return [`${path} ${entry.isFile() ? lstatSync(join(dir, entry.name)).size : 0}`];
    });
}

export interface Failure {
  index: number;
  /** The reader or writer and the class of input. */
  what: string;
  problems: string[];
  kept: string;
}

/** The one folder of a suite's inputs, cleared at its start. */
export function suiteRoot(suite: string): string {
  const root = join(REPO, 'test-results', 'fuzz', String(SEED), suite);
  if (ONLY === null) rmSync(root, { recursive: true, force: true });
  return root;
}

/** An input the harness itself could not make or check: reported with the others rather
 *  than ending the run. */
export function harnessFailure(index: number, root: string, error: unknown): Failure {
  const problem = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { index, what: 'the harness', problems: [`the harness failed: ${excerpt(problem, 800)}`], kept: root };
}

/** A failure report a person can act on: what failed, where its input is, how to replay. */
export function report(suite: string, testFile: string, inputs: number, failures: Failure[]): string {
  const lines = [`${suite}: ${failures.length} of ${inputs} input(s) failed (seed ${SEED})`];
  for (const failure of failures) {
    lines.push(`#${failure.index} ${failure.what}:`, ...failure.problems.map((problem) => `  - ${problem}`));
    lines.push(`  input kept in ${relative(REPO, failure.kept)}`);
    lines.push(`  replay: CARNET_FUZZ_SEED=${SEED} CARNET_FUZZ_CASE=${failure.index} npx vitest run --project unit ${relative(REPO, testFile)}`);
  }
  return lines.join('\n');
}

/** Runs `work` on every item, at most `concurrency` at a time. */
export async function inPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
}

/** A long string cut for a report. */
export function excerpt(text: string, length = 300): string {
  const flat = JSON.stringify(text);
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}
