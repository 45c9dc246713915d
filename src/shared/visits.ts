// Which visit is "now" (where a quick note goes by default), and which visit was in
// progress at a given instant (where a photo was taken).
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

function liveInTimeOrder(visits: readonly Visit[]): Visit[] {
  return visits.filter((visit) => visit.deletedAt === null).sort((a, b) => a.start - b.start);
}

/** The visit in progress at `at`; a timed visit wins over an all-day one. */
export function visitInProgress(visits: readonly Visit[], at: number, timeZone: string): Visit | null {
  const during = liveInTimeOrder(visits).filter((visit) => visit.start <= at && at < endOf(visit, timeZone));
  return during.find((visit) => !visit.allDay) ?? during[0] ?? null;
}

/**
 * The visit in progress, else the next one starting later today, else the latest one
 * that has started, else the first one to come.
 */
export function visitHappeningNow(visits: readonly Visit[], now: number, timeZone: string): Visit | null {
  const inProgress = visitInProgress(visits, now, timeZone);
  if (inProgress) return inProgress;
  const live = liveInTimeOrder(visits);
  const today = zonedDate(now, timeZone);
  const laterToday = live.find((visit) => visit.start > now && zonedDate(visit.start, timeZone) === today);
  if (laterToday) return laterToday;
  return live.filter((visit) => visit.start <= now).at(-1) ?? live[0] ?? null;
}
