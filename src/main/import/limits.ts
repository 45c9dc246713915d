// Bounds that keep every importer finite, and the one error type parsers throw for a
// file they cannot read. planImport catches it and turns it into a Result.
import type { CarnetError, ErrorCode } from '../../shared/ipc';
import { printable } from '../../shared/text/printable';

export const LIMITS = {
  /** Largest file read at all (the bound). */
  maxFileBytes: 100 * 1024 * 1024,
  /** A programme rarely has more than a few dozen visits; this is far beyond any real one. */
  maxVisits: 5_000,
  maxLessons: 1_000,
  maxNotes: 10_000,
  /** Lexical conversion costs ~0.1 ms per block: a bigger note is skipped, not converted. */
  maxNoteBytes: 512 * 1024,
  maxLessonDescriptionChars: 8_000,
  /** Content lines of a calendar (after unfolding): 5,000 events of 50 lines. */
  maxIcsLines: 250_000,
  /** ical.js reads a property's parameters in quadratic time. */
  maxIcsParameters: 100,
  /** Occurrences kept from one repeating calendar event. */
  maxOccurrencesPerEvent: 100,
  /** Dates ical.js may try while expanding one repeating event: a rule that matches
   *  nothing (FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30) is otherwise stepped through for
   *  ever. A daily rule needs at most 366 to cover a year, an hourly one 8,784. */
  maxRecurrenceSteps: 100_000,
  /** Nesting of JSON arrays/objects; Carnet's own format needs 4. */
  maxJsonDepth: 64,
  /** Time allowed per note of a folder, on top of budgetMs (a 10,000-note vault). */
  budgetPerNoteMs: 4,
  /** Time allowed per megabyte of a backup read outside an import (journal, restore), on
   *  top of budgetMs: backups of photos reach gigabytes; they are checked at ~200 MB/s. */
  budgetPerMegabyteMs: 20,
  /** Folder walk: how deep, and how many entries looked at in all. */
  maxFolderDepth: 32,
  maxFolderEntries: 50_000,
  /** Wall-clock budget of one planImport, so the CLI answers within 10 s. */
  budgetMs: 8_000,
  /** A plan run in a worker thread (isolated.ts) is stopped this long after its budget,
   *  counted from the worker's start, if the budget did not stop it from inside: the
   *  time to hand back a plan just finished. The CLI thus answers within 9 s. */
  workerGraceMs: 500,
  /** The worker's JavaScript heap, far above need (a 10,000-note vault: under 256 MB). */
  workerMemoryMb: 1_024,
} as const;

/** A file that cannot be imported, with a code the renderer translates. */
export class ImportFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly detail?: CarnetError['detail'],
  ) {
    super(printable(message));
    this.name = 'ImportFailure';
  }

  toCarnetError(): CarnetError {
    return this.detail ? { code: this.code, message: this.message, detail: this.detail } : { code: this.code, message: this.message };
  }
}

export function badFormat(message: string, detail?: CarnetError['detail']): ImportFailure {
  return new ImportFailure('badFormat', message, detail);
}

/** Thrown when the time budget is spent: it ends the whole import, not just one item. */
export class GaveUp extends ImportFailure {}

export function gaveUp(budgetMs: number): GaveUp {
  const seconds = Math.round(budgetMs / 1000);
  return new GaveUp('badFormat', `Gave up after ${seconds} s: the file is too large or too complex to read.`, { seconds });
}

/** A point in time after which a parser gives up; checked in every loop over items. */
export class Deadline {
  private endsAt: number;

  /** `onExtend` hears of every extension (a worker's host moves its own limit). */
  constructor(
    public budgetMs: number = LIMITS.budgetMs,
    private readonly onExtend?: (ms: number) => void,
  ) {
    // A monotonic clock: a system clock set back must not lift the bound.
    this.endsAt = performance.now() + budgetMs;
  }

  /** More time for a large but legitimate import (a vault of thousands of notes): the
   *  bound grows with what was found, so it still ends. */
  extend(ms: number): void {
    this.budgetMs += ms;
    this.endsAt += ms;
    this.onExtend?.(ms);
  }

  /** The budget of reading files of `bytes` in all (backups). */
  static forBytes(bytes: number): Deadline {
    const deadline = new Deadline();
    deadline.extend(Math.ceil(bytes / (1024 * 1024)) * LIMITS.budgetPerMegabyteMs);
    return deadline;
  }

  check(): void {
    if (performance.now() > this.endsAt) throw gaveUp(this.budgetMs);
  }
}

export function tooMany(what: string, limit: number): ImportFailure {
  return badFormat(`The file holds more than ${limit} ${what}; that is more than Carnet imports at once.`, { limit });
}
