// Wall-clock times in IANA zones as ISO 8601 strings with their offset, with Intl only.
// (src/shared/time.ts, being written beside this, does the same for the renderer; these
// few functions stay here so that the import parsers do not wait on it.)

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  if (timeZone.trim() === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

function wallTimeAt(epochMs: number, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) parts[part.type] = Number(part.value);
  return {
    year: parts['year'] ?? 1970,
    month: parts['month'] ?? 1,
    day: parts['day'] ?? 1,
    hour: parts['hour'] ?? 0,
    minute: parts['minute'] ?? 0,
    second: parts['second'] ?? 0,
  };
}

function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  // setUTCFullYear, unlike Date.UTC, keeps years 0–99 as they are.
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, 0);
  return date.getTime();
}

/** The zone's offset from UTC at an instant, in minutes (Paris in winter: 60). */
export function offsetMinutesAt(epochMs: number, timeZone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallAsUtc(wallTimeAt(whole, timeZone)) - whole) / 60_000);
}

/** The instant at which clocks in the zone show this wall time. In a DST gap the time
 *  moves forward; in a repeated hour the first of the two instants is taken. */
export function wallToEpoch(wall: WallTime, timeZone: string): number {
  const asUtc = wallAsUtc(wall);
  const first = asUtc - offsetMinutesAt(asUtc, timeZone) * 60_000;
  const second = asUtc - offsetMinutesAt(first, timeZone) * 60_000;
  return Math.min(first, second);
}

const pad = (value: number, width = 2): string => String(Math.abs(value)).padStart(width, '0');

export function formatDate(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** '2024-11-20T09:15:00+01:00' for a wall time already known with its offset. */
export function formatWithOffset(wall: WallTime, offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return (
    `${formatDate(wall.year, wall.month, wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** An instant as ISO 8601 with the offset the zone has at that instant. */
export function epochToZonedIso(epochMs: number, timeZone: string): string {
  return formatWithOffset(wallTimeAt(epochMs, timeZone), offsetMinutesAt(epochMs, timeZone));
}

/** A wall time read in a zone (a floating time), as ISO 8601 with the zone's offset. */
export function wallToZonedIso(wall: WallTime, timeZone: string): string {
  return epochToZonedIso(wallToEpoch(wall, timeZone), timeZone);
}

export function isValidDate(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return Number.isInteger(day) && day <= daysInMonth;
}

export function isValidTime(hour: number, minute: number, second = 0): boolean {
  return hour >= 0 && hour <= 23 && minute >= 0 && minute <= 59 && second >= 0 && second <= 59;
}

/** 'YYYY-MM-DD' moved by whole days. */
export function addDays(date: string, days: number): string {
  const [year = 1970, month = 1, day = 1] = date.split('-').map(Number);
  const moved = new Date(wallAsUtc({ year, month, day, hour: 12, minute: 0, second: 0 }) + days * 86_400_000);
  return formatDate(moved.getUTCFullYear(), moved.getUTCMonth() + 1, moved.getUTCDate());
}

export type ParsedDateTime = { kind: 'date'; date: string } | { kind: 'dateTime'; iso: string };

const ISO_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** An ISO 8601 date or date-time as people and programs write it. A time without an
 *  offset is a floating time, read in `timeZone`; one with an offset keeps it. */
export function parseIsoDateTime(text: string, timeZone: string): ParsedDateTime | null {
  if (text.length > 60) return null;
  const match = ISO_PATTERN.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number) as [number, number, number];
  if (!isValidDate(year, month, day)) return null;
  if (match[4] === undefined) return { kind: 'date', date: formatDate(year, month, day) };
  const wall: WallTime = { year, month, day, hour: Number(match[4]), minute: Number(match[5]), second: Number(match[6] ?? 0) };
  if (!isValidTime(wall.hour, wall.minute, wall.second)) return null;
  const zone = match[7];
  if (zone === undefined) return { kind: 'dateTime', iso: wallToZonedIso(wall, timeZone) };
  return { kind: 'dateTime', iso: formatWithOffset(wall, parseOffset(zone)) };
}

function parseOffset(zone: string): number {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return zone.startsWith('-') ? -minutes : minutes;
}
