// What a hostile file names reaches the terminal as text, never as commands: escape
// sequences in file names, zip entries and calendar fields are neutralised on stderr, and
// `inspect`'s JSON escapes what JSON.stringify leaves raw (C1 controls, bidi overrides).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { expectCliRefusal, runCli, scratch } from './helpers';

const files = scratch();
const SAMPLE = resolve(__dirname, '../../fixtures/sample.carnet');
/** Retitles the window, clears the screen, then an 8-bit CSI and a right-to-left override. */
const HOSTILE = '\u001b]0;pwned\u0007\u001b[2J\u009b2J\u202e';
/** Anything a terminal could take for a command or a reordering, but line ends. */
function unsafe(output: string): boolean {
  return /[\p{Cc}\u202a-\u202e\u2066-\u2069]/u.test(output.replaceAll('\n', ''));
}

describe('terminal escapes from hostile names', () => {
  it('a file name with escape sequences: one plain line on stderr', () => {
    const run = runCli('inspect', `${files.dir}/${HOSTILE}.ics`);
    expectCliRefusal(run);
    expect(unsafe(run.stderr)).toBe(false);
    expect(run.stderr).toContain('\ufffd]0;pwned\ufffd\ufffd[2J\ufffd2J\ufffd.ics: it does not exist');
  });

  it('a zip entry with escape sequences, through inspect and journal', () => {
    const backup = zipSync({ ...unzipSync(new Uint8Array(readFileSync(SAMPLE))), [`${HOSTILE}.txt`]: strToU8('x') });
    const path = files.write('entry.carnet', backup);
    for (const run of [runCli('inspect', path), runCli('journal', path, '--format', 'html', '--out', `${files.dir}/out.html`)]) {
      expectCliRefusal(run);
      expect(run.stderr).toMatch(/manifest does not list/);
      expect(unsafe(run.stderr)).toBe(false);
    }
  });

  it('a calendar field with escape sequences: escaped in the JSON, read back unchanged', () => {
    const title = `Visite ${HOSTILE} fin`;
    const ics = [
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:x',
      'BEGIN:VEVENT',
      'UID:1',
      `SUMMARY:${title}`,
      'DTSTART:20241120T081500Z',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ];
    const run = runCli('inspect', files.write('fields.ics', ics.join('\r\n')));
    expect(run.status).toBe(0);
    expect(unsafe(run.stdout)).toBe(false);
    expect((JSON.parse(run.stdout) as { visits: { title: string }[] }).visits[0]?.title).toBe(title);
  });
});
