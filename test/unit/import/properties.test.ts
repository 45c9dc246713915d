// Property-based: random and mutated inputs never make a parser throw or hang, and every
// failure carries one of the documented codes. Successful plans keep their invariants.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ImportPlan } from '../../../src/shared/importPlan';
import { planImport } from '../../../src/main/import/index';
import { ERROR_CODES_OF_IMPORT, FIXTURES, scratch } from './helpers';

const files = scratch();
const RUNS = Number(process.env['CARNET_FC_RUNS'] ?? 60);
/** Generous for a slow CI machine; the real budget of an import is 8 s. */
const BOUND_MS = 5_000;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/;

let counter = 0;

async function checkPlanning(name: string, content: Uint8Array | string): Promise<void> {
  const path = files.write(`${counter++}/${name}`, content);
  const started = Date.now();
  const result = await planImport(path, { timeZone: 'Europe/Paris' });
  expect(Date.now() - started).toBeLessThan(BOUND_MS);
  if (!result.ok) {
    expect(ERROR_CODES_OF_IMPORT).toContain(result.error.code);
    expect(result.error.message).toMatch(/\S/);
    return;
  }
  expectInvariants(result.value);
}

function expectInvariants(plan: ImportPlan): void {
  if (plan.csvMapping?.recognised !== false) {
    expect(plan.itemCount).toBe(plan.visits.length + plan.lessons.length + plan.notes.length + plan.skipped.length);
  }
  for (const visit of plan.visits) {
    expect(visit.title.trim()).not.toBe('');
    for (const time of [visit.start, visit.end]) if (time !== null) expect(time).toMatch(ISO);
  }
  for (const note of plan.notes) for (const tag of note.tags) expect(tag).toBe(tag.toLocaleLowerCase('fr'));
  expect(() => JSON.stringify(plan)).not.toThrow();
}

const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, name)));

/** Truncations, byte flips, inserted NULs and repeated slices of a file. */
function mutated(original: Uint8Array): fc.Arbitrary<Uint8Array> {
  const at = fc.nat({ max: original.length });
  return fc.oneof(
    at.map((cut) => original.subarray(0, cut)),
    fc.array(fc.tuple(at, fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
      const copy = original.slice();
      for (const [index, byte] of flips) if (index < copy.length) copy[index] = byte;
      return copy;
    }),
    at.map((index) => new Uint8Array([...original.subarray(0, index), 0, ...original.subarray(index)])),
    fc.tuple(at, at, fc.integer({ min: 1, max: 20 })).map(([from, to, times]) => {
      const slice = original.subarray(Math.min(from, to), Math.max(from, to));
      const repeated = new Uint8Array(slice.length * times);
      for (let i = 0; i < times; i++) repeated.set(slice, i * slice.length);
      return new Uint8Array([...original.subarray(0, to), ...repeated, ...original.subarray(to)]);
    }),
  );
}

/** Text made of the pieces each format is built from, in any order. */
const TOKENS = [
  'BEGIN:VCALENDAR',
  'END:VCALENDAR',
  'BEGIN:VEVENT',
  'END:VEVENT',
  'BEGIN:VTIMEZONE',
  'END:VTIMEZONE',
  'SUMMARY:Visite',
  'DTSTART:20241120T091500Z',
  'DTSTART;TZID=Europe/Paris:20241120T091500',
  'DTSTART;VALUE=DATE:20241119',
  'DTEND:2024',
  'RRULE:FREQ=DAILY',
  'RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30',
  'STATUS:CANCELLED',
  'RECURRENCE-ID:20241121T091500Z',
  'UID:1',
  'Titre;Date;Début;Fin',
  'Title,Date,Start',
  '20/11/2024',
  '2024-11-20',
  '09:15',
  '9h15 - 12h',
  '"',
  '""',
  ';',
  ',',
  '\t',
  '{',
  '}',
  '[',
  ']',
  '"visits":',
  '"lessons":',
  '"title":"x"',
  '"start":"2024-11-20"',
  'null',
  '1e999',
  '---',
  'title: x',
  'tags: [a, b]',
  'tags: "#a, b"',
  'visit: [[x]]',
  'date: 2024-11-20',
  '*a',
  '**',
  '`',
  '~~',
  '[[',
  ']]',
  '![](img/a.jpg)',
  '![[../a.png]]',
  '# Titre',
  '## Leçon',
  '- item',
  '> quote',
  '```',
  '#tag',
  'é',
  '\u2028',
  '\ufeff',
  '\r\n',
  '\n',
  ' ',
  '\r\n ',
];
const tokenText = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((parts) => parts.join(''));
const anyText = fc.oneof(tokenText, fc.string({ maxLength: 500 }), fc.string({ unit: 'binary', maxLength: 500 }));
const anyBytes = fc.oneof(
  anyText.map((text) => new TextEncoder().encode(text)),
  fc.uint8Array({ maxLength: 2000 }),
);

describe('parsers under random input', () => {
  for (const extension of ['ics', 'csv', 'tsv', 'txt', 'json', 'md', 'carnet']) {
    it(`random .${extension} files`, async () => {
      await fc.assert(
        fc.asyncProperty(anyBytes, (bytes) => checkPlanning(`random.${extension}`, bytes)),
        { numRuns: RUNS },
      );
    });
  }

  for (const name of ['programme.ics', 'programme.csv', 'lessons.md', 'notes/2024-11-20-michelin-competences.md']) {
    it(`mutations of ${name}`, async () => {
      const original = fixture(name);
      await fc.assert(
        fc.asyncProperty(mutated(original), (bytes) => checkPlanning(name.split('/').pop()!, bytes)),
        { numRuns: RUNS },
      );
    });
  }

  it('mutations of a JSON programme', async () => {
    const json = new TextEncoder().encode(
      JSON.stringify({
        format: 'carnet-programme',
        expedition: { timeZone: 'Europe/Paris' },
        visits: [{ title: 'a', start: '2024-11-20T09:15' }],
        lessons: ['b'],
      }),
    );
    await fc.assert(
      fc.asyncProperty(mutated(json), (bytes) => checkPlanning('programme.json', bytes)),
      { numRuns: RUNS },
    );
  });

  it('folders of mutated and random notes', async () => {
    const note = fixture('notes/2024-11-21-uca-territoire.md');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(mutated(note), anyBytes), { minLength: 1, maxLength: 5 }), async (notes) => {
        const folder = `folder-${counter++}`;
        notes.forEach((bytes, index) => files.write(`${folder}/note-${index}.md`, bytes));
        const started = Date.now();
        const result = await planImport(join(files.dir, folder), { timeZone: 'Europe/Paris' });
        expect(Date.now() - started).toBeLessThan(BOUND_MS);
        // One bad note never stops the others: the folder itself always plans.
        expect(result.ok).toBe(true);
        if (result.ok) {
          expect(result.value.itemCount).toBe(notes.length);
          expectInvariants(result.value);
        }
      }),
      { numRuns: 30 },
    );
  });
});
