// What an import would create, as main's parsers describe it and the renderer previews it
// before applying it in one transaction. The CLI's `inspect` prints the same shape (see
// the README): times are ISO 8601 with a UTC offset, or 'YYYY-MM-DD' for all-day visits.
import type { ErrorCode } from './result';

export type ImportFormat = 'ics' | 'csv' | 'json' | 'markdown' | 'carnet';

export interface PlannedSpeaker {
  name: string;
  role: string;
}

export interface PlannedVisit {
  title: string;
  organisation: string | null;
  /** '2024-11-20T09:15:00+01:00', or '2024-11-19' for an all-day visit; null if unknown. */
  start: string | null;
  /** Like start; for an all-day visit, its last day, inclusive (an ICS DTEND minus one day). */
  end: string | null;
  allDay: boolean;
  location: string | null;
  description: string | null;
  speakers: PlannedSpeaker[];
}

export interface PlannedLesson {
  title: string;
  description: string | null;
}

export interface PlannedAttachment {
  /** The id its attachment record will have: the note's state already points at it. */
  id: string;
  /** Path of the image file as found (absolute, or inside the archive). */
  path: string;
  name: string;
  mime: string;
}

export interface PlannedNote {
  title: string | null;
  /** Title of the visit it belongs to, from front matter or matched by date; null if none. */
  visit: string | null;
  createdAt: string | null;
  tags: string[];
  /** Lesson titles. */
  lessons: string[];
  /** Plain text of the note. */
  text: string;
  /** The note as it will be stored: serialised Lexical state, converted once from its
   *  Markdown (front matter's tags as hashtags, its photos at the end). */
  state: string;
  attachments: PlannedAttachment[];
  /** The file it came from, for the preview and the report. */
  source: string;
}

/** A warning or a skipped item, translatable: the renderer shows `importWarnings.<code>`. */
export interface ImportIssue {
  code: ErrorCode | ImportIssueCode;
  message: string;
  detail?: Record<string, string | number>;
}

export type ImportIssueCode =
  | 'cancelledEvent'
  | 'skippedItem'
  | 'unknownColumns'
  | 'noDate'
  | 'badDate'
  | 'missingImage'
  | 'imageOutsideFolder'
  | 'recurrenceTruncated'
  | 'unknownTimeZone'
  | 'duplicateItem';

/** The columns a programme spreadsheet can fill, in the order the mapping step shows them. */
export const CSV_FIELDS = ['title', 'organisation', 'date', 'start', 'end', 'endDate', 'location', 'description'] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

/** For a CSV programme: its columns and which holds what. When `recognised` is false the
 *  plan has no visits and the preview asks the user to map the columns, then main plans
 *  again with that mapping (planCsvWithMapping). */
export interface CsvMapping {
  headers: string[];
  /** The first rows as they are in the file, to show beside the headers. */
  sampleRows: string[][];
  /** Column index holding each field, or null when none does. */
  mapping: Record<CsvField, number | null>;
  recognised: boolean;
}

/** What Carnet's JSON programme says about the expedition itself. */
export interface PlannedExpedition {
  title: string | null;
  place: string | null;
  timeZone: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface ImportPlan {
  source: { format: ImportFormat; encoding: string; name: string };
  visits: PlannedVisit[];
  lessons: PlannedLesson[];
  notes: PlannedNote[];
  warnings: ImportIssue[];
  /** Items of the file that will not be imported, each with its reason. */
  skipped: ImportIssue[];
  /** Items found in the file: imported + skipped + failed add up to it. */
  itemCount: number;
  /** CSV programmes only: the columns, for the mapping step. */
  csvMapping?: CsvMapping;
  /** Carnet JSON programmes only. */
  expedition?: PlannedExpedition;
}
