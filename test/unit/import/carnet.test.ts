// `carnet inspect` on a Carnet backup describes what it holds, in the documented shape.
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planImport } from '../../../src/main/import/index';
import { toInspectReport } from '../../../src/main/import/report';
import { backupWithPhotos } from '../journal/craftBackup';
import { scratch } from './helpers';

const files = scratch();

const SAMPLE = resolve(__dirname, '../../fixtures/sample.carnet');

describe('inspecting a Carnet backup', () => {
  it('lists its visits with offsets, its lessons and its notes', async () => {
    const planned = await planImport(SAMPLE, { timeZone: 'UTC' });
    if (!planned.ok) throw new Error(planned.error.message);
    const report = toInspectReport(planned.value) as {
      source: { format: string };
      visits: { title: string; start: string; allDay: boolean }[];
      lessons: { title: string }[];
      notes: { visit: string; tags: string[]; lessons: string[] }[];
    };
    expect(report.source.format).toBe('carnet');
    expect(report.visits[0]).toMatchObject({ start: '2024-11-19', allDay: true });
    // Times are written in the expedition's zone, whatever --tz says.
    expect(report.visits[1]?.start).toBe('2024-11-20T09:15:00+01:00');
    expect(report.lessons.map((lesson) => lesson.title)).toContain('Apprendre des autres');
    expect(report.notes.length).toBeGreaterThan(5);
    expect(report.notes.some((note) => note.tags.includes('écosystème'))).toBe(true);
    expect(report.notes.every((note) => typeof note.visit === 'string')).toBe(true);
  });

  it('reads within the time budget of the other readers', async () => {
    // 40 MB of photos to check: far more than 5 ms of work.
    const path = files.write('photos.carnet', backupWithPhotos(20, new Uint8Array(randomBytes(2 * 1024 * 1024))));
    const hurried = await planImport(path, { timeZone: 'UTC', budgetMs: 5 });
    expect(hurried.ok || hurried.error.message).toMatch(/^Gave up after 0 s/);
    const planned = await planImport(path, { timeZone: 'UTC' });
    expect(planned.ok && planned.value.notes.length).toBeGreaterThan(5);
  }, 30_000);
});
