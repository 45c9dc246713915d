// The one entry to the import parsers: reads a file or folder, picks the parser, and
// always answers with a Result — nothing thrown ever leaves planImport.
//
// How a format is chosen: a folder is a set of notes; by extension .ics/.ical → calendar,
// .csv/.tsv → spreadsheet, .json → Carnet programme, .md/.markdown → lessons or notes
// (see chooseMarkdownKind), .carnet → backup (not supported yet); a .txt file, or any
// other extension, is recognised by its content (BEGIN:VCALENDAR, '{', else CSV for .txt).
import { stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { ImportPlan } from '../../shared/importPlan';
import { fail, type Result } from '../../shared/ipc';
import { extractHashtags } from '../../shared/text/hashtags';
import { parseCsv, type CsvColumnMapping } from './csv';
import { parseIcs, unfoldIcsBytes } from './ics';
import { outlineLessons, parseLessonsMarkdown } from './lessonsMarkdown';
import { badFormat, Deadline, ImportFailure, LIMITS } from './limits';
import { FRONT_MATTER, planNoteFile, planNotesFolder } from './notesMarkdown';
import type { ParseContext } from './plan';
import { parseProgrammeJson } from './programmeJson';
import { planCarnetBackup } from './carnetBackup';
import { decodeText, readBoundedFile, type TextInput } from './readInput';
import { isValidTimeZone, systemTimeZone } from './zonedTime';

export type MarkdownKind = 'notes' | 'lessons';

export interface PlanOptions {
  /** IANA zone for floating times; default: the system's. */
  timeZone?: string;
  /** Read a Markdown file as notes or as lessons, whatever it looks like. */
  markdownAs?: MarkdownKind;
  /** Time budget; default LIMITS.budgetMs. */
  budgetMs?: number;
  /** Hears of each extension of the budget (a large folder gets more time). */
  onBudgetExtended?: (ms: number) => void;
}

type Format = 'ics' | 'csv' | 'json' | 'markdown' | 'carnet';

export async function planImport(path: string, options: PlanOptions = {}): Promise<Result<ImportPlan>> {
  return guarded(path, options, async (context) => {
    const info = await stat(path).catch(() => null);
    if (info?.isDirectory()) return planNotesFolder(path, context);
    const bytes = await readBoundedFile(path);
    const format = chooseFormat(basename(path), bytes);
    if (format === 'carnet') return planCarnetBackup(bytes, basename(path), context);
    const input = decode(path, bytes, format);
    switch (format) {
      case 'ics':
        return parseIcs(input, context);
      case 'csv':
        return parseCsv(input, context);
      case 'json':
        return parseProgrammeJson(input, context);
      case 'markdown':
        return planMarkdown(input, context, options.markdownAs ?? chooseMarkdownKind(input.name, input.text));
    }
  });
}

/** The CSV programme again, with the columns the user picked in the mapping step. */
export async function planCsvWithMapping(path: string, mapping: Partial<CsvColumnMapping>, options: PlanOptions = {}): Promise<Result<ImportPlan>> {
  return guarded(path, options, async (context) => {
    const bytes = await readBoundedFile(path);
    return parseCsv(decode(path, bytes, 'csv'), context, mapping);
  });
}

/** A Markdown file holds notes when it has front matter, when its name starts with a date
 *  ('2024-11-20-…') or when it has #hashtags or images; lessons when its name says so
 *  ('lessons.md', 'enseignements.md', 'leçons.md'), or otherwise when it lists two lessons
 *  or more (headings, or list items); anything else is one note. */
export function chooseMarkdownKind(name: string, text: string): MarkdownKind {
  if (FRONT_MATTER.test(text)) return 'notes';
  const folded = name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (/lesson|lecon|enseignement|learning/.test(folded)) return 'lessons';
  if (/^\d{4}-\d{2}-\d{2}/.test(folded)) return 'notes';
  if (/!\[/.test(text) || extractHashtags(text.slice(0, LIMITS.maxNoteBytes)).length > 0) return 'notes';
  return outlineLessons(text).lessons.length >= 2 ? 'lessons' : 'notes';
}

async function planMarkdown(input: TextInput, context: ParseContext, kind: MarkdownKind): Promise<ImportPlan> {
  if (kind === 'lessons') return parseLessonsMarkdown(input, context);
  if (input.text.length > LIMITS.maxNoteBytes) {
    const kilobytes = Math.round(LIMITS.maxNoteBytes / 1024);
    throw new ImportFailure('fileTooLarge', `${input.name} is too large for a note (over ${kilobytes} KB).`, { name: input.name, kilobytes });
  }
  return planNoteFile(input.path, context, input);
}

function chooseFormat(name: string, bytes: Uint8Array): Format {
  const extension = extname(name).toLowerCase();
  switch (extension) {
    case '.ics':
    case '.ical':
    case '.icalendar':
      return 'ics';
    case '.csv':
    case '.tsv':
      return 'csv';
    case '.json':
      return 'json';
    case '.md':
    case '.markdown':
      return 'markdown';
    case '.carnet':
      return 'carnet';
  }
  const sniffed = sniffFormat(bytes);
  if (sniffed) return sniffed;
  if (extension === '.txt') return 'csv';
  throw badFormat(`Carnet cannot import ${extension || 'files without an extension'}: use .ics, .csv, .json or .md files, or a folder of notes.`, {
    extension,
  });
}

/** Recognises a calendar or a JSON document from its first bytes. */
function sniffFormat(bytes: Uint8Array): Format | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512)).replace(/^(\u00ef\u00bb\u00bf|\s)+/, '');
  if (/^BEGIN:VCALENDAR/i.test(head)) return 'ics';
  if (/^[{[]/.test(head)) return 'json';
  return null;
}

function decode(path: string, bytes: Uint8Array, format: Format): TextInput {
  const name = basename(path);
  return { path, name, ...decodeText(bytes, name, format === 'ics' ? unfoldIcsBytes : undefined) };
}

/** Runs a plan with its time budget, turning every failure into a Result. */
async function guarded(path: string, options: PlanOptions, plan: (context: ParseContext) => Promise<ImportPlan>): Promise<Result<ImportPlan>> {
  const timeZone = options.timeZone ?? systemTimeZone();
  if (!isValidTimeZone(timeZone)) return fail('badPayload', `Unknown time zone: ${timeZone.slice(0, 80)}.`, { timeZone: timeZone.slice(0, 80) });
  try {
    const value = await plan({ timeZone, deadline: new Deadline(options.budgetMs ?? LIMITS.budgetMs, options.onBudgetExtended) });
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ImportFailure) return { ok: false, error: error.toCarnetError() };
    // Deep recursion inside a library (a stack overflow) means a pathological file.
    if (error instanceof RangeError) return fail('badFormat', `${basename(path)} is nested too deeply to be read.`, { name: basename(path) });
    const reason = error instanceof Error ? `${error.name}: ${error.message}`.slice(0, 200) : String(error).slice(0, 200);
    return fail('internal', `Something went wrong while reading ${basename(path)}.`, { name: basename(path), reason });
  }
}

export type { CsvColumnMapping } from './csv';
