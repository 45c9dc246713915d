// The records an export carries from the renderer to main, and a backup carries from one
// profile to another: the model's types, attachments without their bytes (those travel
// one by one, or as files of the backup zip). One zod schema each, used by the IPC gate
// and by readBackup, so both refuse the same malformed records.
import { z } from 'zod';
import { maxNestingDepth } from '../jsonDepth';
import { NOTE_KINDS, type Attachment } from '../model';
import { isValidTimeZone } from '../time';

/** Record ids are written into the journal's anchors and the backup's paths: only letters,
 *  digits, '-' and '_' (a UUID, as Carnet makes them, passes). */
const RECORD_ID = /^[A-Za-z0-9_-]{1,200}$/;
const id = z.string().regex(RECORD_ID, 'an id with characters other than letters, digits, - and _');
const text = (max: number) => z.string().max(max);
/** Epoch milliseconds a Date can hold (±100,000,000 days around 1970). */
const epoch = z.number().min(-8.64e15, 'a time out of range').max(8.64e15, 'a time out of range');
const calendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((date) => {
    const noon = Date.parse(`${date}T12:00:00Z`);
    return !Number.isNaN(noon) && new Date(noon).toISOString().slice(0, 10) === date;
  }, 'a date that does not exist');
/** A Lexical state no deeper than this (a list nested 100 levels is about 400): the journal
 *  and the editor walk it recursively. */
export const MAX_STATE_DEPTH = 400;
const lexicalState = text(20_000_000).refine(
  (state) => maxNestingDepth(state, MAX_STATE_DEPTH) <= MAX_STATE_DEPTH,
  `a document nested more than ${MAX_STATE_DEPTH} levels deep`,
);

export const expeditionSchema = z.object({
  id,
  title: text(500),
  place: text(500),
  startDate: calendarDate.nullable(),
  endDate: calendarDate.nullable(),
  timeZone: text(100).refine(isValidTimeZone, 'an unknown time zone'),
  participant: text(500),
  createdAt: epoch,
  updatedAt: epoch,
});

export const visitSchema = z.object({
  id,
  expeditionId: id,
  title: text(1000),
  organisation: text(1000),
  allDay: z.boolean(),
  start: epoch,
  end: epoch.nullable(),
  date: calendarDate.nullable(),
  endDate: calendarDate.nullable(),
  location: text(1000),
  speakers: z.array(z.object({ name: text(500), role: text(500) })).max(200),
  description: text(100_000),
  createdAt: epoch,
  updatedAt: epoch,
  deletedAt: epoch.nullable(),
});

export const noteSchema = z.object({
  id,
  expeditionId: id,
  visitId: id,
  kind: z.enum(NOTE_KINDS),
  title: text(1000),
  speaker: text(500),
  state: lexicalState,
  text: text(10_000_000),
  tags: z.array(text(500)).max(10_000),
  lessonIds: z.array(id).max(10_000),
  passageLessonIds: z.array(id).max(10_000),
  pinned: z.boolean(),
  author: text(500),
  /** In a shared expedition, the participant who wrote it (kept, so that a restored
   *  backup does not make everyone's notes this notebook's). */
  authorId: id.optional(),
  createdAt: epoch,
  updatedAt: epoch,
  deletedAt: epoch.nullable(),
});

export const lessonSchema = z.object({
  id,
  expeditionId: id,
  title: text(1000),
  description: text(100_000),
  color: text(100),
  order: z.number().finite(),
  synthesis: lexicalState,
  createdAt: epoch,
  updatedAt: epoch,
});

/** An attachment's record without its bytes; `displayMime` is null when it has no
 *  display copy (the original is small enough). */
export const attachmentMetaSchema = z.object({
  id,
  expeditionId: id,
  noteId: id,
  name: text(1000),
  mime: text(200),
  size: z.number().int().nonnegative(),
  width: z.number().nonnegative(),
  height: z.number().nonnegative(),
  displayMime: text(200).nullable(),
  caption: text(10_000),
  capturedAt: epoch.nullable(),
  createdAt: epoch,
});

export const settingSchema = z.object({ key: text(200), value: z.unknown() });

/** The group's synthesis of a lesson, written together in a shared expedition. */
export const groupSynthesisSchema = z.object({
  lessonId: id,
  expeditionId: id,
  state: lexicalState,
  updatedAt: epoch,
});

export const exportRecordsSchema = z.object({
  expedition: expeditionSchema,
  visits: z.array(visitSchema).max(100_000),
  lessons: z.array(lessonSchema).max(10_000),
  notes: z.array(noteSchema).max(1_000_000),
  attachments: z.array(attachmentMetaSchema).max(1_000_000),
  settings: z.array(settingSchema).max(1_000),
  /** Absent from backups written before group syntheses existed. */
  groupSyntheses: z.array(groupSynthesisSchema).max(10_000).optional(),
});

export type AttachmentMeta = z.infer<typeof attachmentMetaSchema>;
export type ExportRecords = z.infer<typeof exportRecordsSchema>;

/** The record of an attachment as the model stores it, minus the bytes. */
export function attachmentMeta(attachment: Attachment): AttachmentMeta {
  const { blob: _blob, display, ...rest } = attachment;
  return { ...rest, displayMime: display ? display.type || 'image/jpeg' : null };
}

/** Which stored copy of a photo: the bytes as imported, or the ≤ 2,000 px copy. */
export type AttachmentVariant = 'original' | 'display';

/** The copy a journal prints: the display copy when there is one. */
export function printedVariant(attachment: AttachmentMeta): AttachmentVariant {
  return attachment.displayMime ? 'display' : 'original';
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'image/avif': 'avif',
  'image/heic': 'heic',
};

export function extensionOfMime(mime: string): string {
  return EXTENSIONS[mime] ?? 'bin';
}

export function variantMime(attachment: AttachmentMeta, variant: AttachmentVariant): string {
  return variant === 'display' ? (attachment.displayMime ?? attachment.mime) : attachment.mime;
}
