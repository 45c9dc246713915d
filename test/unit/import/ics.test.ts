// iCalendar edge cases: folds inside UTF-8 sequences, zones of every kind, escapes,
// all-day ranges, cancelled and repeating events.
import { describe, expect, it } from 'vitest';
import { planError, planOk, runCli, scratch } from './helpers';

const files = scratch();

function calendar(body: string, head = ''): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', head, body, 'END:VCALENDAR', '']
    .filter((line) => line !== '')
    .join('\r\n')
    .concat('\r\n');
}

function event(...lines: string[]): string {
  return ['BEGIN:VEVENT', `UID:${Math.random().toString(36).slice(2)}@test`, 'DTSTAMP:20241001T090000Z', ...lines, 'END:VEVENT'].join('\r\n');
}

const PARIS_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Romance Standard Time',
  'BEGIN:STANDARD',
  'DTSTART:16010101T030000',
  'TZOFFSETFROM:+0200',
  'TZOFFSETTO:+0100',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10',
  'END:STANDARD',
  'BEGIN:DAYLIGHT',
  'DTSTART:16010101T020000',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0200',
  'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3',
  'END:DAYLIGHT',
  'END:VTIMEZONE',
].join('\r\n');

describe('ics', () => {
  it('unfolds a line folded in the middle of a UTF-8 sequence', async () => {
    const encoder = new TextEncoder();
    const before = encoder.encode(calendar(event('SUMMARY:Visite à l’usine', 'DTSTART:20241120T091500Z')));
    // Split 'à' (C3 A0) with a fold: CRLF, space.
    const at = before.findIndex((byte, i) => byte === 0xc3 && before[i + 1] === 0xa0);
    const folded = new Uint8Array([...before.subarray(0, at + 1), 0x0d, 0x0a, 0x20, ...before.subarray(at + 1)]);
    const plan = await planOk(files.write('fold-utf8.ics', folded));
    expect(plan.source.encoding).toBe('utf-8');
    expect(plan.visits[0]?.title).toBe('Visite à l’usine');
  });

  it('unfolds LF-only files and folds with a tab', async () => {
    const text = 'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:1\nSUMMARY:Un titre\n\tqui continue\nDTSTART:20241120T091500Z\nEND:VEVENT\nEND:VCALENDAR\n';
    expect((await planOk(files.write('lf.ics', text))).visits[0]?.title).toBe('Un titrequi continue');
  });

  it('reads floating times in the --tz zone, with its offset at that date', async () => {
    const path = files.write('floating.ics', calendar(event('SUMMARY:Flottant', 'DTSTART:20240710T091500', 'DTEND:20240710T103000')));
    const newYork = (await planOk(path, { timeZone: 'America/New_York' })).visits[0]!;
    expect(newYork.start).toBe('2024-07-10T09:15:00-04:00');
    expect(newYork.end).toBe('2024-07-10T10:30:00-04:00');
    expect((await planOk(path, { timeZone: 'Europe/Paris' })).visits[0]?.start).toBe('2024-07-10T09:15:00+02:00');
    const run = runCli('inspect', path, '--tz', 'Asia/Kolkata');
    expect(JSON.parse(run.stdout).visits[0].start).toBe('2024-07-10T09:15:00+05:30');
  });

  it('keeps UTC times in UTC', async () => {
    const path = files.write('utc.ics', calendar(event('SUMMARY:UTC', 'DTSTART:20241120T081500Z', 'DTEND:20241120T113000Z')));
    const visit = (await planOk(path, { timeZone: 'America/New_York' })).visits[0]!;
    expect(visit.start).toBe('2024-11-20T08:15:00+00:00');
    expect(Date.parse(visit.end!)).toBe(Date.parse('2024-11-20T12:30:00+01:00'));
  });

  it('gives TZID times the offset of their VTIMEZONE, even with a Windows zone name', async () => {
    const path = files.write(
      'windows-zone.ics',
      calendar(
        [
          event('SUMMARY:Hiver', 'DTSTART;TZID=Romance Standard Time:20241120T091500', 'DTEND;TZID=Romance Standard Time:20241120T123000'),
          event('SUMMARY:Été', 'DTSTART;TZID=Romance Standard Time:20240620T091500'),
        ].join('\r\n'),
        PARIS_VTIMEZONE,
      ),
    );
    const plan = await planOk(path, { timeZone: 'UTC' });
    expect(plan.visits.map((v) => v.start)).toEqual(['2024-11-20T09:15:00+01:00', '2024-06-20T09:15:00+02:00']);
    expect(plan.visits[1]?.end).toBeNull();
  });

  it('reads a TZID without VTIMEZONE as an IANA zone, and warns about an unknown one', async () => {
    const path = files.write(
      'no-vtimezone.ics',
      calendar(
        [
          event('SUMMARY:Tokyo', 'DTSTART;TZID=Asia/Tokyo:20241120T091500'),
          event('SUMMARY:Mozilla', 'DTSTART;TZID=/mozilla.org/20050126_1/Europe/Paris:20241120T091500'),
          event('SUMMARY:Mars', 'DTSTART;TZID=Olympus Mons Time:20241120T091500'),
        ].join('\r\n'),
      ),
    );
    const plan = await planOk(path, { timeZone: 'Europe/Paris' });
    expect(plan.visits.map((v) => v.start)).toEqual(['2024-11-20T09:15:00+09:00', '2024-11-20T09:15:00+01:00', '2024-11-20T09:15:00+01:00']);
    expect(plan.warnings.map((w) => w.code)).toEqual(['unknownTimeZone']);
  });

  it('unescapes commas, semicolons, backslashes and new lines', async () => {
    const path = files.write(
      'escapes.ics',
      calendar(
        event('SUMMARY:Atelier\\, visite\\; débat', 'DESCRIPTION:Ligne 1\\nLigne 2\\NLigne 3 \\\\ fin', 'LOCATION:Lyon\\, France', 'DTSTART:20241120T081500Z'),
      ),
    );
    const visit = (await planOk(path)).visits[0]!;
    expect(visit.title).toBe('Atelier, visite; débat');
    expect(visit.description).toBe('Ligne 1\nLigne 2\nLigne 3 \\ fin');
    expect(visit.location).toBe('Lyon, France');
  });

  it('turns the exclusive DTEND of all-day events into the last day, inclusive', async () => {
    const path = files.write(
      'all-day.ics',
      calendar(
        [
          event('SUMMARY:Trois jours', 'DTSTART;VALUE=DATE:20241119', 'DTEND;VALUE=DATE:20241122'),
          event('SUMMARY:Un jour sans fin', 'DTSTART;VALUE=DATE:20241123'),
        ].join('\r\n'),
      ),
    );
    const plan = await planOk(path);
    expect(plan.visits.map((v) => [v.allDay, v.start, v.end])).toEqual([
      [true, '2024-11-19', '2024-11-21'],
      [true, '2024-11-23', '2024-11-23'],
    ]);
  });

  it('leaves cancelled events out with a warning, and counts them', async () => {
    const path = files.write(
      'cancelled.ics',
      calendar([event('SUMMARY:Maintenu', 'DTSTART:20241120T081500Z'), event('SUMMARY:Annulé', 'STATUS:CANCELLED', 'DTSTART:20241120T131500Z')].join('\r\n')),
    );
    const plan = await planOk(path);
    expect(plan.visits.map((v) => v.title)).toEqual(['Maintenu']);
    expect(plan.skipped).toEqual([expect.objectContaining({ code: 'cancelledEvent', detail: { title: 'Annulé' } })]);
    expect(plan.itemCount).toBe(2);
    const report = JSON.parse(runCli('inspect', path).stdout);
    expect(report.warnings).toEqual(['Cancelled event left out: Annulé.']);
  });

  it('expands repeating events, within a bound', async () => {
    const path = files.write(
      'repeat.ics',
      calendar(
        [
          event('SUMMARY:Petit-déjeuner', 'DTSTART;TZID=Europe/Paris:20241119T080000', 'DURATION:PT1H', 'RRULE:FREQ=DAILY;COUNT=3'),
          event('SUMMARY:Sans fin', 'DTSTART:20241119T080000Z', 'RRULE:FREQ=HOURLY'),
        ].join('\r\n'),
      ),
    );
    const plan = await planOk(path);
    const breakfasts = plan.visits.filter((v) => v.title === 'Petit-déjeuner');
    expect(breakfasts.map((v) => v.start)).toEqual(['2024-11-19T08:00:00+01:00', '2024-11-20T08:00:00+01:00', '2024-11-21T08:00:00+01:00']);
    expect(breakfasts[0]?.end).toBe('2024-11-19T09:00:00+01:00');
    expect(plan.visits.filter((v) => v.title === 'Sans fin')).toHaveLength(100);
    expect(plan.warnings.map((w) => w.code)).toEqual(['recurrenceTruncated']);
  });

  it('moves an occurrence only of the event whose UID it names', async () => {
    const vevent = (...lines: string[]) => ['BEGIN:VEVENT', ...lines, 'END:VEVENT'].join('\r\n');
    const daily = (uid: string, title: string) => vevent(`UID:${uid}`, 'DTSTART:20241118T080000Z', 'RRULE:FREQ=DAILY;COUNT=3', `SUMMARY:${title}`);
    const moved = vevent('UID:b', 'RECURRENCE-ID:20241119T080000Z', 'DTSTART:20241119T150000Z', 'SUMMARY:Atelier B déplacé');
    const plan = await planOk(files.write('moved.ics', calendar([daily('a', 'Atelier A'), daily('b', 'Atelier B'), moved].join('\r\n'))));
    // ical.js related every moved occurrence to every repeating event: A lost its 19th.
    expect(plan.visits.map((v) => `${v.title} ${v.start}`)).toEqual([
      'Atelier A 2024-11-18T08:00:00+00:00',
      'Atelier A 2024-11-19T08:00:00+00:00',
      'Atelier A 2024-11-20T08:00:00+00:00',
      'Atelier B 2024-11-18T08:00:00+00:00',
      'Atelier B déplacé 2024-11-19T15:00:00+00:00',
      'Atelier B 2024-11-20T08:00:00+00:00',
    ]);
  });

  it('leaves out an event without a title, and one with an unreadable date, saying why', async () => {
    const path = files.write(
      'bad-events.ics',
      calendar(
        [event('DTSTART:20241120T081500Z'), event('SUMMARY:Date cassée', 'DTSTART:2024112'), event('SUMMARY:Bon', 'DTSTART:20241120T081500Z')].join('\r\n'),
      ),
    );
    const plan = await planOk(path);
    expect(plan.visits.map((v) => v.title)).toEqual(['Bon']);
    expect(plan.itemCount).toBe(plan.visits.length + plan.skipped.length);
  });

  // These never returned: ical.js looks for the next matching date in a loop of its own,
  // and took a DAILY interval of 999999999999 one day at a time.
  it('leaves out, at once, an event whose rule no date matches', async () => {
    const path = files.write(
      'never.ics',
      calendar(
        [
          event('SUMMARY:Jamais', 'DTSTART:20241120T080000Z', 'RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30'),
          event('SUMMARY:Avril', 'DTSTART;VALUE=DATE:20241120', 'RRULE:FREQ=MONTHLY;BYMONTH=4;BYMONTHDAY=31'),
          event('SUMMARY:Bon', 'DTSTART:20241120T081500Z'),
        ].join('\r\n'),
      ),
    );
    const started = performance.now();
    const plan = await planOk(path);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(plan.visits.map((v) => v.title)).toEqual(['Bon']);
    expect(plan.skipped.map((s) => [s.code, s.detail?.['title']])).toEqual([
      ['skippedItem', 'Jamais'],
      ['skippedItem', 'Avril'],
    ]);
    const run = runCli('inspect', path);
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout).warnings).toContain('Event “Jamais” left out: no date of its repeat rule was found within a year.');
  });

  it('keeps the first occurrence of an event repeated at an immense interval', async () => {
    const path = files.write(
      'interval.ics',
      calendar(
        ['DAILY', 'HOURLY', 'SECONDLY', 'WEEKLY', 'MONTHLY', 'YEARLY']
          .map((freq) => event(`SUMMARY:${freq}`, 'DTSTART:20241120T080000Z', `RRULE:FREQ=${freq};INTERVAL=999999999999`))
          .join('\r\n'),
      ),
    );
    const started = performance.now();
    const plan = await planOk(path);
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(plan.visits.map((v) => v.start)).toEqual(Array(6).fill('2024-11-20T08:00:00+00:00'));
    expect(plan.warnings.map((w) => [w.code, w.detail?.['count']])).toEqual(Array(6).fill(['recurrenceTruncated', 1]));
  });

  it('gives up within its time budget on a calendar of such rules', async () => {
    const never = Array.from({ length: 2_000 }, (_, i) => event(`SUMMARY:E${i}`, 'DTSTART:20241120T080000Z', 'RRULE:FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=30'));
    const path = files.write('never-many.ics', calendar(never.join('\r\n')));
    const started = performance.now();
    const error = await planError(path, { budgetMs: 1_000 });
    // The budget is checked inside ical.js's own search, not only between events.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(error).toMatchObject({ code: 'badFormat', message: expect.stringMatching(/^Gave up after 1 s/) });
  });
});
