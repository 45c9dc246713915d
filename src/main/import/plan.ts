// What every parser shares: the options it runs with and an empty plan to fill.
import type { ImportFormat, ImportIssue, ImportPlan } from '../../shared/importPlan';
import { printable } from '../../shared/text/printable';
import type { Deadline } from './limits';

export interface ParseContext {
  /** IANA zone in which floating times (no zone, no offset) are read. */
  timeZone: string;
  deadline: Deadline;
}

export function emptyPlan(format: ImportFormat, encoding: string, name: string): ImportPlan {
  return { source: { format, encoding, name }, visits: [], lessons: [], notes: [], warnings: [], skipped: [], itemCount: 0 };
}

export function issue(code: ImportIssue['code'], message: string, detail?: ImportIssue['detail']): ImportIssue {
  return detail ? { code, message: printable(message), detail } : { code, message: printable(message) };
}

/** Items found = imported + skipped (the parsers put failed items among the skipped). */
export function countItems(plan: ImportPlan): number {
  return plan.visits.length + plan.lessons.length + plan.notes.length + plan.skipped.length;
}

/** A value from a file, trimmed, or null when there is nothing in it. */
export function textOrNull(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}
