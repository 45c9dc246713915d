// Hostile inputs for every reader `carnet inspect` runs: for each, the classes of input
// that broke or slowed a reader before (never-ending recurrences, quadratic runs, zip
// amplification, escapes…), and random mutations of the sample files. A class makes one
// input from its Random; inputs stay under about 1 MB, which every reader must read
// within the budget.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { backupWithPhotos, craftBackup, craftZip, zipWithManifest, type CraftedFile } from '../journal/craftBackup';
import { hostileText, LINE_BREAKS, MARKUP, quadraticRun, TERMINAL, XML_FORBIDDEN } from './hostileText';
import { mutate } from './mutate';
import type { Random } from './random';

export const READERS = ['ICS', 'CSV', 'JSON programme', 'Markdown note', 'Markdown lessons', 'folder', '.carnet'] as const;
type Reader = (typeof READERS)[number];

export interface ReaderInput {
  /** Files to write under the input folder, by relative path. */
  files: Record<string, string | Uint8Array>;
  /** Symbolic links to make under the input folder: path → target. */
  links?: Record<string, string>;
  /** Named pipes to make under the input folder (reading one never ends). */
  pipes?: string[];
  /** What to inspect, relative to the input folder; '' is the folder itself. */
  target: string;
  /** More arguments of `inspect` (--tz, --as). */
  options?: string[];
}

interface ReaderClass {
  reader: Reader;
  name: string;
  make(random: Random): ReaderInput;
}

const KB = 1024;
const MB = 1024 * KB;
const FIXTURES = resolve(__dirname, '../../fixtures');
const sample = (path: string): Uint8Array => new Uint8Array(readFileSync(join(FIXTURES, path)));
const SAMPLE_NOTES = ['2024-11-20-michelin-competences.md', '2024-11-20-village-partenaires.md', '2024-11-21-uca-territoire.md'];

const GOOD_ZONES = ['Europe/Paris', 'UTC', 'Pacific/Kiritimati', 'America/St_Johns', 'Asia/Kathmandu', 'Antarctica/Troll'];
const BAD_ZONES = [
  'Mars/Olympus_Mons',
  '"Europe/Paris"',
  'Etc/GMT+99',
  '../../../etc/localtime',
  '/usr/share/zoneinfo/Europe/Paris',
  `Europe/Paris${TERMINAL[1]}`,
  'a'.repeat(10_000),
];

/** Tokens the mutations put anywhere: every hostile piece, and those of each format. */
const COMMON_TOKENS = [...MARKUP, ...TERMINAL, ...XML_FORBIDDEN, ...LINE_BREAKS, 'carnet-image:', '\ufeff', '\u200b', '9'.repeat(30)];
const ICS_TOKENS = [
  'BEGIN:VEVENT',
  'END:VEVENT',
  'BEGIN:VCALENDAR',
  'END:VCALENDAR',
  'BEGIN:VTIMEZONE',
  'RRULE:FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30',
  'RRULE:FREQ=DAILY;INTERVAL=999999999999',
  ';TZID=',
  ':99991231T235959Z',
  '\r\n ',
  ';X-P="a"',
  ':',
  ';',
  '\\,',
  '\\n',
];
const CSV_TOKENS = [';', ',', '\t', '"', '""', '\r\n', '31/02/2024', '99/99/99999', '25:99', '9h15 - 12h', '=HYPERLINK("http://evil.example")'];
const JSON_TOKENS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '\\u0000',
  '\\ud800',
  'null',
  '1e999',
  '-0',
  '"__proto__":',
  '"start":"+275760-09-13T00:00:00Z"',
  '"timeZone":"Mars/Olympus_Mons"',
];
const MARKDOWN_TOKENS = [
  '---\n',
  '# ',
  '## ',
  '- ',
  '> ',
  '```\n',
  '![](photo.png)',
  '![[photo.png]]',
  '[[',
  ']]',
  '#tag',
  '*',
  '_',
  '`',
  'carnet-image:',
  '\n',
  '    ',
];

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Sometimes a name a terminal would obey: every reader's messages quote file names. */
function fileName(random: Random, name: string): string {
  return random.chance(0.15) ? `${random.pick(TERMINAL)}${name}` : name;
}

function zoneOption(random: Random): string[] {
  return random.chance(0.3) ? ['--tz', random.pick(GOOD_ZONES)] : [];
}

/** One file to inspect. */
function single(name: string, content: string | Uint8Array, options: string[] = []): ReaderInput {
  return { files: { [name]: content }, target: name, options };
}

// --- iCalendar -------------------------------------------------------------------------

const ics = (lines: string[]): string => `${lines.join('\r\n')}\r\n`;

/** A VEVENT: the defaults of a visit, with `lines` in place of the properties they name. */
function event(index: number, lines: string[]): string[] {
  const property = (line: string): string => /^[A-Z-]*/.exec(line)![0];
  const given = new Set(lines.map(property));
  const defaults = [
    `UID:fuzz-${index}@example.org`,
    'DTSTAMP:20241001T090000Z',
    'DTSTART;TZID=Europe/Paris:20241120T091500',
    'DTEND;TZID=Europe/Paris:20241120T123000',
    'SUMMARY:Visite',
  ];
  return ['BEGIN:VEVENT', ...defaults.filter((line) => !given.has(property(line))), ...lines, 'END:VEVENT'];
}

function calendar(events: string[][], head: string[] = []): string {
  return ics(['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Carnet fuzz//FR', ...head, ...events.flat(), 'END:VCALENDAR']);
}

const NEVER_ENDING_RULES = [
  'FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=DAILY;INTERVAL=999999999999',
  'FREQ=MINUTELY;BYMONTH=2;BYMONTHDAY=31',
  'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30',
  'FREQ=SECONDLY;COUNT=999999999',
  'FREQ=SECONDLY;UNTIL=99991231T235959Z',
  'FREQ=MONTHLY;BYSETPOS=-400;BYDAY=MO',
  'FREQ=MONTHLY;BYMONTHDAY=-40',
  'FREQ=HOURLY;INTERVAL=0',
  'FREQ=YEARLY;BYWEEKNO=54;BYDAY=MO',
  'FREQ=WEEKLY;BYDAY=XX',
  'FREQ=SECONDLY;BYSECOND=61',
  'FREQ=DAILY;BYHOUR=24;BYMINUTE=60',
  'FREQ=YEARLY;INTERVAL=-1',
  'FREQ=SECONDLY;BYYEARDAY=366;BYMONTH=2;BYDAY=MO',
];
const ODD_STARTS = [
  'DTSTART:99991231T235959Z',
  'DTSTART:00000101T000000Z',
  'DTSTART:00010101T000000',
  'DTSTART;TZID=Europe/Paris:20241120T091500',
  'DTSTART;VALUE=DATE:20240229',
];

const icsClasses: ReaderClass[] = [
  {
    reader: 'ICS',
    name: 'recurrences that never end',
    make: (random) => {
      const events = Array.from({ length: random.count(40) }, (_, i) =>
        event(i, [
          random.pick(ODD_STARTS),
          ...Array.from({ length: random.int(1, 2) }, () => `RRULE:${random.pick(NEVER_ENDING_RULES)}`),
          ...(random.chance(0.3)
            ? [`EXDATE:${Array.from({ length: random.count(5000) }, (_, d) => `2024${String((d % 12) + 1).padStart(2, '0')}01T091500Z`).join(',')}`]
            : []),
        ]),
      );
      return single(fileName(random, 'recurrences.ics'), calendar(events), zoneOption(random));
    },
  },
  {
    reader: 'ICS',
    name: 'long time zone names',
    make: (random) => {
      const tzid = random.pick(['a', '/', 'é', '"', ';', ...TERMINAL]).repeat(random.count(MB / 2));
      const events = Array.from({ length: random.int(1, 3) }, (_, i) => event(i, [`DTSTART;TZID=${tzid}:20241120T091500`]));
      const zone = random.chance(0.5)
        ? [
            'BEGIN:VTIMEZONE',
            `TZID:${tzid}`,
            'BEGIN:STANDARD',
            'DTSTART:19701025T030000',
            'TZOFFSETFROM:+0200',
            'TZOFFSETTO:+0100',
            'END:STANDARD',
            'END:VTIMEZONE',
          ]
        : [];
      return single('zone.ics', calendar(events, zone));
    },
  },
  {
    reader: 'ICS',
    name: 'bad time zones',
    make: (random) => {
      const tzid = random.pick(BAD_ZONES);
      const offset = random.pick(['+9999', '-2400', '+01', 'abc', '+0100']);
      const zone = [
        'BEGIN:VTIMEZONE',
        `TZID:${tzid}`,
        'BEGIN:STANDARD',
        'DTSTART:19701025T030000',
        `TZOFFSETFROM:${offset}`,
        `TZOFFSETTO:${offset}`,
        'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
        'END:STANDARD',
        'END:VTIMEZONE',
      ];
      const events = [event(0, [`DTSTART;TZID=${tzid}:20241120T091500`]), event(1, ['DTSTART:20241120T091500'])];
      // A bad zone for floating times too, now and then: the CLI refuses it itself.
      const options = random.chance(0.3) ? ['--tz', random.pick(BAD_ZONES)] : zoneOption(random);
      return single('zones.ics', calendar(events, random.chance(0.7) ? zone : []), options);
    },
  },
  {
    reader: 'ICS',
    name: 'huge and impossible dates',
    make: (random) => {
      const dates = [
        '99991231T235959Z',
        '00000101T000000Z',
        '20241301T000000',
        '20240230T120000',
        '20241120T250000',
        '+2757600913T000000Z',
        '-00010101T000000',
        '2024',
        '20241120T091500+0100',
        '1e308',
      ];
      const events = Array.from({ length: random.count(20) }, (_, i) =>
        event(i, [
          `DTSTART${random.chance(0.3) ? ';VALUE=DATE' : ''}:${random.pick(dates)}`,
          random.pick([`DTEND:${random.pick(dates)}`, 'DURATION:P999999999W', 'DURATION:-P1D', 'DURATION:PT99999999999S']),
        ]),
      );
      return single('dates.ics', calendar(events), zoneOption(random));
    },
  },
  {
    reader: 'ICS',
    name: 'markup and escapes in fields',
    make: (random) => {
      const events = Array.from({ length: random.count(50) }, (_, i) =>
        event(i, [
          `SUMMARY:${hostileText(random)}`,
          `LOCATION:${hostileText(random)}`,
          `DESCRIPTION:${hostileText(random)}`,
          `ORGANIZER;CN="${hostileText(random)}":mailto:a@example.org`,
          `URL:${random.pick(MARKUP)}`,
          `ATTACH:${random.pick(['file:///etc/passwd', 'http://evil.example/x.ics'])}`,
        ]),
      );
      return single(fileName(random, 'fields.ics'), calendar(events));
    },
  },
  {
    reader: 'ICS',
    name: 'parameters, folds and long lines',
    make: (random) => {
      const params = Array.from({ length: random.count(10_000) }, (_, i) => `;X-P${i}="${i}"`).join('');
      const fold = `SUMMARY:${Array.from({ length: random.count(50_000) }, () => 'ab').join('\r\n ')}`;
      const line = random.pick([`DTSTART${params}:20241120T091500Z`, fold, `DESCRIPTION:${quadraticRun(random, random.count(MB / 2))}`]);
      return single('lines.ics', calendar([event(0, [line])]));
    },
  },
  {
    reader: 'ICS',
    name: 'nested and unclosed components',
    make: (random) => {
      const depth = random.count(20_000);
      const open = Array.from({ length: depth }, () => random.pick(['BEGIN:VEVENT', 'BEGIN:VALARM', 'BEGIN:VTODO', 'BEGIN:X-FOO']));
      const close = random.chance(0.5) ? open.map((line) => line.replace('BEGIN', 'END')).reverse() : [];
      return single('nested.ics', calendar([[...open, 'SUMMARY:x', 'DTSTART:20241120T091500Z', ...close]]));
    },
  },
  {
    reader: 'ICS',
    name: 'many events',
    make: (random) => {
      const events = Array.from({ length: random.count(6_000) }, (_, i) => event(i, [`SUMMARY:Visite ${i}`]));
      return single('many.ics', calendar(events));
    },
  },
  {
    reader: 'ICS',
    name: 'mutations of programme.ics',
    make: (random) =>
      single(
        fileName(random, random.pick(['programme.ics', 'programme.txt', 'programme'])),
        mutate(random, sample('sample-expedition/programme.ics'), [...ICS_TOKENS, ...COMMON_TOKENS], MB),
        zoneOption(random),
      ),
  },
];

// --- CSV -------------------------------------------------------------------------------

const CSV_HEADER = 'Titre;Organisation;Date;Début;Fin;Lieu;Description';

const csvClasses: ReaderClass[] = [
  {
    reader: 'CSV',
    name: 'mutations of programme.csv',
    make: (random) =>
      single(
        fileName(random, random.pick(['programme.csv', 'programme.tsv', 'programme.txt'])),
        mutate(random, sample('sample-expedition/programme.csv'), [...CSV_TOKENS, ...COMMON_TOKENS], MB),
        zoneOption(random),
      ),
  },
  {
    reader: 'CSV',
    name: 'quadratic cells',
    make: (random) => {
      const run = quadraticRun(random, random.count(MB / 2));
      const text = random.pick([
        `${CSV_HEADER}\n"${run}`,
        `${CSV_HEADER}\nVisite;${run};20/11/2024;09:15;12:30;;\n`,
        `${Array.from({ length: random.count(20_000) }, (_, i) => `Col${i}`).join(';')}\nVisite;20/11/2024\n`,
        `${CSV_HEADER}\n${'"'.repeat(random.count(MB / 2))}\n`,
        `${CSV_HEADER}\n${';'.repeat(random.count(MB / 2))}\n`,
      ]);
      return single('cells.csv', text);
    },
  },
  {
    reader: 'CSV',
    name: 'markup, escapes and impossible dates in cells',
    make: (random) => {
      const dates = ['31/02/2024', '99/99/99999', '2024-13-45', '00/00/0000', '20/11/275760', '1e308', '-1/-1/-1'];
      const times = ['25:99', '9h99', '-1:00', '99999:00', '09:15 - 12:30 - 14:00', '23:59:60'];
      const cell = (text: string): string => `"${text.replace(/"/g, '""')}"`;
      const rows = Array.from({ length: random.count(200) }, () =>
        [hostileText(random), hostileText(random), random.pick(dates), random.pick(times), random.pick(times), hostileText(random), hostileText(random)]
          .map(cell)
          .join(';'),
      );
      return single(fileName(random, 'cells.csv'), [CSV_HEADER, ...rows].join('\r\n'), zoneOption(random));
    },
  },
  {
    reader: 'CSV',
    name: 'many rows',
    make: (random) => {
      const rows = Array.from({ length: random.count(6_000) }, (_, i) => `Visite ${i};Org;20/11/2024;09:15;12:30;Lieu;Description`);
      return single('rows.csv', [CSV_HEADER, ...rows].join('\n'));
    },
  },
  {
    reader: 'CSV',
    name: 'encodings',
    make: (random) => {
      const text = new TextDecoder().decode(sample('sample-expedition/programme.csv'));
      const utf16 = (bigEndian: boolean): Uint8Array => {
        const bytes = Buffer.from(`\ufeff${text}`, 'utf16le');
        if (bigEndian) bytes.swap16();
        return random.chance(0.3) ? bytes.subarray(0, bytes.length - 1) : bytes;
      };
      const windows1252 = Uint8Array.from([...text].map((char) => (char.charCodeAt(0) < 256 ? char.charCodeAt(0) : random.int(0x80, 0x9f))));
      return single('encoded.csv', random.pick([utf16(false), utf16(true), windows1252, new Uint8Array([0xef, 0xbb, 0xbf, ...utf16(false)])]));
    },
  },
];

// --- JSON programme --------------------------------------------------------------------

function programme(
  visits: unknown[] = [
    {
      title: 'Michelin',
      organisation: 'Michelin',
      start: '2024-11-20T09:15',
      end: '2024-11-20T12:30',
      location: 'Clermont-Ferrand',
      description: 'Visite',
      speakers: [{ name: 'Claire', role: 'RH' }],
    },
  ],
  lessons: unknown[] = ['Apprendre des autres'],
  expedition: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    format: 'carnet-programme',
    version: 1,
    expedition: { title: 'Expédition', place: 'Clermont-Ferrand', timeZone: 'Europe/Paris', ...expedition },
    visits,
    lessons,
  };
}

const jsonClasses: ReaderClass[] = [
  {
    reader: 'JSON programme',
    name: 'mutations of a programme',
    make: (random) =>
      single(
        fileName(random, random.pick(['programme.json', 'programme.txt'])),
        mutate(random, encode(JSON.stringify(programme(), null, random.pick([0, 2]))), [...JSON_TOKENS, ...COMMON_TOKENS], MB),
        zoneOption(random),
      ),
  },
  {
    reader: 'JSON programme',
    name: 'deep nesting',
    make: (random) => {
      const depth = random.count(200_000);
      const [open, close] = random.pick([
        ['[', ']'],
        ['{"a":', '}'],
        ['{"visits":[', ']}'],
      ]);
      const deep = `${open!.repeat(depth)}1${random.chance(0.5) ? close!.repeat(depth) : ''}`;
      const text = random.chance(0.5) ? deep : JSON.stringify(programme()).replace('"Visite"', deep);
      return single('deep.json', text);
    },
  },
  {
    reader: 'JSON programme',
    name: 'prototype keys',
    make: (random) => {
      const poison = (value: string): string => `"__proto__":{"title":"${value}","polluted":true},"constructor":{"prototype":{"polluted":true}}`;
      const text = JSON.stringify(programme())
        .replace(/\{/g, () => (random.chance(0.5) ? `{${poison('x')},` : '{'))
        .replace(/,}/g, '}');
      return single('proto.json', text);
    },
  },
  {
    reader: 'JSON programme',
    name: 'huge epochs and bad zones',
    make: (random) => {
      const starts = [
        '+275760-09-13T00:00:00Z',
        '-271821-04-20T00:00:00Z',
        '9999-12-31T23:59:59',
        '0000-01-01',
        '2024-02-30',
        '2024-11-20T24:00',
        '2024-11-20T09:15+99:99',
        '2024-11-20T09:15:00.999999999Z',
        1e308,
        -1,
        null,
        true,
      ];
      const visits = Array.from({ length: random.count(50) }, (_, i) => ({
        title: `Visite ${i}`,
        start: random.pick(starts),
        end: random.pick(starts),
        allDay: random.pick([true, false, 'yes']),
      }));
      const zone = random.pick([...BAD_ZONES, ...GOOD_ZONES, 42, null]);
      return single(
        'epochs.json',
        JSON.stringify(programme(visits, [], { timeZone: zone, startDate: random.pick(starts), endDate: random.pick(starts) })),
        zoneOption(random),
      );
    },
  },
  {
    reader: 'JSON programme',
    name: 'markup and escapes',
    make: (random) => {
      const visits = Array.from({ length: random.count(100) }, () => ({
        title: hostileText(random),
        organisation: hostileText(random),
        start: '2024-11-20T09:15',
        location: hostileText(random),
        description: hostileText(random),
        speakers: [{ name: hostileText(random), role: hostileText(random) }],
      }));
      const lessons = Array.from({ length: random.count(100) }, () =>
        random.chance(0.5) ? hostileText(random) : { title: hostileText(random), description: hostileText(random) },
      );
      return single(fileName(random, 'markup.json'), JSON.stringify(programme(visits, lessons, { title: hostileText(random) })));
    },
  },
  {
    reader: 'JSON programme',
    name: 'large arrays',
    make: (random) => {
      const visits = Array.from({ length: random.count(6_000) }, (_, i) => ({
        title: `Visite ${i}`,
        start: '2024-11-20T09:15',
        speakers: Array.from({ length: random.count(200) }, () => ({ name: 'a', role: 'b' })),
      }));
      const lessons = Array.from({ length: random.count(1_100) }, (_, i) => `Leçon ${i}`);
      return single('large.json', JSON.stringify(programme(visits, lessons)));
    },
  },
];

// --- Markdown notes and lessons --------------------------------------------------------

/** A note file: named by a date, so that it is read as notes whatever it holds. */
function noteInput(random: Random, text: string, extra: Record<string, string | Uint8Array> = {}): ReaderInput {
  const name = fileName(random, '2024-11-20-fuzz.md');
  return { files: { [`notes/${name}`]: text, ...extra }, target: `notes/${name}`, options: random.chance(0.3) ? ['--as', 'notes'] : zoneOption(random) };
}

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const noteClasses: ReaderClass[] = [
  {
    reader: 'Markdown note',
    name: '100,000 headings',
    make: (random) => noteInput(random, random.pick(['# a\n', '###### a\n', 'a\n=\n', '#\n', '# [\n']).repeat(random.count(100_000))),
  },
  {
    reader: 'Markdown note',
    name: 'quadratic runs',
    make: (random) => noteInput(random, `${hostileText(random)}${quadraticRun(random, random.count(500 * KB))}x`),
  },
  {
    reader: 'Markdown note',
    name: 'tens of thousands of images',
    make: (random) => {
      const image = random.pick(['![](photo.png)\n', '![[photo.png]]\n', '<img src="photo.png">\n', '![a](photo.png "t") ', '![](missing.png)\n']);
      return noteInput(random, image.repeat(random.count(35_000)), { 'notes/photo.png': PNG });
    },
  },
  {
    reader: 'Markdown note',
    name: '100,000 spaces',
    make: (random) =>
      noteInput(random, `${random.pick([' ', '\t', '\u00a0', ' \n'])}`.repeat(random.count(100_000)) + random.pick(['x', '*', '_', '#', '- x', '> x', '|'])),
  },
  {
    reader: 'Markdown note',
    name: 'deep nesting',
    make: (random) => {
      const depth = random.count(50_000);
      return noteInput(
        random,
        random.pick([
          `${'> '.repeat(depth)}x`,
          Array.from({ length: Math.min(depth, 5_000) }, (_, i) => `${'  '.repeat(i)}- x`).join('\n'),
          `${'*'.repeat(depth)}x${'*'.repeat(depth)}`,
          `${'<div>'.repeat(depth)}x`,
          `${'1. '.repeat(depth)}x`,
          `${'- [ ] '.repeat(depth)}x`,
        ]),
      );
    },
  },
  {
    reader: 'Markdown note',
    name: 'hostile front matter',
    make: (random) => {
      const bomb = [
        'a: &a ["x","x","x","x","x","x","x","x","x"]',
        ...Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`,
        ),
        'tags: *j',
      ].join('\n');
      const matter = random.pick([
        bomb,
        `date: ${random.pick(['99999-01-01', '2024-02-30', '0000-00-00', '-1', '1e308', '2024-11-20T25:61:00+99:00'])}`,
        `tags: [${Array.from({ length: random.count(10_000) }, () => JSON.stringify(hostileText(random))).join(', ')}]`,
        `title: ${JSON.stringify(hostileText(random))}\nvisit: ${JSON.stringify(hostileText(random))}\nlessons: [${JSON.stringify(hostileText(random))}]`,
        'title: !!js/function "function () { return 1 }"',
        'title: !!binary aGVsbG8=\ntags: !!set {a, b}',
        `a: ${'['.repeat(random.count(10_000))}`,
        `<<: *${'x'.repeat(100)}`,
      ]);
      return noteInput(random, `---\n${matter}\n---\nTexte #tag\n`);
    },
  },
  {
    reader: 'Markdown note',
    name: 'image references leaving the folder',
    make: (random) => {
      const refs = [
        '../secret.png',
        '../../secret.png',
        '/etc/hostname',
        'file:///etc/hostname',
        'http://evil.example/x.png',
        '//evil.example/x.png',
        '.',
        '..',
        '../',
        '%2e%2e/secret.png',
        '..\\secret.png',
        'photo.png/../../secret.png',
        `${TERMINAL[0]}.png`,
      ];
      const text = Array.from({ length: random.count(50) }, () =>
        random.pick([`![](${random.pick(refs)})`, `![[${random.pick(refs)}]]`, `<img src="${random.pick(refs)}">`]),
      ).join('\n');
      return noteInput(random, text, { 'secret.png': PNG });
    },
  },
  {
    reader: 'Markdown note',
    name: 'placeholders, markup and links',
    make: (random) => {
      const pieces = () =>
        random.pick([
          hostileText(random),
          `carnet-image:${random.pick(['photo-0', '../x', hostileText(random)])}`,
          `[lien](${random.pick(MARKUP)})`,
          `<${random.pick(MARKUP)}>`,
          `#${hostileText(random, 1)}`,
        ]);
      return noteInput(random, Array.from({ length: random.count(200) }, pieces).join(random.pick([' ', '\n', '\n\n'])));
    },
  },
  {
    reader: 'Markdown note',
    name: 'mutations of the sample notes',
    make: (random) =>
      noteInput(
        random,
        new TextDecoder().decode(
          mutate(random, sample(`sample-expedition/notes/${random.pick(SAMPLE_NOTES)}`), [...MARKDOWN_TOKENS, ...COMMON_TOKENS], 512 * KB),
        ),
      ),
  },
];

/** A lessons file: named as lessons, or read as lessons by --as. */
function lessonsInput(random: Random, text: string | Uint8Array): ReaderInput {
  const asked = random.chance(0.3);
  const name = asked ? 'plan.md' : fileName(random, random.pick(['lessons.md', 'enseignements.md', 'leçons.markdown']));
  return { files: { [name]: text }, target: name, options: asked ? ['--as', 'lessons'] : [] };
}

const lessonClasses: ReaderClass[] = [
  {
    reader: 'Markdown lessons',
    name: 'mutations of lessons.md',
    make: (random) => lessonsInput(random, mutate(random, sample('sample-expedition/lessons.md'), [...MARKDOWN_TOKENS, ...COMMON_TOKENS], MB)),
  },
  {
    reader: 'Markdown lessons',
    name: '100,000 headings and items',
    make: (random) => lessonsInput(random, random.pick(['## a\n', '# b\n', '- c\n', '1. d\n', '## a\ntext\n']).repeat(random.count(200_000))),
  },
  {
    reader: 'Markdown lessons',
    name: 'runs of [ in headings',
    make: (random) => lessonsInput(random, `# ${quadraticRun(random, random.count(2_000))}\n`.repeat(random.count(1_000))),
  },
  {
    reader: 'Markdown lessons',
    name: 'markup, escapes and long descriptions',
    make: (random) =>
      lessonsInput(
        random,
        Array.from(
          { length: random.count(300) },
          () => `## ${hostileText(random)}\n${random.chance(0.2) ? quadraticRun(random, random.count(20_000)) : hostileText(random)}\n`,
        ).join('\n'),
      ),
  },
];

// --- Folders ---------------------------------------------------------------------------

const folderClasses: ReaderClass[] = [
  {
    reader: 'folder',
    name: 'a vault of mutated and hostile notes',
    make: (random) => {
      const files: Record<string, string | Uint8Array> = { 'vault/photo.png': PNG };
      for (let i = random.count(30); i > 0; i--) {
        const folder = Array.from({ length: random.int(0, 3) }, () => random.pick(['a', 'b', 'Visite', '.hidden'])).join('/');
        const note = random.chance(0.6)
          ? mutate(random, sample(`sample-expedition/notes/${random.pick(SAMPLE_NOTES)}`), [...MARKDOWN_TOKENS, ...COMMON_TOKENS], 64 * KB)
          : `${hostileText(random)}\n![](${random.pick(['photo.png', '../photo.png', '../../../etc/hostname'])})\n`;
        files[`vault/${folder ? `${folder}/` : ''}${i}-${random.pick(['note.md', 'note.markdown', 'note.txt', 'note.MD'])}`] = note;
      }
      return { files, target: 'vault', options: zoneOption(random) };
    },
  },
  {
    reader: 'folder',
    name: 'links, pipes and deep folders',
    make: (random) => {
      const deep = Array.from({ length: random.count(40) }, (_, i) => `d${i}`).join('/');
      return {
        files: { 'vault/a.md': 'Une note #tag', [`vault/${deep}/deep.md`]: 'Au fond' },
        links: { 'vault/hostname.md': '/etc/hostname', 'vault/loop': '..', 'vault/root': '/', 'vault/photo.png': '/etc/hostname' },
        pipes: random.chance(0.5) ? ['vault/pipe.md'] : [],
        target: 'vault',
      };
    },
  },
  {
    reader: 'folder',
    name: 'terminal escapes in file names',
    make: (random) => {
      const files: Record<string, string> = {};
      for (let i = random.count(10); i > 0; i--)
        files[`vault/${random.pick(TERMINAL)}${i}${random.pick(['.md', '/n.md', '.png'])}`] = random.chance(0.5) ? 'texte' : '\u0000\u0001';
      return { files, target: 'vault' };
    },
  },
  {
    reader: 'folder',
    name: 'many notes',
    make: (random) => {
      const files: Record<string, string> = {};
      for (let i = random.count(3_000); i > 0; i--) files[`vault/${i % 10}/${i}.md`] = `Note ${i} #t${i % 7}`;
      return { files, target: 'vault' };
    },
  },
];

// --- Carnet backups --------------------------------------------------------------------

const SAMPLE_CARNET = 'sample.carnet';
const ZIP_TOKENS = ['PK\u0003\u0004', 'PK\u0001\u0002', 'PK\u0005\u0006', '../', '/etc/passwd', '\u00ff\u00ff\u00ff\u00ff'];

/** The sample backup's files, unpacked. */
const sampleFiles = (): Record<string, Uint8Array> => unzipSync(sample(SAMPLE_CARNET));
const sampleExpeditionId = (): string => (JSON.parse(new TextDecoder().decode(sampleFiles()['expedition.json'])) as { id: string }).id;

function backupInput(random: Random, bytes: Uint8Array): ReaderInput {
  const name = fileName(random, 'backup.carnet');
  return { files: { [name]: bytes }, target: name, options: zoneOption(random) };
}

const carnetClasses: ReaderClass[] = [
  {
    reader: '.carnet',
    name: 'byte mutations of sample.carnet',
    make: (random) => backupInput(random, mutate(random, sample(SAMPLE_CARNET), [...ZIP_TOKENS, ...COMMON_TOKENS], MB)),
  },
  {
    reader: '.carnet',
    name: 'records mutated, manifest matching',
    make: (random) => {
      const files = sampleFiles();
      delete files['manifest.json'];
      const record = random.pick(['expedition.json', 'visits.json', 'lessons.json', 'notes.json', 'attachments.json', 'settings.json']);
      files[record] = mutate(random, files[record]!, [...JSON_TOKENS, ...COMMON_TOKENS], MB);
      return backupInput(random, zipWithManifest(files, sampleExpeditionId()));
    },
  },
  {
    reader: '.carnet',
    name: 'hostile records, manifest matching',
    make: (random) =>
      backupInput(
        random,
        craftBackup((records) => {
          const note = random.pick(records.notes);
          const change = random.pick([
            () => {
              const depth = random.count(30_000);
              note.state = `{"root":${'{"type":"paragraph","children":['.repeat(depth)}${random.chance(0.5) ? ']}'.repeat(depth) : ''}}`;
            },
            () => (note.createdAt = random.pick([8.64e15, -8.64e15, 8.64e15 + 1, 1e300, -0, 0.5])),
            () => (records.expedition.timeZone = random.pick([...BAD_ZONES, ...GOOD_ZONES])),
            () => (note.id = random.pick(['<script>', '..', '../x', `a${TERMINAL[0]}`, 'a'.repeat(201), ''])),
            () => (note.text = note.title = hostileText(random)),
            () => (records.visits[0]!.speakers = [{ name: hostileText(random), role: hostileText(random) }]),
            () => (records.notes = Array.from({ length: random.count(10_000) }, (_, i) => ({ ...note, id: `n${i}` }))),
            () => (records.visits[0]!.date = random.pick(['2024-02-30', '9999-12-31', '0000-01-01', '24-11-20'])),
          ]);
          change();
        }),
      ),
  },
  {
    reader: '.carnet',
    name: 'entries sharing their bytes',
    make: (random) =>
      backupInput(random, backupWithPhotos(random.count(2_000), new Uint8Array(random.count(MB)), { deflate: random.chance(0.7), shared: true })),
  },
  {
    reader: '.carnet',
    name: 'many small deflated entries',
    // 6,000 entries make about 1 MB, the size every reader must read within the budget.
    make: (random) => backupInput(random, backupWithPhotos(random.count(6_000), new Uint8Array(random.count(4 * KB)), { deflate: true })),
  },
  {
    reader: '.carnet',
    name: 'zip bombs by ratio',
    make: (random) => backupInput(random, backupWithPhotos(random.int(1, 3), new Uint8Array(random.count(64 * MB)), { deflate: true })),
  },
  {
    reader: '.carnet',
    name: 'unsafe entry names',
    make: (random) => {
      const names = [
        '../evil.txt',
        '/etc/evil',
        'a/../../evil',
        'a/./b',
        'C:\\evil',
        'a\\..\\evil',
        'attachments/../../x',
        '',
        '.',
        '..',
        'a//b',
        `${TERMINAL[0]}x`,
        `manifest.json${TERMINAL[1]}`,
      ];
      const files: CraftedFile[] = Object.entries(sampleFiles()).map(([path, bytes]) => ({ path, bytes, deflate: random.chance(0.5) }));
      const at = random.int(0, files.length);
      files.splice(at, 0, ...Array.from({ length: random.int(1, 3) }, () => ({ path: random.pick(names), bytes: strToU8('x'), deflate: false })));
      return backupInput(random, craftZip(files));
    },
  },
];

export const READER_CLASSES: ReaderClass[] = [
  ...icsClasses,
  ...csvClasses,
  ...jsonClasses,
  ...noteClasses,
  ...lessonClasses,
  ...folderClasses,
  ...carnetClasses,
];
