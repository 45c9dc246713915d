// Fuzzing every journal writer with hostile records (writerInputs.ts). Each input is
// written in this process in every format — HTML, Markdown (folder and zip), DOCX, the
// .carnet backup and the PDF, whose Chromium stays open between inputs — each held to its
// budget of CPU time (this process and Chromium together) and to its format's checks; the
// backup must read back as the same records and photos. Then the backup is handed to the
// built CLI, whose `journal` writes one format in a process of its own (the PDF then only
// there), where its resident memory is measured too, sometimes at a path it must refuse (a
// folder that holds files, `.`, `..`). See harness.ts for the short and long runs and how
// to replay an input.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackup, type BackupAttachment } from '../../../src/main/backup';
import { ExportJob } from '../../../src/main/export/job';
import { closeChromiumPdf, openWithChromium } from '../../../src/main/platform/chromiumPdf';
import { FORMAT_EXTENSION, type ExportFormat } from '../../../src/shared/journal/formats';
import { defaultJournalOptions } from '../../../src/shared/journal/options';
import { SAMPLE } from '../journal/craftBackup';
import { BUDGET, CLI, collectGarbage, cpuOfProcessTree, runCarnet } from './budget';
import { excerpt, harnessFailure, inPool, InputFolder, inputIndices, listing, LONG, report, SEED, suiteRoot, type Failure } from './harness';
import { cliProblems, journalProblems } from './outputChecks';
import { Random } from './random';
import { WRITER_CLASSES, writerInput, type WriterInput } from './writerInputs';

const IN_PROCESS: ExportFormat[] = ['html', 'md', 'mdzip', 'docx', 'carnet', 'pdf'];
const THROUGH_CLI = ['html', 'md', 'docx', 'pdf'] as const;
/** A PDF costs more per page than the other formats: its inputs are made smaller. */
const scaleOf = (format: ExportFormat): number => (format === 'pdf' ? 0.05 : 1);
/** Files Chromium keeps in TMPDIR while it runs: this process's own printing browser. */
const CHROMIUM_OWN = /^(playwright_chromiumdev_profile-|playwright-artifacts-|org\.chromium\.Chromium\.)/;

let photos: Map<string, BackupAttachment>;
/** The TMPDIR of the writers run in this process, checked after each. */
let temporary: string;
/** What printing the sample's own journal costs, Chromium included: a PDF's budget is
 *  BUDGET.cpuMs over it (Chromium lays the book out and prints it twice: 1.1-1.7 s here). */
let pdfFloorMs = Infinity;

beforeAll(async () => {
  const sample = await readBackup(SAMPLE);
  photos = new Map(sample.attachments.map((a) => [a.meta.id, a]));
  temporary = mkdtempSync(join(tmpdir(), 'carnet-fuzz-writers-'));
  const input = { records: sample.records, photoOf: new Map(sample.attachments.map((a) => [a.meta.id, a.meta.id])), book: false };
  // The first round starts Chromium, the second is what a print costs.
  for (let round = 0; round < 2; round++) pdfFloorMs = Math.min(pdfFloorMs, await measured(() => write(input, 'pdf', join(temporary, 'sample.pdf'))));
  rmSync(join(temporary, 'sample.pdf'));
}, 60_000);

afterAll(async () => {
  await closeChromiumPdf();
  rmSync(temporary, { recursive: true, force: true });
});

/** Runs `work` with `temporary` as TMPDIR (what os.tmpdir() answers, and the
 *  environment of a Chromium started meanwhile). */
async function inTemporary<T>(work: () => Promise<T>): Promise<T> {
  const system = process.env['TMPDIR'];
  process.env['TMPDIR'] = temporary;
  try {
    return await work();
  } finally {
    if (system === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = system;
  }
}

/** The CPU time `work` takes in this process and its children, TMPDIR `temporary`. The
 *  garbage of the checks before is collected first: a test process grown to hundreds of
 *  megabytes made every PDF after the hundredth look a second dearer. */
async function measured(work: () => Promise<void>): Promise<number> {
  collectGarbage();
  const started = cpuOfProcessTree();
  await inTemporary(work);
  return cpuOfProcessTree() - started;
}

/** Writes `input` as the app and the CLI do: the job asks for each photo it needs. */
async function write({ records, photoOf, book }: WriterInput, format: ExportFormat, out: string): Promise<void> {
  const options = defaultJournalOptions(records, 'fr');
  const job = await ExportJob.create(records, book ? { ...options, structure: 'book' } : options, format, out);
  try {
    for (const { attachmentId, variant } of job.wanted) {
      const photo = photos.get(photoOf.get(attachmentId) ?? '');
      const bytes = variant === 'display' ? photo?.display : photo?.original;
      if (bytes) await job.addAttachment(attachmentId, variant, bytes);
    }
    await job.run({ appVersion: 'fuzz', openForPrinting: openWithChromium });
  } finally {
    await job.dispose();
  }
}

/** JSON with sorted keys: records compared whatever the order their reader gave them. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, inner: unknown) =>
    inner && typeof inner === 'object' && !Array.isArray(inner) ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : 1))) : inner,
  );
}

/** The backup read back: the same records, each photo with the bytes it was given. */
async function backupProblems(input: WriterInput, out: string): Promise<string[]> {
  const backup = await readBackup(out).catch((error: Error) => error);
  if (backup instanceof Error) return [`the backup cannot be read back: ${backup.message}`];
  const problems: string[] = [];
  if (canonical(backup.records) !== canonical(input.records)) problems.push('the backup reads back as other records');
  for (const { meta, original, display } of backup.attachments) {
    const source = photos.get(input.photoOf.get(meta.id) ?? '');
    // A display copy is kept when displayMime names one, as everywhere else ('' names none).
    const displayed = meta.displayMime ? source?.display : undefined;
    if (!source || Buffer.compare(original, source.original) !== 0 || Buffer.compare(display ?? new Uint8Array(), displayed ?? new Uint8Array()) !== 0)
      problems.push(`photo ${meta.id} reads back with other bytes`);
  }
  return problems;
}

/** One format written in this process, into `written`: within budget, checked, nothing
 *  left behind. */
async function writeInProcess(written: string, input: WriterInput, format: ExportFormat): Promise<string[]> {
  const out = join(written, `journal-${format}${FORMAT_EXTENSION[format] ? `.${FORMAT_EXTENSION[format]}` : ''}`);
  const before = new Set(listing(temporary));
  const budgetMs = BUDGET.cpuMs + (format === 'pdf' ? pdfFloorMs : 0);
  let cpuMs = Infinity;
  for (let tries = 0; tries < BUDGET.tries && cpuMs > budgetMs; tries++) {
    rmSync(out, { recursive: true, force: true });
    const spent = await measured(() => write(input, format, out)).catch((error: Error) => error);
    if (spent instanceof Error) return [`${format}: the writer failed: ${excerpt(spent.stack ?? spent.message, 600)}`];
    cpuMs = Math.min(cpuMs, spent);
  }
  const problems = cpuMs > budgetMs ? [`${(cpuMs / 1000).toFixed(2)} s of CPU (budget ${(budgetMs / 1000).toFixed(2)} s)`] : [];
  problems.push(...(format === 'carnet' ? await backupProblems(input, out) : await journalProblems(format, out)));
  const left = listing(temporary).filter((entry) => !before.has(entry) && !CHROMIUM_OWN.test(entry));
  if (left.length > 0) problems.push(`left in TMPDIR: ${excerpt(left.join(', '))}`);
  return problems.map((problem) => `${format}: ${problem}`);
}

/** Where `carnet journal` is asked to write, and whether it must refuse. */
interface OutTarget {
  path: string;
  refused: boolean;
}

/** Mostly a new path; sometimes one the CLI must refuse, untouched: a folder that holds
 *  files (the Markdown journal goes only to a new or empty folder), a file where a
 *  Markdown folder should go, or a folder — `.` and `..` too — where a file should go. */
function outTarget(random: Random, folder: InputFolder, format: (typeof THROUGH_CLI)[number]): OutTarget {
  const fresh = { path: join(folder.out, `journal.${format}`), refused: false };
  if (random.chance(0.6)) return fresh;
  const holding = join(folder.out, 'holding');
  mkdirSync(join(holding, 'sub'), { recursive: true });
  writeFileSync(join(holding, 'keep.txt'), 'mine');
  writeFileSync(join(folder.out, 'file.txt'), 'mine');
  if (format === 'md')
    return random.pick([{ path: holding, refused: true }, { path: join(folder.out, 'file.txt'), refused: true }, { path: '.', refused: true }, fresh]);
  return random.pick([
    { path: holding, refused: true },
    { path: '.', refused: true },
    { path: '..', refused: true },
    { path: join(folder.out, 'file.txt'), refused: false },
  ]);
}

/** The format input `index` is written in by the CLI: another for each class, and for
 *  each round of a long run. */
const cliFormatOf = (index: number): (typeof THROUGH_CLI)[number] => THROUGH_CLI[(index + Math.floor(index / WRITER_CLASSES.length)) % THROUGH_CLI.length]!;

async function cliJournal(folder: InputFolder, index: number, inputAt: (scale: number) => WriterInput): Promise<string[]> {
  const format = cliFormatOf(index);
  const input = inputAt(scaleOf(format));
  const backup = join(folder.input, 'backup.carnet');
  const failed = await write(input, 'carnet', backup).then(
    () => null,
    (error: Error) => error,
  );
  if (failed) return [`the backup for carnet journal cannot be written: ${excerpt(failed.message)}`];
  rmSync(folder.out, { recursive: true, force: true });
  mkdirSync(folder.out);
  // A stream of its own, apart from the one that made the records.
  const target = outTarget(Random.forInput(SEED + 1, index), folder, format);
  const before = listing(folder.dir);
  const hangMs = format === 'pdf' ? BUDGET.hangMs.pdf : BUDGET.hangMs.journal;
  const run = await runCarnet(
    ['journal', backup, ...(input.book ? ['--collective'] : []), '--format', format, '--out', target.path],
    { cwd: folder.out, tmpDir: folder.tmp, usageFile: folder.usageFile, hangMs },
    () => {
      rmSync(join(folder.out, `journal.${format}`), { recursive: true, force: true });
    },
  );
  const problems = cliProblems(run);
  const after = listing(folder.dir);
  if (target.refused) {
    if (run.code !== 2) problems.push(`--out ${target.path} should be refused (exit 2), got exit ${run.code}`);
    if (JSON.stringify(after) !== JSON.stringify(before)) problems.push(`--out ${target.path} refused, yet something was written`);
  } else if (run.code !== 0) {
    problems.push(`a backup Carnet wrote is not made into a journal: ${excerpt(run.stderr)}`);
  } else {
    problems.push(...(await journalProblems(format, resolve(folder.out, target.path))));
    const output = `out/${basename(target.path)}`;
    const written = after.filter((entry) => !before.includes(entry) && !(entry.startsWith(`${output} `) || entry.startsWith(`${output}/`)));
    if (written.length > 0) problems.push(`written beside the journal: ${excerpt(written.join(', '))}`);
  }
  if (listing(folder.tmp).length > 0) problems.push(`left in TMPDIR: ${excerpt(listing(folder.tmp).join(', '))}`);
  return problems.map((problem) => `carnet journal --format ${format}: ${problem}`);
}

async function fuzzWriters(root: string, index: number): Promise<Failure | null> {
  const inputClass = WRITER_CLASSES[index % WRITER_CLASSES.length]!;
  const folder = new InputFolder(join(root, `${index}-${inputClass.name}`.replace(/[^A-Za-z0-9.-]+/g, '-')));
  // The same input at each scale, made from the input's own seed (writers do not change it).
  const made = new Map<number, WriterInput>();
  const inputAt = (scale: number): WriterInput => made.get(scale) ?? made.set(scale, writerInput(inputClass, Random.forInput(SEED, index), scale)).get(scale)!;
  const problems: string[] = [];
  const written = join(folder.dir, 'written');
  mkdirSync(written);
  for (const format of IN_PROCESS) {
    // A PDF costs seconds: written once, by the CLI when it is the CLI's format.
    if (format === 'pdf' && cliFormatOf(index) === 'pdf') continue;
    problems.push(...(await writeInProcess(written, inputAt(scaleOf(format)), format)));
  }
  const extra = listing(written).filter((entry) => !/^journal-[a-z]+[./ ]/.test(entry));
  if (extra.length > 0) problems.push(`written beside the journals: ${excerpt(extra.join(', '))}`);
  problems.push(...(await cliJournal(folder, index, inputAt)));
  folder.remove({ keep: problems.length > 0 });
  return problems.length === 0 ? null : { index, what: `writers / ${inputClass.name}`, problems, kept: folder.dir };
}

describe.skipIf(!existsSync(CLI))('fuzzing the journal writers', () => {
  const root = suiteRoot('writers');
  const indices = inputIndices(WRITER_CLASSES.length, 10 * WRITER_CLASSES.length);
  if (LONG) console.info(`fuzzing the writers: seed ${SEED}, ${indices.length} inputs (replay with CARNET_FUZZ_SEED=${SEED})`);

  it(
    `HTML, Markdown, DOCX, PDF and .carnet: ${indices.length} input(s)`,
    async () => {
      const failures: Failure[] = [];
      // One at a time: each input's CPU time is measured on this whole process.
      await inPool(indices, 1, async (index) => {
        const failure = await fuzzWriters(root, index).catch((error: unknown) => harnessFailure(index, root, error));
        if (failure) failures.push(failure);
      });
      expect(failures, report('writers', __filename, indices.length, failures)).toEqual([]);
    },
    Math.max(120_000, indices.length * 60_000),
  );
});
