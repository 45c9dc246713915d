// Fuzzing every reader through the built CLI, one process per input so that the budget
// (CPU time, resident memory, a hang limit) is real: each input of readerInputs.ts is
// inspected, and each backup is also made into a journal. Whatever the input, the CLI
// answers within budget with a valid plan or one plain line of refusal, and writes
// nothing but the journal asked for. See harness.ts for the short and long runs and how
// to replay an input.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET, CLI, runCarnet, type CliRun } from './budget';
import { excerpt, harnessFailure, inPool, InputFolder, inputIndices, listing, LONG, report, SEED, suiteRoot, type Failure } from './harness';
import { cliProblems, inspectReportProblems, journalProblems } from './outputChecks';
import { Random } from './random';
import { READER_CLASSES, READERS, type ReaderInput } from './readerInputs';

const JOURNAL_FORMATS = ['html', 'md', 'docx', 'pdf'] as const;

function writeInput(folder: InputFolder, input: ReaderInput): void {
  const at = (path: string): string => {
    const full = join(folder.input, path);
    mkdirSync(dirname(full), { recursive: true });
    return full;
  };
  for (const [path, content] of Object.entries(input.files)) writeFileSync(at(path), content);
  for (const [path, target] of Object.entries(input.links ?? {})) symlinkSync(target, at(path));
  for (const path of input.pipes ?? []) execFileSync('mkfifo', [at(path)]);
}

/** What a run left where it must leave nothing, or changed in its input. */
function leftovers(folder: InputFolder, inputBefore: string[], output: string | null): string[] {
  const problems: string[] = [];
  if (JSON.stringify(listing(folder.input)) !== JSON.stringify(inputBefore)) problems.push('the input folder changed');
  const written = listing(folder.out).filter(
    (path) => output === null || !(path === `${output}/` || path.startsWith(`${output}/`) || path.startsWith(`${output} `)),
  );
  if (written.length > 0) problems.push(`written beside the output: ${excerpt(written.join(', '))}`);
  const temporary = listing(folder.tmp);
  if (temporary.length > 0) problems.push(`left in TMPDIR: ${excerpt(temporary.join(', '))}`);
  return problems;
}

async function fuzzReader(root: string, index: number): Promise<Failure | null> {
  const inputClass = READER_CLASSES[index % READER_CLASSES.length]!;
  const input = inputClass.make(Random.forInput(SEED, index));
  const what = `${inputClass.reader} / ${inputClass.name}`;
  const folder = new InputFolder(join(root, `${index}-${inputClass.reader}-${inputClass.name}`.replace(/[^A-Za-z0-9.-]+/g, '-')));
  writeInput(folder, input);
  const before = listing(folder.input);
  const target = join(folder.input, input.target);
  const place = { cwd: folder.out, tmpDir: folder.tmp, usageFile: folder.usageFile };
  const problems: string[] = [];

  const inspected = await runCarnet(['inspect', target, ...(input.options ?? [])], { ...place, hangMs: BUDGET.hangMs.inspect }, () => folder.resetOutputs());
  problems.push(
    ...prefixed('inspect', [
      ...cliProblems(inspected),
      ...(inspected.code === 0 ? inspectReportProblems(inspected.stdout) : []),
      ...leftovers(folder, before, null),
    ]),
  );

  // A backup is also read by `carnet journal`, which hands its records to a writer.
  if (inputClass.reader === '.carnet') {
    // Another format for each backup class, and for each round of a long run.
    const format = JOURNAL_FORMATS[(index + Math.floor(index / READER_CLASSES.length)) % JOURNAL_FORMATS.length]!;
    const out = join(folder.out, `journal.${format}`);
    const hangMs = format === 'pdf' ? BUDGET.hangMs.pdf : BUDGET.hangMs.journal;
    const journal: CliRun = await runCarnet(['journal', target, '--format', format, '--out', out], { ...place, hangMs }, () => folder.resetOutputs());
    const written = journal.code === 0 ? await journalProblems(format, out) : [];
    problems.push(...prefixed(`journal --format ${format}`, [...cliProblems(journal), ...written, ...leftovers(folder, before, `journal.${format}`)]));
  }

  folder.remove({ keep: problems.length > 0 });
  return problems.length === 0 ? null : { index, what, problems, kept: folder.dir };
}

const prefixed = (command: string, problems: string[]): string[] => problems.map((problem) => `${command}: ${problem}`);

describe.skipIf(!existsSync(CLI))('fuzzing the readers through the CLI', () => {
  const root = suiteRoot('readers');
  const indices = inputIndices(READER_CLASSES.length, 20 * READER_CLASSES.length);
  if (LONG) console.info(`fuzzing the readers: seed ${SEED}, ${indices.length} inputs (replay with CARNET_FUZZ_SEED=${SEED})`);

  for (const reader of READERS) {
    const mine = indices.filter((index) => READER_CLASSES[index % READER_CLASSES.length]!.reader === reader);
    it.skipIf(mine.length === 0)(
      `${reader}: ${mine.length} input(s)`,
      async () => {
        const failures: Failure[] = [];
        // Two at a time: the budget counts CPU time, which the other run hardly changes.
        await inPool(mine, 2, async (index) => {
          const failure = await fuzzReader(root, index).catch((error: unknown) => harnessFailure(index, root, error));
          if (failure) failures.push(failure);
        });
        failures.sort((a, b) => a.index - b.index);
        expect(failures, report(`${reader} reader`, __filename, mine.length, failures)).toEqual([]);
      },
      Math.max(60_000, mine.length * 40_000),
    );
  }
});
