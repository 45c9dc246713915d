// The sample expedition: every file gives what expected.json says, through planImport
// and through the built CLI.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../../src/shared/importPlan';
import type { InspectReport } from '../../../src/main/import/report';
import { FIXTURES, planOk, runCli } from './helpers';

interface ExpectedVisit {
  title: string;
  allDay?: boolean;
  date?: string;
  start?: string;
  end?: string;
  location: string;
}
interface ExpectedNote {
  file: string;
  title: string;
  visit: string;
  tags: string[];
  lessons: string[];
}
const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  visits: ExpectedVisit[];
  lessons: string[];
  notes: ExpectedNote[];
};

type Visits = Array<Pick<ImportPlan['visits'][number], 'title' | 'start' | 'end' | 'allDay' | 'location'>>;
type Notes = Array<Pick<ImportPlan['notes'][number], 'title' | 'visit' | 'tags' | 'lessons'>>;

/** "Any equivalent instant is right": timed visits are compared as instants, and must be
 *  written with an offset. */
function expectVisits(visits: Visits): void {
  expect(visits.map((v) => v.title)).toEqual(expected.visits.map((v) => v.title));
  expected.visits.forEach((want, index) => {
    const got = visits[index]!;
    expect(got.location).toBe(want.location);
    if (want.allDay) {
      expect(got.allDay).toBe(true);
      expect(got.start).toBe(want.date);
      expect(got.end).toBe(want.date);
    } else {
      expect(got.allDay).toBe(false);
      expect(got.start).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(Date.parse(got.start!)).toBe(Date.parse(want.start!));
      expect(Date.parse(got.end!)).toBe(Date.parse(want.end!));
    }
  });
}

function expectNotes(notes: Notes, files: string[]): void {
  const wanted = expected.notes.filter((note) => files.includes(basename(note.file)));
  expect(notes).toHaveLength(wanted.length);
  wanted.forEach((want, index) => {
    const got = notes[index]!;
    expect({ title: got.title, visit: got.visit, tags: got.tags, lessons: got.lessons }).toEqual({
      title: want.title,
      visit: want.visit,
      tags: want.tags,
      lessons: want.lessons,
    });
  });
}

const noteFiles = readdirSync(join(FIXTURES, 'notes'))
  .filter((name) => name.endsWith('.md'))
  .sort();

/** Every input of the sample expedition and what to check on it. */
const cases: Array<{ input: string; format: string; check(result: { visits: Visits; lessons: Array<{ title: string }>; notes: Notes }): void }> = [
  { input: 'programme.ics', format: 'ics', check: (r) => expectVisits(r.visits) },
  { input: 'programme.csv', format: 'csv', check: (r) => expectVisits(r.visits) },
  { input: 'lessons.md', format: 'markdown', check: (r) => expect(r.lessons.map((l) => l.title)).toEqual(expected.lessons) },
  { input: 'notes', format: 'markdown', check: (r) => expectNotes(r.notes, noteFiles) },
  ...noteFiles.map((file) => ({ input: `notes/${file}`, format: 'markdown', check: (r: { notes: Notes }) => expectNotes(r.notes, [file]) })),
];

describe('sample expedition', () => {
  it('covers every input file of the fixture folder', () => {
    const inputs = readdirSync(FIXTURES).filter((name) => !['README.md', 'expected.json'].includes(name));
    expect(inputs.sort()).toEqual(['lessons.md', 'notes', 'programme.csv', 'programme.ics']);
  });

  for (const { input, format, check } of cases) {
    it(`${input} through planImport`, async () => {
      const plan = await planOk(join(FIXTURES, input));
      expect(plan.source.format).toBe(format);
      expect(plan.source.encoding).toBe('utf-8');
      expect(plan.warnings).toEqual([]);
      expect(plan.skipped).toEqual([]);
      expect(plan.itemCount).toBe(plan.visits.length + plan.lessons.length + plan.notes.length);
      check(plan);
    });

    it(`${input} through the CLI`, () => {
      const run = runCli('inspect', join(FIXTURES, input), '--tz', 'Europe/Paris');
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const report = JSON.parse(run.stdout) as InspectReport;
      expect(Object.keys(report)).toEqual(['source', 'visits', 'lessons', 'notes', 'warnings']);
      expect(report.source).toEqual({ format, encoding: 'utf-8' });
      expect(report.warnings).toEqual([]);
      check(report);
    });
  }

  it('reads the ICS and CSV times the same whatever --tz is, since they carry their zone', () => {
    const run = runCli('inspect', join(FIXTURES, 'programme.ics'), '--tz', 'America/New_York');
    expectVisits((JSON.parse(run.stdout) as InspectReport).visits);
  });

  it('describes the lessons and keeps every note field in the documented shape', () => {
    const report = JSON.parse(runCli('inspect', join(FIXTURES, 'notes'), '--tz', 'Europe/Paris').stdout) as InspectReport;
    const note = report.notes[0]!;
    expect(Object.keys(note)).toEqual(['title', 'visit', 'createdAt', 'tags', 'lessons', 'text']);
    expect(note.createdAt).toBe('2024-11-20T10:05:00+01:00');
    expect(note.text).toContain('« On ne demande pas aux gens de changer de métier');
    expect(note.text).not.toContain('---');
    const visit = (JSON.parse(runCli('inspect', join(FIXTURES, 'programme.csv')).stdout) as InspectReport).visits[1]!;
    expect(Object.keys(visit)).toEqual(['title', 'organisation', 'start', 'end', 'allDay', 'location', 'description']);
    expect(visit.organisation).toBe('Michelin');
  });
});
