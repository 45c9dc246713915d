// The steps of an import in the renderer: main plans the file, the user looks at the
// preview, and on confirmation the photos it names are read, then everything is written
// in one transaction.
import type { CarnetError, PlannedImport, Result } from '../../../shared/ipc';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { applyImport, buildImportRecords, type ImportedImages, type ImportReport } from '../../db/importApply';
import { blobOf, carnet } from '../../platform';
import { processImage } from '../../photos/processImage';

export async function readPlannedImages(planned: PlannedImport, timeZone: string): Promise<ImportedImages> {
  const images: ImportedImages = new Map();
  for (const note of planned.plan.notes) {
    for (const attachment of note.attachments) {
      const file = await carnet().readImportAttachment({ importId: planned.importId, path: attachment.path });
      if (!file.ok) continue;
      const processed = await processImage(blobOf(file.value.bytes), file.value.name, timeZone);
      if (processed.ok) images.set(attachment.path, { ...processed.image, caption: '' });
    }
  }
  return images;
}

export async function confirmImport(
  planned: PlannedImport,
  expedition: Expedition,
  visits: Visit[],
  lessons: Lesson[],
  unassignedVisitTitle: string,
): Promise<Result<ImportReport>> {
  try {
    const images = await readPlannedImages(planned, expedition.timeZone);
    const records = buildImportRecords(planned.plan, { expedition, visits, lessons, unassignedVisitTitle, now: Date.now() }, images);
    const report = await applyImport(db(), planned.plan, records);
    await carnet().closeImport({ importId: planned.importId });
    return { ok: true, value: report };
  } catch (error) {
    console.error('[carnet] import failed', error);
    const failure: CarnetError = { code: 'internal', message: 'The import could not be written; nothing was changed.' };
    return { ok: false, error: failure };
  }
}
