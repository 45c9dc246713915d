// Planning in a worker thread (the build's importWorker.js): a budget that stops even a
// library call that never checks it, a capped heap, main's event loop left free, and the
// budget's extensions for large folders followed by the host.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planInWorker } from '../../../src/main/import/isolated';
import { runPlanRequest } from '../../../src/main/import/planRequest';
import { REPO, runCli, scratch } from './helpers';

const files = scratch();
const WORKER = join(REPO, 'out/main/importWorker.js');

/** 95 MB of calendar within every limit (5,000 events, 245,000 lines): ical.js parses it
 *  in one call of ~17 s here, which no Deadline check can interrupt. */
function longCalendar(): string {
  const description = `DESCRIPTION:${'Une visite longue et détaillée, '.repeat(12)}`;
  const event = ['BEGIN:VEVENT', 'UID:x', 'SUMMARY:Visite', 'DTSTART:20241120T081500Z', ...Array<string>(44).fill(description), 'END:VEVENT'].join('\r\n');
  return `BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\n${Array<string>(5_000).fill(event).join('\r\n')}\r\nEND:VCALENDAR\r\n`;
}

describe.skipIf(!existsSync(WORKER))('planning in a worker thread', () => {
  const calendar = files.write('long.ics', longCalendar());

  it('stops a parse stuck in one library call at its budget, main staying free', async () => {
    let longestGap = 0;
    let last = performance.now();
    const ticker = setInterval(() => {
      longestGap = Math.max(longestGap, performance.now() - last);
      last = performance.now();
    }, 10);
    const started = performance.now();
    const result = await planInWorker(WORKER, { path: calendar, options: { timeZone: 'UTC', budgetMs: 500 } }, { graceMs: 500 });
    clearInterval(ticker);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(result).toMatchObject({ ok: false, error: { code: 'badFormat', message: expect.stringMatching(/^Gave up after 1 s/) } });
    // In this thread the same parse would have blocked every timer for seconds.
    expect(longestGap).toBeLessThan(500);
  });

  const vault = join(files.dir, 'vault');
  for (let i = 0; i < 2_000; i++) files.write(`vault/note-${i}.md`, `# Note ${i}\n\nUne observation #atelier.\n`);

  it('gives a large folder the time its budget grows by', async () => {
    // A folder's budget grows by 4 ms a note, and the worker tells its host.
    const extensions: number[] = [];
    await runPlanRequest({ path: vault, options: { timeZone: 'UTC' } }, (ms) => extensions.push(ms));
    expect(extensions).toEqual([8_000]);
    // The host waits for what it is told: 3 s more, of which the stand-in uses 1.5 s.
    const slow = resolve(__dirname, 'slowWorker.mjs');
    const result = await planInWorker(slow, { path: vault, options: { timeZone: 'UTC', budgetMs: 500 } }, { graceMs: 0 });
    expect(result.ok).toBe(true);
  });

  it('refuses what needs more memory than the worker is given', async () => {
    // The 2,000 notes need about 24 MB of heap. (Not the long calendar: under a 64 MB cap
    // its parse aborted the whole process, see isolated.ts.)
    const result = await planInWorker(WORKER, { path: vault, options: { timeZone: 'UTC' } }, { maxMemoryMb: 16 });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'fileTooLarge', message: 'vault needs more than 16 MB of memory to be read: it is too large or too complex.' },
    });
  });

  it('the CLI answers within 10 s, as it promises', () => {
    const started = performance.now();
    const run = runCli('inspect', calendar);
    // Before: 18 s, the budget checked only once ical.js had returned; since events are
    // read without ical.js scanning every other one, the whole calendar is read in time.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(run).toMatchObject({ status: 0, stderr: '' });
    expect((JSON.parse(run.stdout) as { visits: unknown[] }).visits).toHaveLength(5_000);
  }, 30_000);
});
