// Backups crafted as an attacker would craft them: the committed sample's records changed
// at will, then zipped with a manifest whose sizes and checksums match, so that only the
// reader's own checks stand between the file and Carnet.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import type { ExportRecords } from '../../../src/shared/journal/records';

export const SAMPLE_BACKUP = resolve(__dirname, '../../fixtures/sample.carnet');

const RECORD_FILES = ['expedition', 'visits', 'lessons', 'notes', 'attachments', 'settings'] as const;

/** The sample backup's records, parsed and free to change. */
export function sampleRecords(): ExportRecords {
  const files = unzipSync(new Uint8Array(readFileSync(SAMPLE_BACKUP)));
  const read = (name: string): unknown => JSON.parse(new TextDecoder().decode(files[`${name}.json`]));
  return Object.fromEntries(RECORD_FILES.map((name) => [name, read(name)])) as unknown as ExportRecords;
}

/** The sample backup with its records changed by `change`; the photos keep their bytes
 *  (found by their place in attachments.json), and the manifest matches every file. */
export function craftBackup(change: (records: ExportRecords) => void): Uint8Array {
  const original = unzipSync(new Uint8Array(readFileSync(SAMPLE_BACKUP)));
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
  for (const meta of records.attachments) {
    for (const [name, bytes] of photoOf.get(meta) ?? []) files[`attachments/${meta.id}/${name}`] = bytes;
  }
  const manifest = JSON.parse(new TextDecoder().decode(original['manifest.json'])) as Record<string, unknown>;
  manifest['expeditionId'] = records.expedition.id;
  manifest['files'] = Object.entries(files).map(([path, bytes]) => ({ path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') }));
  return zipSync({ ...files, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}
