// The backup methods of the IPC contract: the automatic snapshots (written by an export
// job of the .carnet format, then rotated), and reading a snapshot or a chosen .carnet
// file for the renderer to restore or merge.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fail, type BackupContents, type Request, type Responses, type Result } from '../../shared/ipc';
import { defaultJournalOptions } from '../../shared/journal/options';
import { ExportJob } from '../export/job';
import type { OpenJobs } from '../export/openJobs';
import { Deadline, ImportFailure } from '../import/limits';
import type { Platform } from '../platform/types';
import { BackupError, readBackup } from './read';
import { SnapshotStore } from './snapshots';

type BackupMethod = 'snapshotBegin' | 'listSnapshots' | 'readSnapshot' | 'chooseBackup';
export type BackupHandlers = { [M in BackupMethod]: (payload: Request<M>) => Promise<Result<Responses[M]>> };

export function createBackupHandlers(platform: Platform, jobs: OpenJobs): BackupHandlers {
  const snapshots = new SnapshotStore(platform.dataDir);
  return {
    async snapshotBegin({ records }) {
      const path = await snapshots.pathFor(records.expedition.id);
      if (!path) return fail('badPayload', 'This expedition cannot be backed up under its id.');
      const job = await ExportJob.create(records, defaultJournalOptions(records, 'fr'), 'carnet', path);
      await jobs.open(job, () => snapshots.rotate());
      return { ok: true, value: { jobId: job.id, path, wanted: job.wanted } };
    },

    async listSnapshots() {
      return { ok: true, value: await snapshots.list() };
    },

    async readSnapshot({ path }) {
      if (!(await snapshots.has(path))) return fail('forbiddenUrl', 'Only Carnet’s own snapshots can be restored this way.');
      return readBackupContents(path);
    },

    async chooseBackup() {
      const [path] = await platform.showOpenDialog({ filters: [{ name: 'Carnet', extensions: ['carnet'] }], multiple: false });
      return path ? readBackupContents(path) : { ok: true, value: null };
    },
  };
}

/** A backup read and checked, or why not (its problems are the file's, never a crash). */
async function readBackupContents(path: string): Promise<Result<BackupContents>> {
  try {
    const size = await stat(path).then(
      (info) => info.size,
      () => 0,
    );
    const backup = await readBackup(path, { budget: Deadline.forBytes(size) });
    return {
      ok: true,
      value: { name: basename(path), createdAt: backup.manifest.createdAt, records: backup.records, attachments: backup.attachments },
    };
  } catch (error) {
    if (error instanceof BackupError) return fail('badFormat', error.message, { name: basename(path), reason: error.code });
    if (error instanceof ImportFailure) return { ok: false, error: error.toCarnetError() };
    throw error;
  }
}
