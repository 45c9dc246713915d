import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB } from '../../src/renderer/db/AppDB';
import { addAttachment, getAttachment, listNoteAttachments, setAttachmentCaption } from '../../src/renderer/db/attachments';
import { captureTimeFromExif, readCaptureTime } from '../../src/renderer/photos/captureTime';
import { visitInProgress } from '../../src/shared/visits';
import type { Visit } from '../../src/shared/model';
import { withExif } from '../fixtures/images/exif';
import { visitRecord } from '../fixtures/records';

const TINY_JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xd9]);

describe('capture time from EXIF', () => {
  it('uses the offset the camera wrote', () => {
    expect(captureTimeFromExif('2024:11:20 10:15:00', '+01:00', 'Asia/Tokyo')).toBe(Date.UTC(2024, 10, 20, 9, 15));
    expect(captureTimeFromExif('2024:07:04 08:00:00', '-04:00', 'Europe/Paris')).toBe(Date.UTC(2024, 6, 4, 12, 0));
  });

  it('reads a time without offset in the expedition’s zone, daylight saving included', () => {
    expect(captureTimeFromExif('2024:11:20 10:15:00', undefined, 'Europe/Paris')).toBe(Date.UTC(2024, 10, 20, 9, 15));
    expect(captureTimeFromExif('2024:07:20 10:15:00', null, 'Europe/Paris')).toBe(Date.UTC(2024, 6, 20, 8, 15));
  });

  it('ignores blank, malformed or missing times', () => {
    for (const value of ['0000:00:00 00:00:00', '    :  :     :  :  ', '2024-11-20', '', undefined, 42, '2024:13:01 10:00:00']) {
      expect(captureTimeFromExif(value, undefined, 'Europe/Paris')).toBeNull();
    }
  });

  it('reads DateTimeOriginal and OffsetTimeOriginal from a JPEG’s EXIF segment', async () => {
    const withOffset = withExif(TINY_JPEG, { dateTimeOriginal: '2024:11:20 15:10:00', offsetTimeOriginal: '+01:00' });
    await expect(readCaptureTime(withOffset, 'America/New_York')).resolves.toBe(Date.UTC(2024, 10, 20, 14, 10));
    const without = withExif(TINY_JPEG, { dateTimeOriginal: '2024:11:20 15:10:00' });
    await expect(readCaptureTime(without, 'Europe/Paris')).resolves.toBe(Date.UTC(2024, 10, 20, 14, 10));
  });

  it('answers null for a photo without EXIF or for bytes that are not a photo', async () => {
    await expect(readCaptureTime(TINY_JPEG, 'Europe/Paris')).resolves.toBeNull();
    await expect(readCaptureTime(new TextEncoder().encode('hello'), 'Europe/Paris')).resolves.toBeNull();
  });
});

describe('the visit a photo was taken during', () => {
  const visit = (id: string, start: number, end: number | null, extra: Partial<Visit> = {}): Visit => visitRecord({ id, start, end, ...extra });
  const day = visit('day', Date.UTC(2024, 10, 19, 23), null, { allDay: true, date: '2024-11-20' });
  const morning = visit('morning', Date.UTC(2024, 10, 20, 8, 15), Date.UTC(2024, 10, 20, 11, 30));
  const afternoon = visit('afternoon', Date.UTC(2024, 10, 20, 13, 30), null);
  const visits = [day, morning, afternoon];

  it('prefers a timed visit to the all-day one around it', () => {
    expect(visitInProgress(visits, Date.UTC(2024, 10, 20, 9), 'Europe/Paris')?.id).toBe('morning');
    expect(visitInProgress(visits, Date.UTC(2024, 10, 20, 12), 'Europe/Paris')?.id).toBe('day');
  });

  it('gives a visit without an end two hours, and ignores trashed visits', () => {
    expect(visitInProgress(visits, Date.UTC(2024, 10, 20, 15, 29), 'Europe/Paris')?.id).toBe('afternoon');
    expect(visitInProgress(visits, Date.UTC(2024, 10, 20, 15, 31), 'Europe/Paris')?.id).toBe('day');
    expect(visitInProgress([{ ...morning, deletedAt: 1 }], Date.UTC(2024, 10, 20, 9), 'Europe/Paris')).toBeNull();
    expect(visitInProgress(visits, Date.UTC(2024, 10, 21, 9), 'Europe/Paris')).toBeNull();
  });
});

describe('attachments repository', () => {
  const databases: AppDB[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) {
      database.close();
      await Dexie.delete(database.name);
    }
  });

  it('stores each photo once with its blobs, lists a note’s photos in order and mirrors captions', async () => {
    const database = new AppDB(`carnet-attachments-${Date.now()}`);
    databases.push(database);
    const base = { expeditionId: 'e', mime: 'image/jpeg', size: 4, width: 1, height: 1, display: null, capturedAt: null };
    const first = await addAttachment(database, { ...base, noteId: 'n1', name: 'a.jpg', blob: new Blob([TINY_JPEG]) });
    await new Promise((done) => setTimeout(done, 2));
    const second = await addAttachment(database, { ...base, noteId: 'n1', name: 'b.jpg', blob: new Blob([TINY_JPEG]) });
    await addAttachment(database, { ...base, noteId: 'n2', name: 'c.jpg', blob: new Blob([TINY_JPEG]) });

    expect((await listNoteAttachments(database, 'n1')).map((a) => a.name)).toEqual(['a.jpg', 'b.jpg']);
    const stored = await getAttachment(database, first.id);
    expect(stored?.caption).toBe('');
    expect(new Uint8Array(await (stored?.blob as Blob).arrayBuffer())).toEqual(TINY_JPEG);
    await setAttachmentCaption(database, second.id, 'Le hall');
    expect((await getAttachment(database, second.id))?.caption).toBe('Le hall');
    expect(await getAttachment(database, 'missing')).toBeNull();
  });
});
