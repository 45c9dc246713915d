// Writes a .carnet backup: record files, then each attachment's bytes (as they sit in
// the export's temporary folder), then the manifest with every file's SHA-256 — streamed
// to a temporary file renamed when complete.
import { createHash } from 'node:crypto';
import type { ExportRecords } from '../../shared/journal/records';
import { extensionOfMime } from '../../shared/journal/records';
import type { AttachmentStore } from '../export/attachments';
import { streamZip } from '../export/markdownFiles';
import { writeStreamedFile } from '../atomicFiles';
import { attachmentPath, BACKUP_FORMAT, BACKUP_VERSION, MANIFEST_PATH, RECORD_FILES, type Manifest } from './format';

export interface BackupSource {
  records: ExportRecords;
  store: AttachmentStore;
  appVersion: string;
  /** The creation time (tests fix it). */
  now?: Date;
}

export async function writeBackup(source: BackupSource, out: string, signal: AbortSignal): Promise<void> {
  const { records, store } = source;
  const files: Manifest['files'] = [];
  await writeStreamedFile(out, (write) =>
    streamZip(write, async (add) => {
      const addFile = async (path: string, bytes: Uint8Array, compress: boolean) => {
        signal.throwIfAborted();
        files.push({ path, size: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') });
        await add(path, bytes, compress);
      };
      const json = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value, null, 1)}\n`);
      await addFile(RECORD_FILES.expedition, json(records.expedition), true);
      await addFile(RECORD_FILES.visits, json(records.visits), true);
      await addFile(RECORD_FILES.lessons, json(records.lessons), true);
      await addFile(RECORD_FILES.notes, json(records.notes), true);
      await addFile(RECORD_FILES.attachments, json(records.attachments), true);
      await addFile(RECORD_FILES.settings, json(records.settings), true);
      if (records.groupSyntheses) await addFile(RECORD_FILES.groupSyntheses, json(records.groupSyntheses), true);
      for (const meta of records.attachments) {
        await addFile(attachmentPath(meta.id, 'original', extensionOfMime(meta.mime)), await store.read(meta, 'original'), false);
        if (meta.displayMime) await addFile(attachmentPath(meta.id, 'display', extensionOfMime(meta.displayMime)), await store.read(meta, 'display'), false);
      }
      const manifest: Manifest = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        appVersion: source.appVersion,
        createdAt: (source.now ?? new Date()).toISOString(),
        expeditionId: records.expedition.id,
        files,
      };
      await add(MANIFEST_PATH, json(manifest), true);
    }),
  );
}
