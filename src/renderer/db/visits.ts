import type { Visit } from '../../shared/model';
import { newId } from '../../shared/ids';
import type { AppDB } from './AppDB';

export type VisitInput = Omit<Visit, 'id' | 'expeditionId' | 'createdAt' | 'updatedAt' | 'deletedAt'>;

export async function createVisit(database: AppDB, expeditionId: string, input: VisitInput): Promise<Visit> {
  const now = Date.now();
  const visit: Visit = { id: newId(), expeditionId, ...input, createdAt: now, updatedAt: now, deletedAt: null };
  await database.visits.add(visit);
  return visit;
}

export async function updateVisit(database: AppDB, id: string, input: VisitInput): Promise<void> {
  await database.visits.update(id, { ...input, updatedAt: Date.now() });
}

/** The expedition's visits in time order, trash excluded. */
export async function listVisits(database: AppDB, expeditionId: string): Promise<Visit[]> {
  const visits = await database.visits.where('[expeditionId+start]').between([expeditionId, -Infinity], [expeditionId, Infinity]).toArray();
  return visits.filter((visit) => visit.deletedAt === null);
}

/** Moves a visit to the trash with the notes it holds, stamped alike so that restoring
 *  the visit brings back those notes and not ones trashed separately before. */
export async function trashVisit(database: AppDB, id: string, now = Date.now()): Promise<void> {
  await database.transaction('rw', database.visits, database.notes, async () => {
    await database.visits.update(id, { deletedAt: now });
    await database.notes
      .where('visitId')
      .equals(id)
      .filter((note) => note.deletedAt === null)
      .modify({ deletedAt: now });
  });
}

export async function restoreVisit(database: AppDB, id: string): Promise<void> {
  await database.transaction('rw', database.visits, database.notes, async () => {
    const visit = await database.visits.get(id);
    if (!visit || visit.deletedAt === null) return;
    const stamp = visit.deletedAt;
    await database.visits.update(id, { deletedAt: null });
    await database.notes
      .where('visitId')
      .equals(id)
      .filter((note) => note.deletedAt === stamp)
      .modify({ deletedAt: null });
  });
}
