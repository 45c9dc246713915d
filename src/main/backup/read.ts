// Reads a .carnet backup back into records: the manifest first (format, version, the list
// of files and their SHA-256), then every file it lists, each checked; the records are
// validated by the same schemas the IPC gate uses. Any doubt refuses the whole backup.
// openBackup checks the photos without keeping them (inspect, journal); readBackup keeps
// them all, for the renderer.
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { z } from 'zod';
import {
  attachmentMetaSchema,
  groupSynthesisSchema,
  expeditionSchema,
  extensionOfMime,
  lessonSchema,
  noteSchema,
  settingSchema,
  visitSchema,
  type AttachmentMeta,
  type AttachmentVariant,
  type ExportRecords,
} from '../../shared/journal/records';
import { attachmentPath, BACKUP_FORMAT, BACKUP_LIMITS, BACKUP_VERSION, MANIFEST_PATH, manifestSchema, RECORD_FILES, type Manifest } from './format';
import { BackupError, bytesSource, fileSource, readCentralDirectory, readEntry, unpackEntry, type Budget, type ZipEntry, type ZipSource } from './zipReader';

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

/** A backup whose records are read and every file checked, its photos read one at a
 *  time when asked for: what it unpacks to is never all in memory at once. */
export interface OpenBackup {
  manifest: Manifest;
  records: ExportRecords;
  /** The photo's bytes, checked again as they are read; null when it has no such copy. */
  readAttachment(meta: AttachmentMeta, variant: AttachmentVariant): Promise<Uint8Array | null>;
  close(): Promise<void>;
}

export interface ReadOptions {
  /** Checked while files are unpacked; the importers' time budget. */
  budget?: Budget;
}

/** Opens and checks a backup given as bytes or as a path: every photo is unpacked once
 *  to check its SHA-256, and let go. Throws BackupError; close it when done. */
export async function openBackup(input: Uint8Array | string, options: ReadOptions = {}): Promise<OpenBackup> {
  const reader = await BackupReader.open(input, options.budget);
  try {
    const { manifest, records } = await reader.readRecords();
    for (const meta of records.attachments) {
      const paths = attachmentPaths(meta);
      await reader.check(paths.original);
      if (paths.display) await reader.check(paths.display);
    }
    return {
      manifest,
      records,
      readAttachment: async (meta, variant) => {
        const path = attachmentPaths(meta)[variant];
        return path ? reader.read(path) : null;
      },
      close: () => reader.close(),
    };
  } catch (error) {
    await reader.close();
    throw error;
  }
}

/** Reads and checks a backup, photos included, all in memory: what the renderer is sent
 *  to restore or merge it in one transaction. Throws BackupError. */
export async function readBackup(input: Uint8Array | string, options: ReadOptions = {}): Promise<Backup> {
  const reader = await BackupReader.open(input, options.budget);
  try {
    const { manifest, records } = await reader.readRecords();
    const attachments: BackupAttachment[] = [];
    for (const meta of records.attachments) {
      const paths = attachmentPaths(meta);
      attachments.push({ meta, original: await reader.read(paths.original), display: paths.display ? await reader.read(paths.display) : null });
    }
    return { manifest, records, attachments };
  } finally {
    await reader.close();
  }
}

/** Where a photo's original and display copy sit in the backup. */
function attachmentPaths(meta: AttachmentMeta): { original: string; display: string | null } {
  return {
    original: attachmentPath(meta.id, 'original', extensionOfMime(meta.mime)),
    display: meta.displayMime ? attachmentPath(meta.id, 'display', extensionOfMime(meta.displayMime)) : null,
  };
}

/** The files of one backup, each read only as the manifest lists it and checked. */
class BackupReader {
  private listed = new Map<string, Manifest['files'][number]>();

  private constructor(
    private readonly source: ZipSource,
    private readonly entries: Map<string, ZipEntry>,
    private readonly budget: Budget | undefined,
  ) {}

  static async open(input: Uint8Array | string, budget?: Budget): Promise<BackupReader> {
    let source: ZipSource;
    if (typeof input === 'string') {
      const info = await stat(input).catch(() => null);
      if (!info?.isFile()) throw new BackupError('notZip', 'The backup file cannot be read.');
      source = await fileSource(input);
    } else {
      source = bytesSource(input);
    }
    try {
      const entries = new Map<string, ZipEntry>();
      for (const entry of await readCentralDirectory(source)) {
        if (entries.has(entry.path)) throw new BackupError('corrupt', `The backup holds ${entry.path.slice(0, 200)} twice.`);
        entries.set(entry.path, entry);
      }
      return new BackupReader(source, entries, budget);
    } catch (error) {
      await source.close();
      throw error;
    }
  }

  close(): Promise<void> {
    return this.source.close();
  }

  async readRecords(): Promise<{ manifest: Manifest; records: ExportRecords }> {
    const manifestEntry = this.entries.get(MANIFEST_PATH);
    if (!manifestEntry) throw new BackupError('badManifest', 'This zip is not a Carnet backup: it has no manifest.');
    if (manifestEntry.size > BACKUP_LIMITS.maxEntryBytes / 4) throw new BackupError('tooLarge', 'The backup’s manifest is too large.');
    const manifest = parseManifest(await readEntry(this.source, manifestEntry, this.budget));
    this.listed = new Map(manifest.files.map((file) => [file.path, file]));
    for (const path of this.entries.keys()) {
      if (path !== MANIFEST_PATH && !this.listed.has(path))
        throw new BackupError('unexpectedFile', `The backup holds a file its manifest does not list: ${path.slice(0, 200)}.`);
    }
    const records: ExportRecords = {
      expedition: await this.readJson(RECORD_FILES.expedition, expeditionSchema),
      visits: await this.readJson(RECORD_FILES.visits, z.array(visitSchema)),
      lessons: await this.readJson(RECORD_FILES.lessons, z.array(lessonSchema)),
      notes: await this.readJson(RECORD_FILES.notes, z.array(noteSchema)),
      attachments: await this.readJson(RECORD_FILES.attachments, z.array(attachmentMetaSchema)),
      settings: await this.readJson(RECORD_FILES.settings, z.array(settingSchema)),
      groupSyntheses: this.listed.has(RECORD_FILES.groupSyntheses)
        ? await this.readJson(RECORD_FILES.groupSyntheses, z.array(groupSynthesisSchema))
        : undefined,
    };
    if (records.expedition.id !== manifest.expeditionId) throw new BackupError('badRecords', 'The backup’s expedition does not match its manifest.');
    return { manifest, records };
  }

  /** A listed file's bytes, checked against the manifest's size and SHA-256. */
  async read(path: string): Promise<Uint8Array> {
    const entry = this.listedEntry(path);
    const bytes = await readEntry(this.source, entry, this.budget);
    this.compare(path, bytes.byteLength, createHash('sha256').update(bytes).digest('hex'));
    return bytes;
  }

  /** The same checks as read, the bytes hashed as they are unpacked and let go. */
  async check(path: string): Promise<void> {
    const entry = this.listedEntry(path);
    const hash = createHash('sha256');
    let size = 0;
    await unpackEntry(
      this.source,
      entry,
      (piece) => {
        hash.update(piece);
        size += piece.byteLength;
      },
      this.budget,
    );
    this.compare(path, size, hash.digest('hex'));
  }

  private listedEntry(path: string): ZipEntry {
    const entry = this.entries.get(path);
    if (!this.listed.has(path) || !entry) throw new BackupError('missingFile', `The backup lacks ${path.slice(0, 200)}.`);
    return entry;
  }

  private compare(path: string, size: number, sha256: string): void {
    const file = this.listed.get(path);
    if (size !== file?.size || sha256 !== file.sha256)
      throw new BackupError('badChecksum', `${path.slice(0, 200)} does not match its checksum: the backup was altered or damaged.`);
  }

  private async readJson<T>(path: string, schema: z.ZodType<T>): Promise<T> {
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(await this.read(path)));
    } catch (error) {
      // Not UTF-8 (TypeError) or not JSON; anything else (the budget spent) goes on up.
      if (error instanceof SyntaxError || error instanceof TypeError || error instanceof RangeError)
        throw new BackupError('badRecords', `${path} is not valid JSON.`);
      throw error;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      // The first problem and where it is: "visits.json holds invalid records: a time out of range (at [3].start)".
      const [first] = parsed.error.issues;
      const at =
        first && first.path.length > 0
          ? ` (at ${first.path
              .map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`))
              .join('')
              .replace(/^\./, '')})`
          : '';
      throw new BackupError('badRecords', `${path} holds invalid records: ${first?.message ?? 'unreadable'}${at}.`);
    }
    return parsed.data;
  }
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
