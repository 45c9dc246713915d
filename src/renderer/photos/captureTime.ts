// When a photo was taken, from its EXIF metadata. Cameras write the local wall-clock
// time (DateTimeOriginal) and, more and more, its offset from UTC (OffsetTimeOriginal).
// Without an offset the time is read in the expedition's zone: the photos were taken
// there, whatever the zone of the computer they are imported on.
import exifr from 'exifr';
import { zonedToEpoch } from '../../shared/time';

const EXIF_DATE_TIME = /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/;
const EXIF_OFFSET = /^([+-])(\d{2}):(\d{2})$/;

/** Epoch ms of an EXIF 'YYYY:MM:DD HH:MM:SS' time, or null when it is absent or blank
 *  ('0000:00:00 00:00:00' is what some cameras write when their clock is not set). */
export function captureTimeFromExif(dateTime: unknown, offset: unknown, timeZone: string): number | null {
  if (typeof dateTime !== 'string') return null;
  const match = EXIF_DATE_TIME.exec(dateTime.trim());
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as [number, number, number, number, number, number, number];
  if (y < 1900 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  const offsetMatch = typeof offset === 'string' ? EXIF_OFFSET.exec(offset.trim()) : null;
  if (offsetMatch) {
    const sign = offsetMatch[1] === '-' ? -1 : 1;
    const minutes = sign * (Number(offsetMatch[2]) * 60 + Number(offsetMatch[3]));
    return Date.UTC(y, mo - 1, d, h, mi, s) - minutes * 60_000;
  }
  return zonedToEpoch(`${y}-${pad(mo)}-${pad(d)}`, `${pad(h)}:${pad(mi)}:${pad(s)}`, timeZone);
}

/** The photo's capture time, or null when it has none or its metadata is unreadable. */
export async function readCaptureTime(image: Blob | Uint8Array, timeZone: string): Promise<number | null> {
  try {
    const tags = (await exifr.parse(image, {
      pick: ['DateTimeOriginal', 'OffsetTimeOriginal'],
      reviveValues: false,
    })) as { DateTimeOriginal?: unknown; OffsetTimeOriginal?: unknown } | undefined;
    return captureTimeFromExif(tags?.DateTimeOriginal, tags?.OffsetTimeOriginal, timeZone);
  } catch {
    return null;
  }
}
