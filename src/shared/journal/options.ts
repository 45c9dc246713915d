// What the user chooses in the export dialog (and the CLI's flags): scope, structure,
// what to include, title, author and language. Light on purpose: the IPC contract (and so
// the preload) imports it.
import { z } from 'zod';
import type { Locale } from '../model';
import type { ExportRecords } from './records';

export const journalOptionsSchema = z
  .object({
    /** null: the whole expedition; otherwise the chosen visits. */
    visitIds: z.array(z.string().min(1).max(200)).max(100_000).nullable(),
    /** 'book': the expedition's book (a summary, the lessons, the visits), for everyone's notes. */
    structure: z.enum(['visitsThenLessons', 'lessonsOnly', 'book']),
    photos: z.boolean(),
    passages: z.boolean(),
    synthesis: z.boolean(),
    tagIndex: z.boolean(),
    title: z.string().max(500),
    author: z.string().max(500),
    language: z.enum(['fr', 'en']),
  })
  .strict();

export type JournalOptions = z.infer<typeof journalOptionsSchema>;

export function defaultJournalOptions(records: Pick<ExportRecords, 'expedition'>, language: Locale): JournalOptions {
  return {
    visitIds: null,
    structure: 'visitsThenLessons',
    photos: true,
    passages: true,
    synthesis: true,
    tagIndex: true,
    title: records.expedition.title,
    author: records.expedition.participant,
    language,
  };
}
