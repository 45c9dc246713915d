// An organiser's calendar (RFC 5545) → planned visits, with ical.js.
//
// Times keep the zone they were written in: TZID times get the offset their VTIMEZONE
// gives (ical.js 2 finds VTIMEZONEs in the parsed tree itself, so nothing is registered in
// its global TimezoneService and two imports cannot see each other's zones); a TZID with
// no VTIMEZONE is read as an IANA name with Intl; UTC times get '+00:00'; floating times
// are read in the expedition's zone (`--tz`); X-WR-TIMEZONE is ignored.
// All-day events: DTEND is exclusive in iCalendar, so the visit's `end` is DTEND minus
// one day — the last day of the visit, inclusive, as Visit.endDate stores it.
import ICAL from 'ical.js';
import type { ImportPlan, PlannedVisit } from '../../shared/importPlan';
import { badFormat, type Deadline, GaveUp, LIMITS, tooMany } from './limits';
import { countItems, emptyPlan, issue, textOrNull, type ParseContext } from './plan';
import type { TextInput } from './readInput';
import { addDays, formatDate, formatWithOffset, isValidTimeZone, wallToZonedIso, type WallTime } from './zonedTime';

type IcalEvent = InstanceType<typeof ICAL.Event>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalComponent = InstanceType<typeof ICAL.Component>;
type IcalRecur = InstanceType<typeof ICAL.Recur>;

/** Removes line folds (CRLF or LF followed by a space or tab) from raw bytes. Done before
 *  decoding because calendar writers fold at 75 octets, even inside a UTF-8 sequence. */
export function unfoldIcsBytes(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let length = 0;
  let copiedTo = 0;
  // Jump from line feed to line feed, copying the runs between folds in one go.
  for (let lf = bytes.indexOf(0x0a); lf !== -1; lf = bytes.indexOf(0x0a, lf + 1)) {
    if (!isFoldSpace(bytes[lf + 1])) continue;
    const foldStart = lf > 0 && bytes[lf - 1] === 0x0d ? lf - 1 : lf;
    out.set(bytes.subarray(copiedTo, foldStart), length);
    length += foldStart - copiedTo;
    copiedTo = lf + 2;
  }
  out.set(bytes.subarray(copiedTo), length);
  length += bytes.length - copiedTo;
  return out.subarray(0, length);
}

function isFoldSpace(byte: number | undefined): boolean {
  return byte === 0x20 || byte === 0x09;
}

export function parseIcs(input: TextInput, context: ParseContext): ImportPlan {
  const plan = emptyPlan('ics', input.encoding, input.name);
  // Folds were removed from the bytes; this catches UTF-16 files, decoded before that.
  const text = input.text.replace(/\r?\n[ \t]/g, '');
  checkShape(text);
  const calendars = readCalendars(text);
  const reader = new EventReader(plan, context);
  for (const calendar of calendars) reader.readCalendar(calendar);
  plan.itemCount = countItems(plan);
  return plan;
}

function checkShape(text: string): void {
  if (!/^\s*BEGIN:VCALENDAR/i.test(text)) throw badFormat('This is not an iCalendar file: it does not start with BEGIN:VCALENDAR.');
  if (!/END:VCALENDAR\s*$/i.test(text)) throw badFormat('The calendar is truncated: it does not end with END:VCALENDAR.');
  const events = text.match(/^BEGIN:VEVENT\s*$/gim)?.length ?? 0;
  if (events > LIMITS.maxVisits) throw tooMany('events', LIMITS.maxVisits);
  checkLines(text);
}

/** Bounds what ical.js will be given: the number of lines, and the parameters of each
 *  property (counted up to the first ':' outside quotes). */
function checkLines(text: string): void {
  let lineNumber = 0;
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (++lineNumber > LIMITS.maxIcsLines) throw tooMany('lines', LIMITS.maxIcsLines);
    let parameters = 0;
    let quoted = false;
    for (let i = start; i < end; i++) {
      const char = text.charCodeAt(i);
      if (char === 0x22) quoted = !quoted;
      else if (quoted) continue;
      else if (char === 0x3a)
        break; // ':' ends the name and parameters
      else if (char === 0x3b && ++parameters > LIMITS.maxIcsParameters) {
        throw badFormat(`Line ${lineNumber} of the calendar has more than ${LIMITS.maxIcsParameters} parameters.`, { line: lineNumber });
      }
    }
    start = end + 1;
  }
}

function readCalendars(text: string): IcalComponent[] {
  let jcal: unknown;
  try {
    jcal = ICAL.parse(text);
  } catch (error) {
    throw badFormat(`The calendar cannot be read: ${shortReason(error)}.`);
  }
  // One calendar parses to one jCal array; several to an array of them.
  const list = Array.isArray(jcal) && Array.isArray(jcal[0]) ? (jcal as unknown[]) : [jcal];
  return list.map((entry) => new ICAL.Component(entry as never)).filter((c) => c.name === 'vcalendar');
}

class EventReader {
  private readonly warnedZones = new Set<string>();

  constructor(
    private readonly plan: ImportPlan,
    private readonly context: ParseContext,
  ) {}

  readCalendar(calendar: IcalComponent): void {
    const components = calendar.getAllSubcomponents('vevent');
    const masters = new Map<string, IcalEvent>();
    const events: IcalEvent[] = [];
    const exceptions: IcalComponent[] = [];
    for (const component of components) {
      if (component.hasProperty('recurrence-id')) exceptions.push(component);
      else {
        // Exceptions given (none): ical.js would otherwise look through every event of the
        // calendar for each one, quadratic, and relate them whatever their UID.
        const event = new ICAL.Event(component, { exceptions: [] });
        events.push(event);
        if (event.uid) masters.set(event.uid, event);
      }
    }
    // A moved or cancelled occurrence of a repeating event belongs to its master.
    for (const exception of exceptions) {
      const master = masters.get(String(exception.getFirstPropertyValue('uid') ?? ''));
      if (master?.isRecurring()) master.relateException(exception);
      else events.push(new ICAL.Event(exception));
    }
    for (const event of events) {
      this.context.deadline.check();
      this.readEvent(event);
    }
  }

  private readEvent(event: IcalEvent): void {
    const title = safely(() => textOrNull(event.summary)) ?? null;
    const label = title ?? '(untitled event)';
    if (isCancelled(event.component)) {
      this.plan.skipped.push(issue('cancelledEvent', `Cancelled event left out: ${label}.`, { title: label }));
      return;
    }
    if (!title) {
      this.plan.skipped.push(issue('skippedItem', 'An event without a title was left out.', { reason: 'noTitle' }));
      return;
    }
    try {
      if (event.isRecurring()) this.readOccurrences(event, title);
      else this.addVisit(event, title, event.startDate, explicitEnd(event));
    } catch (error) {
      if (error instanceof GaveUp) throw error;
      this.plan.skipped.push(issue('badDate', `Event “${title}” left out: ${shortReason(error)}.`, { title }));
    }
  }

  private readOccurrences(event: IcalEvent, title: string): void {
    // Occurrences more than a year after the first are not part of an expedition.
    const horizon = event.startDate.clone();
    horizon.year += 1;
    boundRules(event.component, horizon, this.context.deadline);
    const iterator = event.iterator();
    let found = 0;
    let kept = 0;
    let complete = true;
    try {
      for (let next = iterator.next(); next; next = iterator.next()) {
        this.context.deadline.check();
        if (kept >= LIMITS.maxOccurrencesPerEvent || next.compare(horizon) > 0) {
          complete = false;
          break;
        }
        found++;
        const details = event.getOccurrenceDetails(next);
        const occurrence = details.item;
        if (isCancelled(occurrence.component)) continue;
        const occurrenceTitle = textOrNull(occurrence.summary) ?? title;
        this.addVisit(occurrence, occurrenceTitle, details.startDate, details.endDate);
        kept++;
      }
    } catch (error) {
      if (!(error instanceof TooManySteps)) throw error;
      complete = false;
    }
    if (found === 0) {
      // A rule no date matches within a year (BYMONTH=2;BYMONTHDAY=30), or none found in
      // the steps allowed: the event would otherwise vanish without a word.
      this.plan.skipped.push(
        issue('skippedItem', `Event “${title}” left out: no date of its repeat rule was found within a year.`, { title, reason: 'noOccurrence' }),
      );
    } else if (!complete) {
      this.plan.warnings.push(issue('recurrenceTruncated', `“${title}” repeats; only its first ${kept} occurrences were kept.`, { title, count: kept }));
    }
  }

  private addVisit(event: IcalEvent, title: string, start: IcalTime, end: IcalTime | null): void {
    if (this.plan.visits.length >= LIMITS.maxVisits) throw tooMany('visits', LIMITS.maxVisits);
    const tzid = tzidOf(event.component, 'dtstart');
    const endTzid = tzidOf(event.component, 'dtend') ?? tzid;
    const allDay = start.isDate;
    const visit: PlannedVisit = {
      title,
      organisation: null,
      start: allDay ? dateOf(start) : this.format(start, tzid),
      end: null,
      allDay,
      location: textOrNull(event.location),
      description: textOrNull(event.description),
      speakers: [],
    };
    if (end && allDay) {
      // Exclusive end date → the last day of the visit.
      const lastDay = addDays(dateOf(end), -1);
      visit.end = lastDay > (visit.start ?? '') ? lastDay : visit.start;
    } else if (end) {
      visit.end = this.format(end, endTzid);
    } else if (allDay) {
      visit.end = visit.start;
    }
    this.plan.visits.push(visit);
  }

  /** A date-time as ISO 8601 with the offset of the zone it was written in. */
  private format(time: IcalTime, tzid: string | null): string {
    const wall = wallOf(time);
    const zone = time.zone?.tzid;
    if (zone === 'UTC' || zone === 'Z' || zone === 'GMT') return formatWithOffset(wall, 0);
    if (zone && zone !== 'floating') return formatWithOffset(wall, Math.round(time.utcOffset() / 60));
    if (tzid) {
      // A TZID with no VTIMEZONE in the file: most writers use IANA names.
      const iana = ianaNameIn(tzid);
      if (iana) return wallToZonedIso(wall, iana);
      this.warnUnknownZone(tzid);
    }
    return wallToZonedIso(wall, this.context.timeZone);
  }

  private warnUnknownZone(tzid: string): void {
    if (this.warnedZones.has(tzid)) return;
    this.warnedZones.add(tzid);
    const zone = tzid.length > 80 ? `${tzid.slice(0, 80)}…` : tzid;
    this.plan.warnings.push(
      issue('unknownTimeZone', `Unknown time zone “${zone}”: its times were read in ${this.context.timeZone}.`, {
        zone,
        timeZone: this.context.timeZone,
      }),
    );
  }
}

/** A frequency's steps in a year (366 days): an INTERVAL of more than that reaches past
 *  the horizon in one step, and is cut to it. ical.js takes a DAILY INTERVAL of
 *  999999999999 one day at a time, which never ends. */
const STEPS_IN_A_YEAR: Record<string, number> = {
  SECONDLY: 366 * 86_400,
  MINUTELY: 366 * 1_440,
  HOURLY: 366 * 24,
  DAILY: 366,
  WEEKLY: 53,
  MONTHLY: 12,
  YEARLY: 1,
};

class TooManySteps extends Error {}

/** Bounds ical.js's expansion of an event's RRULEs from inside its loop, which looks for
 *  the next date that matches a rule and never returns when none does: each date it
 *  tries is counted (at most LIMITS.maxRecurrenceSteps, with the time budget checked on
 *  the way), and a rule past the horizon ends there, as the reader would stop at it. */
function boundRules(component: IcalComponent, horizon: IcalTime, deadline: Deadline): void {
  let steps = 0;
  for (const property of component.getAllProperties('rrule')) {
    const recur = property.getFirstValue() as IcalRecur;
    recur.interval = Math.min(recur.interval, (STEPS_IN_A_YEAR[recur.freq] ?? 1) + 1);
    const makeIterator = recur.iterator.bind(recur);
    recur.iterator = (start) => {
      const iterator = makeIterator(start);
      const matches = iterator.check_contracting_rules.bind(iterator);
      iterator.check_contracting_rules = () => {
        if (++steps > LIMITS.maxRecurrenceSteps) throw new TooManySteps();
        if (steps % 1_024 === 0) deadline.check();
        // Past the horizon: taken as a match, the date ends ical.js's search and the reader.
        return iterator.last.compare(horizon) > 0 || matches();
      };
      return iterator;
    };
  }
}

function explicitEnd(event: IcalEvent): IcalTime | null {
  const component = event.component;
  return component.hasProperty('dtend') || component.hasProperty('duration') ? event.endDate : null;
}

function isCancelled(component: IcalComponent): boolean {
  return (
    String(component.getFirstPropertyValue('status') ?? '')
      .trim()
      .toUpperCase() === 'CANCELLED'
  );
}

function tzidOf(component: IcalComponent, property: string): string | null {
  const value = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

/** Longer than any IANA name ('America/Argentina/ComodRivadavia' has 32 characters). */
const MAX_ZONE_NAME = 64;

/** 'Europe/Paris', also from the prefixed forms some writers use ('/mozilla.org/…/Europe/Paris').
 *  Only the end of the TZID is searched: the pattern, tried at every position of a long
 *  one, took quadratic time (200 KB: 25 s). */
function ianaNameIn(tzid: string): string | null {
  if (tzid.length <= MAX_ZONE_NAME && isValidTimeZone(tzid)) return tzid;
  const tail = /([A-Za-z_]+\/[A-Za-z0-9_+-]+(?:\/[A-Za-z0-9_+-]+)?)$/.exec(tzid.slice(-MAX_ZONE_NAME))?.[1];
  return tail && isValidTimeZone(tail) ? tail : null;
}

function wallOf(time: IcalTime): WallTime {
  return { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
}

function dateOf(time: IcalTime): string {
  return formatDate(time.year, time.month, time.day);
}

function safely<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch {
    return undefined;
  }
}

function shortReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 160) || 'unknown error';
}
