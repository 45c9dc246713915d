// The export methods of the IPC contract. A job lives from exportBegin to exportFinish
// or exportCancel; whatever happens, its temporary folder is removed and no partial
// output is left. Only paths exported in this session can be shown in the file manager.
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fail, type BackupContents, type Request, type Responses, type Result } from '../../shared/ipc';
import { FORMAT_EXTENSION } from '../../shared/journal/formats';
import { defaultJournalOptions } from '../../shared/journal/options';
import type { Locale } from '../../shared/model';
import { FolderNotEmptyError, freeFolderPath, isFreeForFolder } from '../files';
import type { Platform } from '../platform/types';
import { readBackup, BackupError } from '../backup';
import { Deadline, ImportFailure } from '../import/limits';
import { SnapshotStore } from '../snapshots';
import { ExportJob } from './job';

type ExportMethod =
  | 'exportBegin'
  | 'exportAttachment'
  | 'exportFinish'
  | 'exportCancel'
  | 'showInFolder'
  | 'snapshotBegin'
  | 'listSnapshots'
  | 'readSnapshot'
  | 'chooseBackup';
export type ExportHandlers = { [M in ExportMethod]: (payload: Request<M>) => Promise<Result<Responses[M]>> };

/** Jobs a renderer may keep open at once (a forgotten one must not pile up on disk). */
const MAX_OPEN_JOBS = 4;

const FILTER_NAMES: Record<string, string> = { pdf: 'PDF', html: 'HTML', zip: 'ZIP', docx: 'Word', carnet: 'Carnet' };

/** The save dialog asking again for a Markdown folder, in the user's language (like the menu). */
const FOLDER_TAKEN: Record<Locale, { title: string; message: (name: string) => string }> = {
  fr: {
    title: 'Ce dossier n’est pas vide',
    message: (name) => `« ${name} » contient déjà des fichiers et Carnet n’écrit jamais par-dessus : voici un nouveau dossier.`,
  },
  en: {
    title: 'This folder is not empty',
    message: (name) => `“${name}” already holds files and Carnet never writes over them: here is a new folder.`,
  },
};

export function createExportHandlers(platform: Platform, locale: () => Locale): ExportHandlers {
  const jobs = new Map<string, ExportJob>();
  const exported = new Set<string>();
  const snapshots = new SnapshotStore(platform.dataDir);
  const snapshotJobs = new Set<string>();
  const unknownJob = () => fail('badPayload', 'This export is over or unknown.');

  const drop = async (job: ExportJob) => {
    jobs.delete(job.id);
    snapshotJobs.delete(job.id);
    await job.dispose();
  };

  const open = async (job: ExportJob) => {
    if (jobs.size >= MAX_OPEN_JOBS) {
      const oldest = jobs.values().next().value;
      if (oldest) {
        oldest.cancel();
        await drop(oldest);
      }
    }
    jobs.set(job.id, job);
  };

  return {
    async exportBegin({ records, options, format, suggestedName }) {
      const extension = FORMAT_EXTENSION[format];
      const safeName = basename(suggestedName).replace(/[\\/:*?"<>|]/g, '-');
      let path = await platform.showSaveDialog({
        defaultName: extension ? `${safeName}.${extension}` : safeName,
        filters: extension ? [{ name: FILTER_NAMES[extension] ?? extension.toUpperCase(), extensions: [extension] }] : [],
      });
      // A Markdown folder goes only where nothing is: until the user picks such a place
      // (or cancels), the dialog comes back with a free name beside the one chosen.
      while (path && format === 'md' && !(await isFreeForFolder(path))) {
        const words = FOLDER_TAKEN[locale()];
        path = await platform.showSaveDialog({ defaultName: await freeFolderPath(path), filters: [], title: words.title, message: words.message(basename(path)) });
      }
      if (!path) return { ok: true, value: null };
      const job = await ExportJob.create(records, options, format, path);
      await open(job);
      return { ok: true, value: { jobId: job.id, path, wanted: job.wanted } };
    },

    async exportAttachment({ jobId, attachmentId, variant, bytes }) {
      const job = jobs.get(jobId);
      if (!job) return unknownJob();
      if (job.controller.signal.aborted) return fail('cancelled', 'The export was cancelled.');
      if (!(await job.addAttachment(attachmentId, variant, bytes))) return fail('badPayload', 'This export did not ask for that photo.');
      return { ok: true, value: null };
    },

    async exportFinish({ jobId }) {
      const job = jobs.get(jobId);
      if (!job) return unknownJob();
      try {
        await job.run(platform);
        if (snapshotJobs.has(job.id)) await snapshots.rotate();
        else exported.add(job.out);
        return { ok: true, value: { path: job.out } };
      } catch (error) {
        if (job.controller.signal.aborted) return fail('cancelled', 'The export was cancelled.');
        if (error instanceof FolderNotEmptyError) return fail('folderNotEmpty', 'The chosen folder is not empty: nothing was written.', { name: basename(job.out) });
        throw error;
      } finally {
        await drop(job);
      }
    },

    async exportCancel({ jobId }) {
      const job = jobs.get(jobId);
      if (job) {
        job.cancel();
        // A job that is being written cleans up when its writer stops; an idle one now.
        if (!job.running) await drop(job);
      }
      return { ok: true, value: null };
    },

    async snapshotBegin({ records }) {
      const path = await snapshots.pathFor(records.expedition.id);
      if (!path) return fail('badPayload', 'This expedition cannot be backed up under its id.');
      const job = await ExportJob.create(records, defaultJournalOptions(records, 'fr'), 'carnet', path);
      await open(job);
      snapshotJobs.add(job.id);
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

    async showInFolder({ path }) {
      if (!exported.has(path)) return fail('forbiddenUrl', 'Only files exported by Carnet can be shown.');
      platform.showItemInFolder(path);
      return { ok: true, value: null };
    },
  };
}

/** A backup read and checked, or why not (its problems are the file's, never a crash). */
async function readBackupContents(path: string): Promise<Result<BackupContents>> {
  try {
    const size = await stat(path).then((info) => info.size, () => 0);
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
