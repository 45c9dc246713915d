// The export methods of the IPC contract. A job lives from exportBegin to exportFinish
// or exportCancel; whatever happens, its temporary folder is removed and no partial
// output is left. Only paths exported in this session can be shown in the file manager.
import { basename } from 'node:path';
import { fail, type Request, type Responses, type Result } from '../../shared/ipc';
import { FORMAT_EXTENSION } from '../../shared/journal/formats';
import type { Platform } from '../platform/types';
import { ExportJob } from './job';

type ExportMethod = 'exportBegin' | 'exportAttachment' | 'exportFinish' | 'exportCancel' | 'showInFolder';
export type ExportHandlers = { [M in ExportMethod]: (payload: Request<M>) => Promise<Result<Responses[M]>> };

/** Jobs a renderer may keep open at once (a forgotten one must not pile up on disk). */
const MAX_OPEN_JOBS = 4;

const FILTER_NAMES: Record<string, string> = { pdf: 'PDF', html: 'HTML', zip: 'ZIP', docx: 'Word', carnet: 'Carnet' };

export function createExportHandlers(platform: Platform): ExportHandlers {
  const jobs = new Map<string, ExportJob>();
  const exported = new Set<string>();
  const unknownJob = () => fail('badPayload', 'This export is over or unknown.');

  const drop = async (job: ExportJob) => {
    jobs.delete(job.id);
    await job.dispose();
  };

  return {
    async exportBegin({ records, options, format, suggestedName }) {
      const extension = FORMAT_EXTENSION[format];
      const safeName = basename(suggestedName).replace(/[\\/:*?"<>|]/g, '-');
      const path = await platform.showSaveDialog({
        defaultName: extension ? `${safeName}.${extension}` : safeName,
        filters: extension ? [{ name: FILTER_NAMES[extension] ?? extension.toUpperCase(), extensions: [extension] }] : [],
      });
      if (!path) return { ok: true, value: null };
      if (jobs.size >= MAX_OPEN_JOBS) {
        const oldest = jobs.values().next().value;
        if (oldest) {
          oldest.cancel();
          await drop(oldest);
        }
      }
      const job = await ExportJob.create(records, options, format, path);
      jobs.set(job.id, job);
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
        exported.add(job.out);
        return { ok: true, value: { path: job.out } };
      } catch (error) {
        if (job.controller.signal.aborted) return fail('cancelled', 'The export was cancelled.');
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

    async showInFolder({ path }) {
      if (!exported.has(path)) return fail('forbiddenUrl', 'Only files exported by Carnet can be shown.');
      platform.showItemInFolder(path);
      return { ok: true, value: null };
    },
  };
}
