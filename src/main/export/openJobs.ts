// The export jobs a renderer has open, by id, from their begin to their finish or cancel:
// the journal's and the automatic snapshots' alike. A job's temporary folder is removed
// when it is dropped, whatever happened.
import { ExportJob } from './job';

/** Jobs a renderer may keep open at once (a forgotten one must not pile up on disk). */
const MAX_OPEN_JOBS = 4;

interface OpenJob {
  job: ExportJob;
  /** What to do once the job's file is written (a snapshot: rotate the old ones). */
  afterWrite?: () => Promise<void>;
}

export class OpenJobs {
  private readonly jobs = new Map<string, OpenJob>();

  async open(job: ExportJob, afterWrite?: () => Promise<void>): Promise<void> {
    if (this.jobs.size >= MAX_OPEN_JOBS) {
      const oldest = this.jobs.values().next().value;
      if (oldest) {
        oldest.job.cancel();
        await this.drop(oldest.job);
      }
    }
    this.jobs.set(job.id, { job, afterWrite });
  }

  get(id: string): OpenJob | undefined {
    return this.jobs.get(id);
  }

  async drop(job: ExportJob): Promise<void> {
    this.jobs.delete(job.id);
    await job.dispose();
  }
}
