// Reads a .carnet backup back into records: the manifest first (format, version, the list
// of files and their SHA-256), then every file it lists, each checked; the records are
// validated by the same schemas the IPC gate uses. Any doubt refuses the whole backup.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import {
  attachmentMetaSchema,
  expeditionSchema,
  extensionOfMime,
  lessonSchema,
  noteSchema,
  settingSchema,
  visitSchema,
  type AttachmentMeta,
  type ExportRecords,
} from '../../shared/journal/records';
import { attachmentPath, BACKUP_FORMAT, BACKUP_LIMITS, BACKUP_VERSION, MANIFEST_PATH, manifestSchema, RECORD_FILES, type Manifest } from './format';
import { BackupError, bytesSource, fileSource, readCentralDirectory, readEntry, type ZipEntry, type ZipSource } from './zipReader';

export { BackupError, type BackupErrorCode } from './zipReader';

export interface BackupAttachment {
  meta: AttachmentMeta;
  /** The bytes as imported, bit for bit. */
  original: Uint8Array;
  /** The ≤ 2,000 px copy, when the original is larger. */
  display: Uint8Array | null;
}

export interface Backup {
  manifest: Manifest;
  records: ExportRecords;
  attachments: BackupAttachment[];
}

/** Reads and checks a backup given as bytes or as a path. Throws BackupError. */
export async function readBackup(input: Uint8Array | string): Promise<Backup> {
  let source: ZipSource;
  if (typeof input === 'string') {
    const info = await stat(input).catch(() => null);
    if (!info?.isFile()) throw new BackupError('notZip', 'The backup file cannot be read.');
    source = await fileSource(input);
  } else {
    source = bytesSource(input);
  }
  try {
    return await readFromSource(source);
  } finally {
    await source.close();
  }
}

async function readFromSource(source: ZipSource): Promise<Backup> {
  const entries = new Map<string, ZipEntry>();
  for (const entry of await readCentralDirectory(source)) {
    if (entries.has(entry.path)) throw new BackupError('corrupt', `The backup holds ${entry.path.slice(0, 200)} twice.`);
    entries.set(entry.path, entry);
  }
  const manifestEntry = entries.get(MANIFEST_PATH);
  if (!manifestEntry) throw new BackupError('badManifest', 'This zip is not a Carnet backup: it has no manifest.');
  if (manifestEntry.size > BACKUP_LIMITS.maxEntryBytes / 4) throw new BackupError('tooLarge', 'The backup’s manifest is too large.');
  const manifest = parseManifest(await readEntry(source, manifestEntry));

  const listed = new Map(manifest.files.map((file) => [file.path, file]));
  for (const path of entries.keys()) {
    if (path !== MANIFEST_PATH && !listed.has(path)) throw new BackupError('unexpectedFile', `The backup holds a file its manifest does not list: ${path.slice(0, 200)}.`);
  }
  const readChecked = async (path: string): Promise<Uint8Array> => {
    const file = listed.get(path);
    const entry = entries.get(path);
    if (!file || !entry) throw new BackupError('missingFile', `The backup lacks ${path.slice(0, 200)}.`);
    const bytes = await readEntry(source, entry);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    if (bytes.byteLength !== file.size || sha256 !== file.sha256) throw new BackupError('badChecksum', `${path.slice(0, 200)} does not match its checksum: the backup was altered or damaged.`);
    return bytes;
  };
  const readJson = async <T>(path: string, schema: z.ZodType<T>): Promise<T> => {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await readChecked(path)));
    } catch (error) {
      if (error instanceof BackupError) throw error;
      throw new BackupError('badRecords', `${path} is not valid JSON.`);
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      // The first problem and where it is: "visits.json holds invalid records: a time out of range (at [3].start)".
      const [first] = parsed.error.issues;
      const at = first && first.path.length > 0 ? ` (at ${first.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('').replace(/^\./, '')})` : '';
      throw new BackupError('badRecords', `${path} holds invalid records: ${first?.message ?? 'unreadable'}${at}.`);
    }
    return parsed.data;
  };

  const records: ExportRecords = {
    expedition: await readJson(RECORD_FILES.expedition, expeditionSchema),
    visits: await readJson(RECORD_FILES.visits, z.array(visitSchema)),
    lessons: await readJson(RECORD_FILES.lessons, z.array(lessonSchema)),
    notes: await readJson(RECORD_FILES.notes, z.array(noteSchema)),
    attachments: await readJson(RECORD_FILES.attachments, z.array(attachmentMetaSchema)),
    settings: await readJson(RECORD_FILES.settings, z.array(settingSchema)),
  };
  if (records.expedition.id !== manifest.expeditionId) throw new BackupError('badRecords', 'The backup’s expedition does not match its manifest.');

  const attachments: BackupAttachment[] = [];
  for (const meta of records.attachments) {
    const original = await readChecked(attachmentPath(meta.id, 'original', extensionOfMime(meta.mime)));
    const display = meta.displayMime ? await readChecked(attachmentPath(meta.id, 'display', extensionOfMime(meta.displayMime))) : null;
    attachments.push({ meta, original, display });
  }
  return { manifest, records, attachments };
}

function parseManifest(bytes: Uint8Array): Manifest {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new BackupError('badManifest', 'The backup’s manifest is not valid JSON.');
  }
  const format = (value as { format?: unknown } | null)?.format;
  const version = (value as { version?: unknown } | null)?.version;
  if (format !== BACKUP_FORMAT) throw new BackupError('badManifest', 'This zip is not a Carnet backup.');
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new BackupError('unsupportedVersion', `This backup was made by a newer Carnet (format version ${version}); update Carnet to read it.`);
  }
  const parsed = manifestSchema.safeParse(value);
  if (!parsed.success) throw new BackupError('badManifest', 'The backup’s manifest is malformed.');
  return parsed.data;
}
