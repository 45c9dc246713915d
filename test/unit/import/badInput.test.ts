// Files that cannot be imported: each gets its documented error code from planImport,
// and the CLI answers with one `carnet: …` line and exit status 2, well within 10 s.
import { readFileSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ErrorCode } from '../../../src/shared/ipc';
import { expectCliRefusal, FIXTURES, planError, runCli, scratch } from './helpers';

const files = scratch();

function randomBytes(length: number, seed: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let state = seed;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}

const ics = readFileSync(join(FIXTURES, 'programme.ics'), 'utf8');
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode('IHDR and more')]);
/** Control characters but no NUL: decodes as Windows-1252 yet is not text. */
const CONTROL_BYTES = randomBytes(4096, 7).map((byte) => (byte === 0 ? 1 : byte % 32 === 0 ? 1 : byte));

const cases: Array<{ name: string; content: string | Uint8Array; code: ErrorCode; message: RegExp }> = [
  { name: 'empty.csv', content: '', code: 'fileEmpty', message: /empty/ },
  { name: 'empty.ics', content: '', code: 'fileEmpty', message: /empty/ },
  { name: 'blank.md', content: '\ufeff \r\n\t\n', code: 'fileEmpty', message: /empty/ },
  { name: 'binary.csv', content: randomBytes(4096, 1), code: 'fileBinary', message: /not a text file/ },
  { name: 'binary.ics', content: randomBytes(4096, 2), code: 'fileBinary', message: /not a text file/ },
  { name: 'binary.md', content: randomBytes(4096, 3), code: 'fileBinary', message: /not a text file/ },
  { name: 'controls.csv', content: CONTROL_BYTES, code: 'fileBinary', message: /does not look like text/ },
  { name: 'image.md', content: PNG, code: 'fileBinary', message: /binary file/ },
  { name: 'nul.csv', content: 'Titre;Date\nVisite;20/11/2024\0\n', code: 'fileBinary', message: /NUL/ },
  { name: 'nul.json', content: '{"visits": []}\0', code: 'fileBinary', message: /NUL/ },
  { name: 'truncated.json', content: '{"visits": [{"title": "Michelin", "start": "2024-11-20T09:15', code: 'badFormat', message: /invalid or truncated/ },
  { name: 'truncated.ics', content: ics.slice(0, Math.floor(ics.length / 2)), code: 'badFormat', message: /truncated/ },
  { name: 'deep.json', content: '['.repeat(100_000) + ']'.repeat(100_000), code: 'badFormat', message: /nested more than 64 levels/ },
  { name: 'deep-object.json', content: '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), code: 'badFormat', message: /nested/ },
  { name: 'unclosed.csv', content: 'Titre;Date\n"Visite;20/11/2024\nAutre;21/11/2024\n', code: 'badFormat', message: /never closed/ },
  { name: 'not-calendar.ics', content: 'Hello\n', code: 'badFormat', message: /not an iCalendar/ },
  { name: 'other.json', content: '{"name": "carnet", "version": "1.0.0"}', code: 'badFormat', message: /not a Carnet programme/ },
  { name: 'nothing.json', content: '{"format": "carnet-programme", "visits": []}', code: 'badFormat', message: /no visits and no lessons/ },
  { name: 'backup.carnet', content: 'PK', code: 'badFormat', message: /backup.carnet: / },
  { name: 'photo.jpg', content: 'just text', code: 'badFormat', message: /cannot import \.jpg/ },
];

describe('bad input', () => {
  for (const { name, content, code, message } of cases) {
    it(`${name}: ${code}`, async () => {
      const path = files.write(name, content);
      const error = await planError(path);
      expect(error.code).toBe(code);
      expect(error.message).toMatch(message);
      const started = Date.now();
      const run = runCli('inspect', path);
      expectCliRefusal(run);
      expect(Date.now() - started).toBeLessThan(10_000);
    });
  }

  it('a file over 100 MB: fileTooLarge, without reading it', async () => {
    const path = files.write('huge.csv', '');
    truncateSync(path, 100 * 1024 * 1024 + 1); // sparse: no 100 MB written
    expect((await planError(path)).code).toBe('fileTooLarge');
    const run = runCli('inspect', path);
    expectCliRefusal(run);
    expect(run.stderr).toBe('carnet: huge.csv is larger than 100 MB.\n');
  });

  it('a file that does not exist: fileUnreadable', async () => {
    const path = join(files.dir, 'missing.ics');
    expect((await planError(path)).code).toBe('fileUnreadable');
    expect(runCli('inspect', path).stderr).toBe('carnet: Cannot read missing.ics: it does not exist.\n');
  });

  it('an empty folder: badFormat', async () => {
    const folder = join(files.dir, 'empty-folder');
    files.write('empty-folder/readme.txt', 'nothing');
    expect((await planError(folder)).code).toBe('badFormat');
  });

  it('a note too large: fileTooLarge', async () => {
    const path = files.write('2024-11-20-long.md', 'mot '.repeat(200_000));
    expect((await planError(path)).code).toBe('fileTooLarge');
  });

  it('refuses bad command lines with one line and exit 2', { timeout: 30_000 }, () => {
    expectCliRefusal(runCli());
    expectCliRefusal(runCli('frobnicate'));
    expectCliRefusal(runCli('inspect'));
    expectCliRefusal(runCli('inspect', join(FIXTURES, 'programme.ics'), '--tz', 'Mars/Olympus'));
    expectCliRefusal(runCli('inspect', join(FIXTURES, 'programme.ics'), '--bogus'));
    expectCliRefusal(runCli('inspect', join(FIXTURES, 'programme.ics'), '--tz'));
  });

  it('prints usage on --help', () => {
    const run = runCli('--help');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: carnet <command>/);
    expect(run.stdout).toContain('inspect <file or folder> [--tz <IANA zone>]');
    expect(run.stderr).toBe('');
  });

  it('answers an unknown time zone from planImport with badPayload', async () => {
    expect((await planError(join(FIXTURES, 'programme.ics'), { timeZone: 'Nowhere/Town' })).code).toBe('badPayload');
  });
});
