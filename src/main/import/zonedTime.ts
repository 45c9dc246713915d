// Reading dates and times as imported files write them. The zone arithmetic itself is
// src/shared/time.ts, shared with the renderer.
import { formatDate, formatWithOffset, toIsoWithOffset, wallClockToEpoch, type WallClock } from '../../shared/time';

export { addDays, formatDate, formatWithOffset, isValidTimeZone } from '../../shared/time';
export type WallTime = WallClock;

export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** A wall time read in a zone (a floating time), as ISO 8601 with the zone's offset. */
export function wallToZonedIso(wall: WallTime, timeZone: string): string {
  return toIsoWithOffset(wallClockToEpoch(wall, timeZone), timeZone);
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

export type ParsedDateTime = { kind: 'date'; date: string } | { kind: 'dateTime'; iso: string };

const ISO_PATTERN = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

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
  const offset = parseOffset(zone);
  return offset === null ? null : { kind: 'dateTime', iso: formatWithOffset(wall, offset) };
}

/** Minutes east of UTC; null for an offset no clock has (past 23 hours or 59 minutes),
 *  which no reader of the plan could read back. */
function parseOffset(zone: string): number | null {
  if (zone.toUpperCase() === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const [hours, minutes] = [Number(digits.slice(0, 2)), Number(digits.slice(2) || 0)];
  if (hours > 23 || minutes > 59) return null;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}
