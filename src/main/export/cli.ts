// `carnet journal`: a journal from one backup, or a collective journal from several
// backups of the same expedition (each participant's notes, each with its author), or
// with --collective the expedition's book.
import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultJournalOptions } from '../../shared/journal/options';
import type { ExportFormat } from '../../shared/journal/formats';
import type { ExportRecords } from '../../shared/journal/records';
import { BackupError, openBackup, type OpenBackup } from '../backup';
import { FolderNotEmptyError, isFreeForFolder } from '../atomicFiles';
import { Deadline, ImportFailure } from '../import/limits';
import { closeChromiumPdf, openWithChromium } from '../platform/chromiumPdf';
import { ExportJob } from './job';

export type JournalOutcome = { ok: true; path: string } | { ok: false; error: string };

const FORMATS: Record<string, ExportFormat> = { pdf: 'pdf', html: 'html', md: 'md', markdown: 'md', docx: 'docx' };

export async function journalCommand(args: string[], appVersion: string): Promise<JournalOutcome> {
  const { values, positionals } = parseArgs({
    args,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      lang: { type: 'string' },
      title: { type: 'string' },
      author: { type: 'string' },
      collective: { type: 'boolean' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length === 0) return { ok: false, error: 'journal needs at least one backup file (.carnet)' };
  const format = FORMATS[values.format ?? ''];
  if (!format) return { ok: false, error: '--format must be pdf, html, md or docx' };
  if (!values.out) return { ok: false, error: '--out <path> is required' };
  const language = values.lang ?? 'fr';
  if (language !== 'fr' && language !== 'en') return { ok: false, error: '--lang must be fr or en' };
  const out = resolve(values.out);
  if (!(await stat(dirname(out)).catch(() => null))?.isDirectory()) return { ok: false, error: `the folder of ${values.out} does not exist` };
  const outFormat: ExportFormat = format === 'md' && out.toLowerCase().endsWith('.zip') ? 'mdzip' : format;
  if (outFormat === 'md' && !(await isFreeForFolder(out))) return { ok: false, error: notEmptyFolder(values.out) };
  if (outFormat !== 'md' && (await stat(out).catch(() => null))?.isDirectory())
    return { ok: false, error: `${values.out} is a folder: this journal is written to a file` };

  const backups: OpenBackup[] = [];
  try {
    // Read within the importers' time budget, grown with the backups' size.
    const sizes = await Promise.all(
      positionals.map((path) =>
        stat(path).then(
          (info) => info.size,
          () => 0,
        ),
      ),
    );
    const budget = Deadline.forBytes(sizes.reduce((sum, size) => sum + size, 0));
    for (const path of positionals) {
      try {
        backups.push(await openBackup(path, { budget }));
      } catch (error) {
        if (error instanceof BackupError || error instanceof ImportFailure) return { ok: false, error: `${path}: ${error.message}` };
        throw error;
      }
    }
    return await writeJournal(backups, { ...values, language }, outFormat, out, appVersion);
  } finally {
    for (const backup of backups) await backup.close();
  }
}

function notEmptyFolder(path: string): string {
  return `${path} is not an empty folder: a Markdown journal goes to a new or empty folder, so that nothing there is overwritten`;
}

async function writeJournal(
  backups: OpenBackup[],
  values: { title?: string; author?: string; collective?: boolean; language: 'fr' | 'en' },
  outFormat: ExportFormat,
  out: string,
  appVersion: string,
): Promise<JournalOutcome> {
  const merged = mergeBackups(backups);
  if (!merged) return { ok: false, error: 'the backups are of different expeditions: a collective journal needs backups of one expedition' };

  const options = { ...defaultJournalOptions(merged, values.language), title: values.title ?? merged.expedition.title };
  if (values.collective) options.structure = 'book';
  const authors = new Set(merged.notes.map((note) => note.author.trim()).filter(Boolean));
  options.author = values.author ?? (authors.size > 1 ? [...authors].join(', ') : merged.expedition.participant);
  const job = await ExportJob.create(merged, options, outFormat, out);
  try {
    // Each photo read from its backup when the journal asks for it, written to the job's
    // folder and let go: the backups' photos are never all in memory.
    const holder = new Map(backups.flatMap((backup) => backup.records.attachments.map((meta) => [meta.id, { backup, meta }] as const)));
    for (const wanted of job.wanted) {
      const found = holder.get(wanted.attachmentId);
      const data = found ? await found.backup.readAttachment(found.meta, wanted.variant) : null;
      if (data) await job.addAttachment(wanted.attachmentId, wanted.variant, data);
    }
    await job.run({ appVersion, openForPrinting: openWithChromium });
    return { ok: true, path: out };
  } catch (error) {
    // Something arrived in the folder while the journal was being written.
    if (error instanceof FolderNotEmptyError) return { ok: false, error: notEmptyFolder(out) };
    throw error;
  } finally {
    await job.dispose();
    await closeChromiumPdf();
  }
}

/** One expedition's records from several backups: records matched by id (group syntheses
 *  by lesson), the most recently updated copy kept. Null when the backups are of different
 *  expeditions. */
export function mergeBackups(backups: readonly Pick<OpenBackup, 'records'>[]): ExportRecords | null {
  const first = backups[0];
  if (!first) return null;
  if (backups.some((b) => b.records.expedition.id !== first.records.expedition.id)) return null;
  const all = backups.map((b) => b.records);
  const lists = <K extends 'visits' | 'lessons' | 'notes' | 'attachments' | 'groupSyntheses'>(kind: K): NonNullable<ExportRecords[K]>[] =>
    all.map((records) => records[kind] ?? []);
  return {
    expedition: first.records.expedition,
    visits: latest(byId, lists('visits')),
    lessons: latest(byId, lists('lessons')),
    notes: latest(byId, lists('notes')),
    attachments: latest(byId, lists('attachments')),
    settings: first.records.settings,
    groupSyntheses: latest(byLesson, lists('groupSyntheses')),
  };
}

const byId = (record: { id: string }): string => record.id;
const byLesson = (synthesis: { lessonId: string }): string => synthesis.lessonId;

/** The most recently updated copy of each record, records matched by `key`. */
function latest<T extends { updatedAt?: number; createdAt?: number }>(key: (item: T) => string, lists: T[][]): T[] {
  const byKey = new Map<string, T>();
  const time = (item: T) => item.updatedAt ?? item.createdAt ?? 0;
  for (const item of lists.flat()) {
    const known = byKey.get(key(item));
    if (!known || time(item) > time(known)) byKey.set(key(item), item);
  }
  return [...byKey.values()];
}
