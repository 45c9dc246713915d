// A careful reader of zip files for backups: it reads the central directory first and
// refuses, before unpacking anything, entries with absolute or `..` paths, symbolic
// links, encryption, zip64, entries that share or overlap bytes, and sizes or ratios that
// announce a zip bomb. Each entry is then unpacked a slice at a time, never past its
// declared size, and checked against its CRC-32.
import { open } from 'node:fs/promises';
import { crc32, inflateRawSync } from 'node:zlib';
import { Inflate } from 'fflate';
import { printable } from '../../shared/text/printable';
import { BACKUP_LIMITS } from './format';

export type BackupErrorCode =
  | 'notZip'
  | 'truncated'
  | 'unsafePath'
  | 'symlink'
  | 'encrypted'
  | 'unsupported'
  | 'tooLarge'
  | 'zipBomb'
  | 'corrupt'
  | 'badManifest'
  | 'unsupportedVersion'
  | 'missingFile'
  | 'unexpectedFile'
  | 'badChecksum'
  | 'badRecords';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(printable(message));
    this.name = 'BackupError';
  }
}

export interface ZipEntry {
  path: string;
  method: number;
  crc32: number;
  compressedSize: number;
  size: number;
  localHeaderOffset: number;
  /** Where the next entry's header, or the central directory, starts: this entry's
   *  bytes must end before it. */
  dataEnd: number;
}

/** A time budget checked while unpacking (the importers' Deadline is one). */
export interface Budget {
  check(): void;
}

/** Random access to the bytes of a zip, in memory or on disk. */
export interface ZipSource {
  size: number;
  read(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

export function bytesSource(bytes: Uint8Array): ZipSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(offset, Math.min(bytes.byteLength, offset + length)),
    close: async () => undefined,
  };
}

export async function fileSource(path: string): Promise<ZipSource> {
  const handle = await open(path, 'r');
  const { size } = await handle.stat();
  return {
    size,
    read: async (offset, length) => {
      const buffer = new Uint8Array(Math.max(0, Math.min(length, size - offset)));
      const { bytesRead } = await handle.read(buffer, 0, buffer.byteLength, offset);
      return buffer.subarray(0, bytesRead);
    },
    close: () => handle.close(),
  };
}

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const UNIX_HOST = 3;
const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;

const view = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** Refuses what could escape the folder an entry is unpacked to. */
export function checkEntryPath(path: string): void {
  const unsafe =
    path === '' ||
    path.includes('\0') ||
    path.includes('\\') ||
    path.startsWith('/') ||
    /^[A-Za-z]:/.test(path) ||
    path.split('/').some((segment, index, all) => segment === '..' || segment === '.' || (segment === '' && index < all.length - 1));
  if (unsafe) throw new BackupError('unsafePath', `The backup holds a file with an unsafe path: ${JSON.stringify(path.slice(0, 200))}.`);
}

export async function readCentralDirectory(source: ZipSource): Promise<ZipEntry[]> {
  const tailLength = Math.min(source.size, 22 + 0xffff);
  const tail = await source.read(source.size - tailLength, tailLength);
  let eocd = -1;
  for (let at = tail.byteLength - 22; at >= 0; at--) {
    if (view(tail).getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) {
    const head = await source.read(0, 4);
    const looksLikeZip = head.byteLength === 4 && view(head).getUint32(0, true) === LOCAL_SIGNATURE;
    throw looksLikeZip
      ? new BackupError('truncated', 'The backup is truncated: its end is missing.')
      : new BackupError('notZip', 'This file is not a Carnet backup (not a zip).');
  }
  const end = view(tail);
  const count = end.getUint16(eocd + 10, true);
  const directorySize = end.getUint32(eocd + 12, true);
  const directoryOffset = end.getUint32(eocd + 16, true);
  if (count === 0xffff || directorySize === 0xffffffff || directoryOffset === 0xffffffff) {
    throw new BackupError('unsupported', 'Backups larger than 4 GB (zip64) are not supported.');
  }
  if (count > BACKUP_LIMITS.maxEntries) throw new BackupError('tooLarge', 'The backup holds too many files.');
  if (directoryOffset + directorySize > source.size) throw new BackupError('truncated', 'The backup is truncated.');

  const directory = await source.read(directoryOffset, directorySize);
  const data = view(directory);
  const entries: ZipEntry[] = [];
  /** Where each entry, folders included, starts and the least room its bytes take. */
  const spans: Array<{ offset: number; length: number; entry?: ZipEntry }> = [];
  let total = 0;
  let at = 0;
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.byteLength || data.getUint32(at, true) !== CENTRAL_SIGNATURE)
      throw new BackupError('corrupt', 'The backup’s list of files is damaged.');
    const host = data.getUint16(at + 4, true) >> 8;
    const flags = data.getUint16(at + 8, true);
    const method = data.getUint16(at + 10, true);
    const crc = data.getUint32(at + 16, true);
    const compressedSize = data.getUint32(at + 20, true);
    const size = data.getUint32(at + 24, true);
    const nameLength = data.getUint16(at + 28, true);
    const extraLength = data.getUint16(at + 30, true);
    const commentLength = data.getUint16(at + 32, true);
    const external = data.getUint32(at + 38, true);
    const localHeaderOffset = data.getUint32(at + 42, true);
    const path = new TextDecoder('utf-8', { fatal: false }).decode(directory.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;

    checkEntryPath(path);
    if (host === UNIX_HOST && ((external >>> 16) & S_IFMT) === S_IFLNK)
      throw new BackupError('symlink', `The backup holds a symbolic link: ${path.slice(0, 200)}.`);
    if (flags & 1) throw new BackupError('encrypted', 'Encrypted backups are not supported.');
    if (method !== 0 && method !== 8) throw new BackupError('unsupported', `Unsupported compression in ${path.slice(0, 200)}.`);
    if (size === 0xffffffff || compressedSize === 0xffffffff) throw new BackupError('unsupported', 'Backups with files over 4 GB (zip64) are not supported.');
    if (size > BACKUP_LIMITS.maxEntryBytes) throw new BackupError('tooLarge', `A file of the backup is too large: ${path.slice(0, 200)}.`);
    if (size > BACKUP_LIMITS.ratioFloorBytes && size / Math.max(1, compressedSize) > BACKUP_LIMITS.maxRatio) {
      throw new BackupError('zipBomb', `A file of the backup unpacks to far more than it holds (${path.slice(0, 200)}): refused as a zip bomb.`);
    }
    total += size;
    if (total > BACKUP_LIMITS.maxTotalBytes) throw new BackupError('zipBomb', 'The backup unpacks to more than 4 GB: refused.');
    // Small entries escape the ratio check above; all of them together may not.
    if (total > BACKUP_LIMITS.ratioFloorBytes + source.size * BACKUP_LIMITS.maxRatio) {
      throw new BackupError('zipBomb', 'The backup unpacks to far more than its size: refused as a zip bomb.');
    }
    const length = 30 + nameLength + compressedSize;
    if (path.endsWith('/')) {
      spans.push({ offset: localHeaderOffset, length }); // a folder entry
      continue;
    }
    const entry = { path, method, crc32: crc, compressedSize, size, localHeaderOffset, dataEnd: directoryOffset };
    entries.push(entry);
    spans.push({ offset: localHeaderOffset, length, entry });
  }
  // Entries that share bytes (many names for one deflated megabyte) multiply what a small
  // file unpacks to: each must end before the next one starts.
  spans.sort((a, b) => a.offset - b.offset);
  spans.forEach((span, index) => {
    const next = spans[index + 1]?.offset ?? directoryOffset;
    if (span.offset + span.length > next) throw new BackupError('zipBomb', 'Files of the backup overlap one another: refused as a zip bomb.');
    if (span.entry) span.entry.dataEnd = next;
  });
  return entries;
}

/** Packed bytes read at once: memory stays flat whatever the entry's size. */
const SLICE_BYTES = 1024 * 1024;

/** Unpacks one entry a slice at a time, handing each piece to `take`: never past its
 *  declared size nor outside its own bytes, CRC-32 checked at the end, `budget` checked
 *  at every slice. */
export async function unpackEntry(source: ZipSource, entry: ZipEntry, take: (piece: Uint8Array) => void, budget?: Budget): Promise<void> {
  const name = entry.path.slice(0, 200);
  const damaged = () => new BackupError('corrupt', `The backup is damaged at ${name}.`);
  const header = await source.read(entry.localHeaderOffset, 30);
  if (header.byteLength < 30 || view(header).getUint32(0, true) !== LOCAL_SIGNATURE) throw damaged();
  const start = entry.localHeaderOffset + 30 + view(header).getUint16(26, true) + view(header).getUint16(28, true);
  if (start + entry.compressedSize > entry.dataEnd) throw new BackupError('zipBomb', 'Files of the backup overlap one another: refused as a zip bomb.');
  if (entry.method === 0 && entry.compressedSize !== entry.size) throw damaged();

  let written = 0;
  let crc = 0;
  let ended = entry.method === 0;
  const output = (piece: Uint8Array, final: boolean): void => {
    if (written + piece.byteLength > entry.size) throw new BackupError('zipBomb', `${name} unpacks past its declared size: refused.`);
    crc = crc32(piece, crc);
    written += piece.byteLength;
    take(piece);
    if (final) ended = true;
  };
  // A deflated entry of one slice is unpacked in one native call, which stops at its
  // declared size: fflate's stream spends ~0.1 ms an entry on buffers, seconds for a
  // backup of 20,000 tiny files.
  const whole = entry.method === 8 && entry.compressedSize <= SLICE_BYTES;
  const inflate = entry.method === 8 && !whole ? new Inflate(output) : null;
  for (let offset = 0; offset < entry.compressedSize; offset += SLICE_BYTES) {
    budget?.check();
    const length = Math.min(SLICE_BYTES, entry.compressedSize - offset);
    const packed = await source.read(start + offset, length);
    if (packed.byteLength < length) throw new BackupError('truncated', 'The backup is truncated.');
    const last = offset + length === entry.compressedSize;
    try {
      if (whole) output(inflateRawSync(packed, { maxOutputLength: Math.max(1, entry.size) }), true);
      else if (inflate) inflate.push(packed, last);
      else output(packed, last);
    } catch (error) {
      if (error instanceof BackupError) throw error;
      if ((error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE') throw new BackupError('zipBomb', `${name} unpacks past its declared size: refused.`);
      throw damaged(); // the deflated data is invalid
    }
  }
  if (!ended || written !== entry.size) throw damaged();
  if (crc !== entry.crc32) throw new BackupError('corrupt', `The backup is damaged at ${name} (CRC).`);
}

/** One entry's bytes, unpacked into a buffer of its declared size. */
export async function readEntry(source: ZipSource, entry: ZipEntry, budget?: Budget): Promise<Uint8Array> {
  const bytes = new Uint8Array(entry.size);
  let filled = 0;
  await unpackEntry(
    source,
    entry,
    (piece) => {
      bytes.set(piece, filled);
      filled += piece.byteLength;
    },
    budget,
  );
  return bytes;
}
