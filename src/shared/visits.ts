// Which visit is "now": where a quick note goes by default.
import type { Visit } from './model';
import { addDays, zonedDate, zonedToEpoch } from './time';

/** A visit without an end time is taken to last this long. */
const DEFAULT_VISIT_MS = 2 * 60 * 60 * 1000;

function endOf(visit: Visit, timeZone: string): number {
  if (visit.allDay) {
    // Until midnight after its last day, in the expedition's zone.
    const lastDay = visit.endDate ?? visit.date ?? zonedDate(visit.start, timeZone);
    return zonedToEpoch(addDays(lastDay, 1), '00:00', timeZone);
  }
  return visit.end ?? visit.start + DEFAULT_VISIT_MS;
}

/**
 * The visit in progress (a timed one before an all-day one), else the next one starting
 * later today, else the latest one that has started, else the first one to come.
 */
export function visitHappeningNow(visits: readonly Visit[], now: number, timeZone: string): Visit | null {
  const live = visits.filter((visit) => visit.deletedAt === null).sort((a, b) => a.start - b.start);
  const inProgress = live.filter((visit) => visit.start <= now && now < endOf(visit, timeZone));
  const timed = inProgress.find((visit) => !visit.allDay);
  if (timed ?? inProgress[0]) return timed ?? inProgress[0] ?? null;
  const today = zonedDate(now, timeZone);
  const laterToday = live.find((visit) => visit.start > now && zonedDate(visit.start, timeZone) === today);
  if (laterToday) return laterToday;
  const started = live.filter((visit) => visit.start <= now);
  return started.at(-1) ?? live[0] ?? null;
}
