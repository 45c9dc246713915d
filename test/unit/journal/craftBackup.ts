// Backups crafted as an attacker would craft them: the committed sample's records changed
// at will and zipped with a manifest whose sizes and checksums match (so that only the
// reader's own checks stand between the file and Carnet), the sample with photos added,
// and zips whose central directory may name one entry's bytes several times.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32 } from 'node:zlib';
import { deflateSync, strToU8, unzipSync, zipSync } from 'fflate';
import type { ExportRecords } from '../../../src/shared/journal/records';

export const SAMPLE = resolve(__dirname, '../../fixtures/sample.carnet');

export interface CraftedFile {
  path: string;
  bytes: Uint8Array;
  /** Deflated when true, stored otherwise. */
  deflate: boolean;
  /** Written in the central directory only, pointing at the named file's bytes. */
  aliasOf?: string;
  /** The unpacked size the headers declare, when it is to lie. */
  declaredSize?: number;
}

/** A zip of `files` in order, each alias a central-directory entry that points at the local
 *  header of the file it names. */
export function craftZip(files: CraftedFile[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  const offsets = new Map<string, { offset: number; crc: number; packed: number; size: number; method: number }>();
  let at = 0;
  for (const file of files) {
    const name = strToU8(file.path);
    let where = file.aliasOf === undefined ? undefined : offsets.get(file.aliasOf);
    if (!where) {
      const packed = file.deflate ? deflateSync(file.bytes) : file.bytes;
      where = { offset: at, crc: crc32(file.bytes), packed: packed.byteLength, size: file.declaredSize ?? file.bytes.byteLength, method: file.deflate ? 8 : 0 };
      offsets.set(file.path, where);
      const local = new Uint8Array(30 + name.byteLength);
      const view = new DataView(local.buffer);
      view.setUint32(0, 0x04034b50, true);
      view.setUint16(4, 20, true);
      view.setUint16(8, where.method, true);
      view.setUint32(14, where.crc, true);
      view.setUint32(18, where.packed, true);
      view.setUint32(22, where.size, true);
      view.setUint16(26, name.byteLength, true);
      local.set(name, 30);
      parts.push(local, packed);
      at += local.byteLength + packed.byteLength;
    }
    const entry = new Uint8Array(46 + name.byteLength);
    const view = new DataView(entry.buffer);
    view.setUint32(0, 0x02014b50, true);
    view.setUint16(4, 20, true);
    view.setUint16(6, 20, true);
    view.setUint16(10, where.method, true);
    view.setUint32(16, where.crc, true);
    view.setUint32(20, where.packed, true);
    view.setUint32(24, where.size, true);
    view.setUint16(28, name.byteLength, true);
    view.setUint32(42, where.offset, true);
    entry.set(name, 46);
    central.push(entry);
  }
  const directorySize = central.reduce((sum, entry) => sum + entry.byteLength, 0);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, central.length, true);
  view.setUint16(10, central.length, true);
  view.setUint32(12, directorySize, true);
  view.setUint32(16, at, true);
  return Buffer.concat([...parts, ...central, end]);
}

const json = (value: unknown): Uint8Array => strToU8(JSON.stringify(value));
const sha = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

/** The sample backup (its notes show two photos) with `count` more photos of `photo`'s
 *  bytes (PNG, stored, or deflated when `deflate`); with `shared`, every added photo's
 *  entry points at the first one's bytes. */
export function backupWithPhotos(count: number, photo: Uint8Array, options: { deflate?: boolean; shared?: boolean } = {}): Uint8Array {
  const sample = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const records = (name: string) => JSON.parse(new TextDecoder().decode(sample[name])) as Record<string, unknown>[];
  const own = records('attachments.json');
  const metas = Array.from({ length: count }, (_, i) => ({ ...own[0], id: `photo-${i}`, name: `photo-${i}.png`, size: photo.byteLength, displayMime: null }));
  const files: CraftedFile[] = ['expedition.json', 'visits.json', 'lessons.json', 'notes.json', 'settings.json'].map((path) => ({
    path,
    bytes: sample[path]!,
    deflate: true,
  }));
  files.push({ path: 'attachments.json', bytes: json([...own, ...metas]), deflate: true });
  for (const path of Object.keys(sample).filter((name) => name.startsWith('attachments/'))) files.push({ path, bytes: sample[path]!, deflate: false });
  metas.forEach((meta, i) => {
    files.push({
      path: `attachments/${meta.id}/original.png`,
      bytes: photo,
      deflate: options.deflate ?? false,
      aliasOf: options.shared && i > 0 ? 'attachments/photo-0/original.png' : undefined,
    });
  });
  const manifest = JSON.parse(new TextDecoder().decode(sample['manifest.json'])) as Record<string, unknown>;
  manifest['files'] = files.map((file) => ({ path: file.path, size: file.bytes.byteLength, sha256: sha(file.bytes) }));
  files.push({ path: 'manifest.json', bytes: json(manifest), deflate: true });
  return craftZip(files);
}

const RECORD_FILES = ['expedition', 'visits', 'lessons', 'notes', 'attachments', 'settings'] as const;

/** The sample backup's records, parsed and free to change. */
export function sampleRecords(): ExportRecords {
  const files = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const read = (name: string): unknown => JSON.parse(new TextDecoder().decode(files[`${name}.json`]));
  return Object.fromEntries(RECORD_FILES.map((name) => [name, read(name)])) as unknown as ExportRecords;
}

/** The sample backup with its records changed by `change`; the photos keep their bytes
 *  (found by their place in attachments.json), and the manifest matches every file. */
export function craftBackup(change: (records: ExportRecords) => void): Uint8Array {
  const original = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const records = sampleRecords();
  const photoFiles = records.attachments.map((meta) =>
    Object.entries(original)
      .filter(([path]) => path.startsWith(`attachments/${meta.id}/`))
      .map(([path, bytes]) => [path.slice(`attachments/${meta.id}/`.length), bytes] as const),
  );
  const photoOf = new Map(records.attachments.map((meta, index) => [meta, photoFiles[index] ?? []]));
  change(records);

  const files: Record<string, Uint8Array> = {};
  for (const name of RECORD_FILES) files[`${name}.json`] = strToU8(JSON.stringify(records[name]));
  if (records.groupSyntheses) files['group-syntheses.json'] = strToU8(JSON.stringify(records.groupSyntheses));
  for (const meta of records.attachments) {
    for (const [name, bytes] of photoOf.get(meta) ?? []) files[`attachments/${meta.id}/${name}`] = bytes;
  }
  return zipWithManifest(files, records.expedition.id);
}

/** A backup of `files` as they are (records and photos by path), with the sample's
 *  manifest made to list each of them with its size and SHA-256. */
export function zipWithManifest(files: Record<string, Uint8Array>, expeditionId: string): Uint8Array {
  const original = unzipSync(new Uint8Array(readFileSync(SAMPLE)), { filter: (file) => file.name === 'manifest.json' });
  const manifest = JSON.parse(new TextDecoder().decode(original['manifest.json'])) as Record<string, unknown>;
  manifest['expeditionId'] = expeditionId;
  manifest['files'] = Object.entries(files).map(([path, bytes]) => ({ path, size: bytes.byteLength, sha256: sha(bytes) }));
  return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}
