// The trash keeps deleted notes and visits for 30 days, then they are purged for good.
import type { NoteSummary, Visit } from '../../shared/model';
import { deleteNotes } from './notes';
import type { AppDB } from './AppDB';

export const TRASH_DAYS = 30;
const TRASH_MS = TRASH_DAYS * 24 * 3600_000;

export interface TrashContents {
  visits: Visit[];
  /** Notes trashed on their own (those trashed with their visit come back with it). */
  notes: NoteSummary[];
}

export async function listTrash(database: AppDB, expeditionId: string): Promise<TrashContents> {
  // Only trashed records are in the deletedAt index (null is not an IndexedDB key).
  const [visits, notes] = await Promise.all([
    database.visits
      .where('deletedAt')
      .above(0)
      .filter((v) => v.expeditionId === expeditionId)
      .toArray(),
    database.notes
      .where('deletedAt')
      .above(0)
      .filter((n) => n.expeditionId === expeditionId)
      .toArray(),
  ]);
  const withVisit = new Set(visits.map((visit) => `${visit.id}@${visit.deletedAt}`));
  return {
    visits: visits.sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)),
    notes: notes.filter((note) => !withVisit.has(`${note.visitId}@${note.deletedAt}`)).sort((a, b) => (b.deletedAt ?? 0) - (a.deletedAt ?? 0)),
  };
}

/** Deletes for good what has been in the trash longer than 30 days, attachments included. */
export async function purgeTrash(database: AppDB, now = Date.now()): Promise<number> {
  const limit = now - TRASH_MS;
  return database.transaction('rw', [database.visits, database.notes, database.noteStates, database.attachments], async () => {
    const noteIds = await database.notes.where('deletedAt').between(0, limit, false, true).primaryKeys();
    const visitIds = await database.visits.where('deletedAt').between(0, limit, false, true).primaryKeys();
    await database.attachments.where('noteId').anyOf(noteIds).delete();
    await deleteNotes(database, noteIds);
    await database.visits.bulkDelete(visitIds);
    return noteIds.length + visitIds.length;
  });
}
