// The export methods of the IPC contract. A job lives from exportBegin (or a snapshot's
// begin, backup/handlers.ts) to exportFinish or exportCancel; whatever happens, its
// temporary folder is removed and no partial output is left. Only paths exported in this
// session can be shown in the file manager.
import { basename } from 'node:path';
import { fail, type Request, type Responses, type Result } from '../../shared/ipc';
import { FORMAT_EXTENSION } from '../../shared/journal/formats';
import type { Locale } from '../../shared/model';
import { FolderNotEmptyError, freeFolderPath, isFreeForFolder } from '../atomicFiles';
import type { Platform } from '../platform/types';
import { ExportJob } from './job';
import type { OpenJobs } from './openJobs';

type ExportMethod = 'exportBegin' | 'exportAttachment' | 'exportFinish' | 'exportCancel' | 'showInFolder';
export type ExportHandlers = { [M in ExportMethod]: (payload: Request<M>) => Promise<Result<Responses[M]>> };

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

export function createExportHandlers(platform: Platform, jobs: OpenJobs, locale: () => Locale): ExportHandlers {
  const exported = new Set<string>();
  const unknownJob = () => fail('badPayload', 'This export is over or unknown.');

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
        path = await platform.showSaveDialog({
          defaultName: await freeFolderPath(path),
          filters: [],
          title: words.title,
          message: words.message(basename(path)),
        });
      }
      if (!path) return { ok: true, value: null };
      const job = await ExportJob.create(records, options, format, path);
      await jobs.open(job);
      return { ok: true, value: { jobId: job.id, path, wanted: job.wanted } };
    },

    async exportAttachment({ jobId, attachmentId, variant, bytes }) {
      const job = jobs.get(jobId)?.job;
      if (!job) return unknownJob();
      if (job.controller.signal.aborted) return fail('cancelled', 'The export was cancelled.');
      if (!(await job.addAttachment(attachmentId, variant, bytes))) return fail('badPayload', 'This export did not ask for that photo.');
      return { ok: true, value: null };
    },

    async exportFinish({ jobId }) {
      const open = jobs.get(jobId);
      if (!open) return unknownJob();
      const { job, afterWrite } = open;
      try {
        await job.run(platform);
        if (afterWrite) await afterWrite();
        else exported.add(job.out);
        return { ok: true, value: { path: job.out } };
      } catch (error) {
        if (job.controller.signal.aborted) return fail('cancelled', 'The export was cancelled.');
        if (error instanceof FolderNotEmptyError)
          return fail('folderNotEmpty', 'The chosen folder is not empty: nothing was written.', { name: basename(job.out) });
        throw error;
      } finally {
        await jobs.drop(job);
      }
    },

    async exportCancel({ jobId }) {
      const job = jobs.get(jobId)?.job;
      if (job) {
        job.cancel();
        // A job that is being written cleans up when its writer stops; an idle one now.
        if (!job.running) await jobs.drop(job);
      }
      return { ok: true, value: null };
    },

    async showInFolder({ path }) {
      if (!exported.has(path)) return fail('forbiddenUrl', 'Only files exported by Carnet can be shown.');
      platform.showItemInFolder(path);
      return { ok: true, value: null };
    },
  };
}
