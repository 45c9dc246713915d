// Runs one export from the renderer: gathers the expedition's records, opens a job in
// main (which asks where to save), sends each photo main asks for — one at a time, read
// from IndexedDB just before it is sent, so memory holds one photo — then lets main
// write the file. Cancel at any moment: main removes everything it had started.
import type { CarnetError } from '../../../shared/ipc';
import type { ExportFormat } from '../../../shared/journal/formats';
import type { JournalOptions } from '../../../shared/journal/options';
import { attachmentMeta, type ExportRecords } from '../../../shared/journal/records';
import type { NoteSummary } from '../../../shared/model';
import type { AppDB } from '../../db/AppDB';
import { withStates } from '../../db/notes';
import { carnet } from '../../platform';

/** Every record of one expedition. A backup keeps trashed ones too (restore is exact);
 *  the journal leaves them out by itself. `keepNote`: the notes a journal holds (in a
 *  shared expedition, mine or everyone's), with their photos. */
export async function gatherRecords(database: AppDB, expeditionId: string, keepNote: (note: NoteSummary) => boolean = () => true): Promise<ExportRecords> {
  const expedition = await database.expeditions.get(expeditionId);
  if (!expedition) throw new Error('expedition not found');
  const [visits, lessons, allNotes, settings, groupSyntheses] = await Promise.all([
    database.visits.where('expeditionId').equals(expeditionId).toArray(),
    database.lessons.where('expeditionId').equals(expeditionId).toArray(),
    database.notes.where('expeditionId').equals(expeditionId).toArray(),
    database.settings.toArray(),
    // A database still at an older schema (the snapshot taken before upgrading it) has
    // no table of group syntheses: it holds none.
    database.tables.some((table) => table.name === 'groupSyntheses') ? database.groupSyntheses.where('expeditionId').equals(expeditionId).toArray() : [],
  ]);
  const summaries = allNotes.filter(keepNote);
  const kept = new Set(summaries.map((note) => note.id));
  // Attachment records without their bytes: those travel one by one when asked for.
  const attachments: ExportRecords['attachments'] = [];
  await database.attachments
    .where('expeditionId')
    .equals(expeditionId)
    .each((attachment) => {
      if (kept.has(attachment.noteId)) attachments.push(attachmentMeta(attachment));
    });
  return { expedition, visits, lessons, notes: await withStates(database, summaries), attachments, settings, groupSyntheses };
}

export type ExportProgress = { phase: 'photos'; done: number; total: number } | { phase: 'writing' };

export type ExportOutcome = { kind: 'done'; path: string } | { kind: 'cancelled' } | { kind: 'failed'; error: CarnetError };

export interface ExportRun {
  /** Resolves when the export ends, whichever way. */
  outcome: Promise<ExportOutcome>;
  cancel(): void;
}

export function startExport(
  database: AppDB,
  expeditionId: string,
  options: JournalOptions,
  format: ExportFormat,
  suggestedName: string,
  onProgress: (progress: ExportProgress) => void,
  keepNote?: (note: NoteSummary) => boolean,
): ExportRun {
  let cancelled = false;
  let jobId: string | null = null;
  const cancel = () => {
    cancelled = true;
    if (jobId) void carnet().exportCancel({ jobId });
  };
  const run = async (): Promise<ExportOutcome> => {
    const records = await gatherRecords(database, expeditionId, keepNote);
    const begun = await carnet().exportBegin({ records, options, format, suggestedName });
    if (!begun.ok) return { kind: 'failed', error: begun.error };
    if (!begun.value || cancelled) return { kind: 'cancelled' };
    jobId = begun.value.jobId;
    return completeJob(database, begun.value, onProgress, () => cancelled);
  };
  const outcome = run().catch((error: unknown): ExportOutcome => ({
    kind: 'failed',
    error: { code: 'internal', message: error instanceof Error ? error.message : String(error) },
  }));
  return { outcome, cancel };
}

/** The second half of every export job, journals and snapshots alike: send each photo main
 *  asks for, one at a time, read from IndexedDB just before it is sent, then let main
 *  write the file. */
export async function completeJob(
  database: AppDB,
  job: { jobId: string; wanted: { attachmentId: string; variant: 'original' | 'display' }[] },
  onProgress: (progress: ExportProgress) => void,
  isCancelled: () => boolean = () => false,
): Promise<ExportOutcome> {
  const { jobId, wanted } = job;
  for (const [index, { attachmentId, variant }] of wanted.entries()) {
    onProgress({ phase: 'photos', done: index, total: wanted.length });
    if (isCancelled()) return { kind: 'cancelled' };
    const attachment = await database.attachments.get(attachmentId);
    const blob = variant === 'display' ? attachment?.display : attachment?.blob;
    if (!blob) continue;
    const sent = await carnet().exportAttachment({ jobId, attachmentId, variant, bytes: new Uint8Array(await blob.arrayBuffer()) });
    if (!sent.ok) return sent.error.code === 'cancelled' ? { kind: 'cancelled' } : { kind: 'failed', error: sent.error };
  }
  if (isCancelled()) return { kind: 'cancelled' };
  onProgress({ phase: 'writing' });
  const finished = await carnet().exportFinish({ jobId });
  if (!finished.ok) return finished.error.code === 'cancelled' || isCancelled() ? { kind: 'cancelled' } : { kind: 'failed', error: finished.error };
  return { kind: 'done', path: finished.value.path };
}
