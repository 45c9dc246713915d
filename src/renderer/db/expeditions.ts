import type { Expedition } from '../../shared/model';
import { newId } from '../../shared/ids';
import type { AppDB } from './AppDB';

export type ExpeditionInput = Pick<Expedition, 'title' | 'place' | 'startDate' | 'endDate' | 'timeZone' | 'participant'>;

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export async function createExpedition(database: AppDB, input: ExpeditionInput): Promise<Expedition> {
  const now = Date.now();
  const expedition: Expedition = { id: newId(), ...input, createdAt: now, updatedAt: now };
  await database.expeditions.add(expedition);
  return expedition;
}

export async function updateExpedition(database: AppDB, id: string, changes: Partial<ExpeditionInput>): Promise<void> {
  await database.expeditions.update(id, { ...changes, updatedAt: Date.now() });
}

export function listExpeditions(database: AppDB): Promise<Expedition[]> {
  return database.expeditions.orderBy('updatedAt').reverse().toArray();
}
