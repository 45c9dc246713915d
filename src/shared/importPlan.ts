// What an import would create, as main's parsers describe it and the renderer previews it
// before applying it in one transaction. The CLI's `inspect` prints the same shape (see
// the README): times are ISO 8601 with a UTC offset, or 'YYYY-MM-DD' for all-day visits.
import type { ErrorCode } from './ipc';

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
  /** The note body as Markdown (front matter removed), converted to Lexical state on apply. */
  markdown: string;
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
  | 'missingImage';

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
}
