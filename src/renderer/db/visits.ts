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

/** The expedition's visits in time order, trash excluded. */
export async function listVisits(database: AppDB, expeditionId: string): Promise<Visit[]> {
  const visits = await database.visits
    .where('[expeditionId+start]')
    .between([expeditionId, -Infinity], [expeditionId, Infinity])
    .toArray();
  return visits.filter((visit) => visit.deletedAt === null);
}
