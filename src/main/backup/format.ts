// The Carnet backup (.carnet): a zip holding one expedition's records as JSON, each
// attachment's original bytes and display copy, and manifest.json listing every other
// file with its SHA-256. docs/backup-format.md describes it for other programs.
import { z } from 'zod';

export const BACKUP_FORMAT = 'carnet-backup';
export const BACKUP_VERSION = 1;
export const MANIFEST_PATH = 'manifest.json';

/** The record files, by what they hold. */
export const RECORD_FILES = {
  expedition: 'expedition.json',
  visits: 'visits.json',
  lessons: 'lessons.json',
  notes: 'notes.json',
  attachments: 'attachments.json',
  settings: 'settings.json',
  /** Optional: backups written before group syntheses existed have none. */
  groupSyntheses: 'group-syntheses.json',
} as const;

export const manifestSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.number().int().positive(),
    appVersion: z.string().max(100),
    createdAt: z.string().max(40),
    expeditionId: z.string().min(1).max(200),
    files: z
      .array(
        z
          .object({
            path: z.string().min(1).max(500),
            size: z.number().int().nonnegative(),
            sha256: z.string().regex(/^[0-9a-f]{64}$/),
          })
          .strict(),
      )
      .max(2_000_010),
  })
  .passthrough();

export type Manifest = z.infer<typeof manifestSchema>;

export function attachmentPath(id: string, variant: 'original' | 'display', extension: string): string {
  return `attachments/${id}/${variant}.${extension}`;
}

/** Limits that keep a hostile file from filling memory or disk (zip bombs). */
export const BACKUP_LIMITS = {
  /** The whole backup, unpacked. */
  maxTotalBytes: 4 * 1024 * 1024 * 1024,
  /** One file, unpacked (a photo is at most 50 MB; notes.json of 100,000 notes fits). */
  maxEntryBytes: 1024 * 1024 * 1024,
  maxEntries: 500_000,
  /** Unpacked / packed, for files big enough to matter: deflate rarely passes 20 on
   *  text; a bomb is above 1,000. */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
};
