// Which visit a photo was taken during, from its EXIF capture time and the programme:
// used to point out a photo that seems to belong to another visit than its note's.
import type { Visit } from '../../../shared/model';
import { addDays, zonedDate, zonedToEpoch } from '../../../shared/time';

/** A visit without an end time is taken to last this long (as for "the visit now"). */
const DEFAULT_VISIT_MS = 2 * 60 * 60 * 1000;

function visitSpan(visit: Visit, timeZone: string): [number, number] {
  if (visit.allDay) {
    const firstDay = visit.date ?? zonedDate(visit.start, timeZone);
    const lastDay = visit.endDate ?? firstDay;
    return [zonedToEpoch(firstDay, '00:00', timeZone), zonedToEpoch(addDays(lastDay, 1), '00:00', timeZone)];
  }
  return [visit.start, visit.end ?? visit.start + DEFAULT_VISIT_MS];
}

/** The visit in progress at `at`; a timed visit wins over an all-day one. */
export function visitTakenDuring(visits: readonly Visit[], at: number, timeZone: string): Visit | null {
  const during = visits.filter((visit) => {
    if (visit.deletedAt !== null) return false;
    const [start, end] = visitSpan(visit, timeZone);
    return start <= at && at < end;
  });
  return during.find((visit) => !visit.allDay) ?? during[0] ?? null;
}
