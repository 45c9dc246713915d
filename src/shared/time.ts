// Wall-clock time in a named zone ⇄ instants, with Intl only (no time zone database of
// our own). Visits are typed and shown in the expedition's zone, stored as instants;
// imports read floating times in a zone and write ISO 8601 with the zone's offset.

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function partsFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = partsFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    partsFormatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  let beforeChrist = false;
  for (const part of partsFormatter(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type === 'era') beforeChrist = part.value === 'BC';
    else parts[part.type] = Number(part.value);
  }
  // Intl counts the years before 1 as 1 BC, 2 BC…; ISO 8601 and Date as 0, -1…
  const year = parts['year'] ?? 1970;
  return {
    year: beforeChrist ? 1 - year : year,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

/** 400 Gregorian years: 146,097 days, after which the calendar repeats to the day. */
const GREGORIAN_CYCLE_MS = 146_097 * 86_400_000;

/** The wall clock read as if it were UTC. */
function wallAsUtc(wall: WallClock): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  const time = date.getTime();
  // A wall clock past the first or last instant a Date holds (±8.64e15 in a zone ahead of
  // or behind UTC) is read 400 years nearer, then moved back.
  if (Number.isNaN(time) && Math.abs(wall.year) > 100_000) {
    const toward = Math.sign(wall.year);
    return wallAsUtc({ ...wall, year: wall.year - toward * 400 }) + toward * GREGORIAN_CYCLE_MS;
  }
  return time;
}

/** The zone's offset from UTC at an instant, in minutes (Paris in winter: 60). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallAsUtc(wallClockAt(whole, timeZone)) - whole) / 60_000);
}

/** The instant at which the zone's clocks show this wall time. In a DST gap the time is
 *  moved forward; in a repeated hour the first of the two instants is taken. */
export function wallClockToEpoch(wall: WallClock, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  const first = asUtc - offsetMinutesAt(asUtc, timeZone) * 60_000;
  const second = asUtc - offsetMinutesAt(first, timeZone) * 60_000;
  return Math.min(first, second);
}

/** The instant of a 'YYYY-MM-DD' date and 'HH:mm[:ss]' time in a zone. */
export function zonedToEpoch(date: string, time: string, timeZone: string): number {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0, second = 0] = time.split(':').map(Number);
  return wallClockToEpoch({ year, month, day, hour, minute, second }, timeZone);
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');

/** 'YYYY-MM-DD'; a year before 0 or after 9999 in ISO 8601's expanded form, sign and six
 *  digits ('+010000-01-01'), as Date's toISOString writes it and Date.parse reads it. */
export function formatDate(year: number, month: number, day: number): string {
  const yyyy = year >= 0 && year <= 9999 ? pad(year, 4) : `${year < 0 ? '-' : '+'}${pad(year, 6)}`;
  return `${yyyy}-${pad(month)}-${pad(day)}`;
}

/** 'YYYY-MM-DD' of an instant in a zone. */
export function zonedDate(epochMs: number, timeZone: string): string {
  const wall = wallClockAt(epochMs, timeZone);
  return formatDate(wall.year, wall.month, wall.day);
}

/** 'HH:mm' of an instant in a zone. */
export function zonedTime(epochMs: number, timeZone: string): string {
  const wall = wallClockAt(epochMs, timeZone);
  return `${pad(wall.hour)}:${pad(wall.minute)}`;
}

/** '2024-11-20T09:15:00+01:00' for a wall time already known with its offset. */
export function formatWithOffset(wall: WallClock, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${formatDate(wall.year, wall.month, wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** ISO 8601 with the offset the zone has at that instant: '2024-11-20T09:15:00+01:00'. */
export function toIsoWithOffset(epochMs: number, timeZone: string): string {
  return formatWithOffset(wallClockAt(epochMs, timeZone), offsetMinutesAt(epochMs, timeZone));
}

/** 'YYYY-MM-DD' plus a number of days (calendar arithmetic, no zone involved). */
export function addDays(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const moved = new Date(wallAsUtc({ year, month, day, hour: 12, minute: 0, second: 0 }) + days * 86_400_000);
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}
