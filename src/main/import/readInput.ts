// Reading a text file an import starts from: bounded in size, refused when it is empty or
// binary, decoded from UTF-8 (with or without BOM), UTF-16 with BOM, or — when the bytes
// are not valid UTF-8 — Windows-1252, which is what French office suites write.
import { readFile as readFileCallback, stat as statCallback } from 'node:fs';
import { promisify } from 'node:util';
import { basename } from 'node:path';
import { ImportFailure, LIMITS } from './limits';

// The callback functions, promisified: fs/promises' readFile goes through a FileHandle
// (open, fstat, read, close as four awaited steps), which made reading a 10,000-file
// folder 0.6-0.7 s slower.
const readFile = promisify(readFileCallback);
const stat = promisify(statCallback);

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export interface TextInput {
  path: string;
  name: string;
  text: string;
  encoding: TextEncodingName;
  /** Whether the file started with a byte order mark (removed from `text`). */
  bom: boolean;
}

export interface ReadOptions {
  maxBytes?: number;
  /** Applied to the bytes (after the checks for NUL and binary) before decoding: the
   *  iCalendar reader unfolds lines there, as a fold may split a UTF-8 sequence. */
  beforeDecoding?: (bytes: Uint8Array) => Uint8Array;
}

/** Reads and decodes one file; throws ImportFailure with fileTooLarge, fileEmpty,
 *  fileBinary or fileUnreadable. */
export async function readTextFile(path: string, options: ReadOptions = {}): Promise<TextInput> {
  const bytes = await readBoundedFile(path, options.maxBytes);
  return { path, name: basename(path), ...decodeText(bytes, basename(path), options.beforeDecoding) };
}

/** The raw bytes of a file, after checking it is a regular file of a sensible size. */
export async function readBoundedFile(path: string, maxBytes: number = LIMITS.maxFileBytes): Promise<Uint8Array> {
  const name = basename(path);
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(name, error);
  });
  if (!info.isFile()) throw new ImportFailure('fileUnreadable', `${name} is not a file.`, { name });
  if (info.size > maxBytes) throw tooLarge(name, maxBytes);
  if (info.size === 0) throw new ImportFailure('fileEmpty', `${name} is empty.`, { name });
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw unreadable(name, error);
  });
  // The file may have grown between stat and read.
  if (bytes.byteLength > maxBytes) throw tooLarge(name, maxBytes);
  return bytes;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const UTF16LE_BOM = [0xff, 0xfe];
const UTF16BE_BOM = [0xfe, 0xff];

/** Signatures of common binary files that are sometimes renamed to .csv or .md. */
const BINARY_SIGNATURES: number[][] = [
  [0x89, 0x50, 0x4e, 0x47], // PNG
  [0xff, 0xd8, 0xff], // JPEG
  [0x47, 0x49, 0x46, 0x38], // GIF
  [0x25, 0x50, 0x44, 0x46], // PDF
  [0x50, 0x4b, 0x03, 0x04], // ZIP, DOCX, XLSX, ODS
  [0x1f, 0x8b], // gzip
  [0xd0, 0xcf, 0x11, 0xe0], // old Office documents (.xls, .doc)
];

export function decodeText(
  bytes: Uint8Array,
  name: string,
  beforeDecoding: (bytes: Uint8Array) => Uint8Array = (same) => same,
): Omit<TextInput, 'path' | 'name'> {
  if (bytes.byteLength === 0) throw new ImportFailure('fileEmpty', `${name} is empty.`, { name });
  const decoded = decodeBytes(bytes, name, beforeDecoding);
  if (decoded.text.trim() === '') throw new ImportFailure('fileEmpty', `${name} is empty.`, { name });
  if (looksBinary(decoded.text)) throw binary(name, 'it does not look like text');
  return decoded;
}

function decodeBytes(bytes: Uint8Array, name: string, beforeDecoding: (bytes: Uint8Array) => Uint8Array): Omit<TextInput, 'path' | 'name'> {
  if (startsWith(bytes, UTF16LE_BOM)) return { text: decodeStrict('utf-16le', bytes.subarray(2), name), encoding: 'utf-16le', bom: true };
  if (startsWith(bytes, UTF16BE_BOM)) return { text: decodeStrict('utf-16be', bytes.subarray(2), name), encoding: 'utf-16be', bom: true };
  if (bytes.includes(0)) throw binary(name, 'it contains NUL bytes');
  if (BINARY_SIGNATURES.some((signature) => startsWith(bytes, signature))) throw binary(name, 'it is a binary file');
  const bom = startsWith(bytes, UTF8_BOM);
  const body = beforeDecoding(bom ? bytes.subarray(3) : bytes);
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body), encoding: 'utf-8', bom };
  } catch {
    // Not UTF-8: every byte sequence is valid Windows-1252, the usual legacy encoding.
    return { text: new TextDecoder('windows-1252').decode(body), encoding: 'windows-1252', bom: false };
  }
}

function decodeStrict(encoding: 'utf-16le' | 'utf-16be', bytes: Uint8Array, name: string): string {
  try {
    const text = new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(bytes);
    if (text.includes('\0')) throw binary(name, 'it contains NUL characters');
    return text;
  } catch (error) {
    if (error instanceof ImportFailure) throw error;
    throw binary(name, `it is not valid ${encoding.toUpperCase()}`);
  }
}

/** Text has almost no control characters besides tab, line feed, form feed and carriage
 *  return; random bytes decoded as Windows-1252 have about one in eight. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 64 * 1024);
  let controls = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    const isTextControl = code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d;
    if ((code < 0x20 && !isTextControl) || (code >= 0x7f && code <= 0x9f)) controls++;
  }
  return controls > 8 && controls > sample.length / 100;
}

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

function binary(name: string, why: string): ImportFailure {
  return new ImportFailure('fileBinary', `${name} is not a text file: ${why}.`, { name });
}

function tooLarge(name: string, maxBytes: number): ImportFailure {
  const megabytes = Math.round(maxBytes / (1024 * 1024));
  return new ImportFailure('fileTooLarge', `${name} is larger than ${megabytes} MB.`, { name, megabytes });
}

function unreadable(name: string, error: NodeJS.ErrnoException): ImportFailure {
  const why =
    error.code === 'ENOENT'
      ? 'it does not exist'
      : error.code === 'EACCES' || error.code === 'EPERM'
        ? 'permission denied'
        : error.code === 'EISDIR'
          ? 'it is a folder'
          : (error.code ?? 'read error');
  return new ImportFailure('fileUnreadable', `Cannot read ${name}: ${why}.`, { name });
}
