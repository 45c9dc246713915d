// A programme exported from a spreadsheet → planned visits, with papaparse.
//
// Separator sniffed among ',' ';' and tab; the first row holds the headers, French or
// English, matched without regard to case, accents or punctuation. Dates are day first
// (dd/mm/yyyy, as French and British spreadsheets write them) or ISO; times are 24-hour
// ('09:15', '9h15', '14h'). A row with a date and no start time is an all-day visit;
// a start column may also hold a whole range ('9h15 - 12h30'). When the headers are not
// recognised, the plan carries the columns for the renderer's mapping step instead.
import Papa from 'papaparse';
import { CSV_FIELDS, type CsvField, type CsvMapping, type ImportPlan, type PlannedVisit } from '../../shared/importPlan';
import { badFormat, ImportFailure, LIMITS, tooMany } from './limits';
import { countItems, emptyPlan, issue, textOrNull, type ParseContext } from './plan';
import type { TextInput } from './readInput';
import { addDays, formatDate, isValidDate, isValidTime, parseIsoDateTime, wallToZonedIso } from './zonedTime';

export type CsvColumnMapping = Record<CsvField, number | null>;

const SAMPLE_ROWS = 20;

/** Dates and times are short; longer cells are not read as one (which also keeps the
 *  patterns below from backtracking over a huge cell). */
const MAX_DATE_CHARS = 60;

/** Header names for each field, folded (lower case, no accents, words separated by one space). */
const HEADER_SYNONYMS: Record<CsvField, string[]> = {
  title: ['titre', 'title', 'intitule', 'nom', 'name', 'objet', 'sujet', 'subject', 'summary', 'visite', 'visit', 'evenement', 'event', 'activite', 'activity'],
  organisation: ['organisation', 'organization', 'organisme', 'entreprise', 'company', 'societe', 'structure', 'host', 'hote', 'accueil', 'etablissement'],
  date: ['date', 'jour', 'day', 'date de debut', 'date debut', 'start date', 'date debut visite'],
  start: ['debut', 'start', 'heure', 'heure de debut', 'heure debut', 'start time', 'from', 'de', 'horaire', 'horaires', 'time', 'begin'],
  end: ['fin', 'end', 'heure de fin', 'heure fin', 'end time', 'to', 'a', 'until', 'jusqu a'],
  endDate: ['date de fin', 'date fin', 'end date', 'au', 'last day', 'dernier jour'],
  location: ['lieu', 'location', 'adresse', 'address', 'place', 'venue', 'ville', 'city', 'where', 'ou', 'site'],
  description: [
    'description',
    'descriptif',
    'details',
    'detail',
    'notes',
    'note',
    'commentaire',
    'commentaires',
    'comment',
    'comments',
    'programme',
    'program',
    'contenu',
    'resume',
  ],
};

export function foldHeader(header: string): string {
  return header
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Which column holds each field, from the headers alone. */
export function guessCsvMapping(headers: string[]): CsvColumnMapping {
  const folded = headers.map(foldHeader);
  const mapping = Object.fromEntries(CSV_FIELDS.map((field) => [field, null])) as CsvColumnMapping;
  const taken = new Set<number>();
  for (const field of CSV_FIELDS) {
    const index = folded.findIndex((header, i) => !taken.has(i) && HEADER_SYNONYMS[field].includes(header));
    if (index >= 0) {
      mapping[field] = index;
      taken.add(index);
    }
  }
  return mapping;
}

function isUsable(mapping: CsvColumnMapping): boolean {
  return mapping.title !== null && (mapping.date !== null || mapping.start !== null);
}

/** Plans the visits of a CSV programme; with `userMapping`, the columns are those the
 *  user picked in the mapping step rather than those guessed from the headers. */
export function parseCsv(input: TextInput, context: ParseContext, userMapping?: Partial<CsvColumnMapping>): ImportPlan {
  const plan = emptyPlan('csv', input.encoding, input.name);
  const table = readTable(input);
  const headers = (table[0] ?? []).map((header) => header.trim());
  const rows = table.slice(1);
  const guessed = guessCsvMapping(headers);
  const mapping = userMapping ? checkMapping(userMapping, headers.length) : guessed;
  const recognised = isUsable(mapping);
  plan.csvMapping = { headers, sampleRows: rows.slice(0, SAMPLE_ROWS), mapping, recognised } satisfies CsvMapping;
  if (!recognised) {
    plan.warnings.push(
      issue('unknownColumns', 'The columns were not recognised: say which column holds the title and the date.', {
        headers: headers.join(', ').slice(0, 200),
      }),
    );
    // Nothing can be planned before the mapping; the rows are the items waiting for it.
    plan.itemCount = rows.length;
    return plan;
  }
  rows.forEach((row, index) => {
    context.deadline.check();
    // Row numbers as a spreadsheet shows them: the headers are row 1.
    const rowNumber = index + 2;
    const result = rowToVisit(row, mapping, context.timeZone);
    if ('visit' in result) plan.visits.push(result.visit);
    else plan.skipped.push(issue(result.code, `Row ${rowNumber} left out: ${result.reason}.`, { row: rowNumber }));
  });
  plan.itemCount = countItems(plan);
  return plan;
}

function readTable(input: TextInput): string[][] {
  const delimiter = /\.tsv$/i.test(input.name) ? '\t' : guessDelimiter(input.text);
  const result = Papa.parse<string[]>(input.text, {
    delimiter,
    skipEmptyLines: 'greedy',
    // Reading one row past the bound is enough to know the file is over it. Fast mode
    // would first split the whole text into lines, however large it is.
    preview: LIMITS.maxVisits + 2,
    fastMode: false,
  });
  const unclosed = result.errors.find((error) => error.code === 'MissingQuotes');
  if (unclosed) {
    throw badFormat(`The spreadsheet is damaged or truncated: a quoted field near row ${(unclosed.row ?? 0) + 1} is never closed.`, {
      row: (unclosed.row ?? 0) + 1,
    });
  }
  const table = result.data.filter((row) => Array.isArray(row) && row.some((cell) => cell.trim() !== ''));
  if (table.length > LIMITS.maxVisits + 1) throw tooMany('rows', LIMITS.maxVisits);
  if (table.length === 0) throw new ImportFailure('fileEmpty', `${input.name} has no rows.`, { name: input.name });
  return table;
}

/** The separator among ',' ';' and tab, guessed from the first rows (papaparse's guess
 *  reads the whole text once per candidate). */
function guessDelimiter(text: string): string {
  const head = Papa.parse<string[]>(text.slice(0, 64 * 1024), { delimitersToGuess: [',', ';', '\t'], preview: 50, fastMode: false });
  return head.meta.delimiter || ',';
}

function checkMapping(mapping: Partial<CsvColumnMapping>, columnCount: number): CsvColumnMapping {
  const checked = Object.fromEntries(CSV_FIELDS.map((field) => [field, null])) as CsvColumnMapping;
  for (const field of CSV_FIELDS) {
    const index = mapping[field];
    if (typeof index === 'number' && Number.isInteger(index) && index >= 0 && index < columnCount) checked[field] = index;
  }
  return checked;
}

type RowResult = { visit: PlannedVisit } | { code: 'noDate' | 'badDate' | 'skippedItem'; reason: string };

function rowToVisit(row: string[], mapping: CsvColumnMapping, timeZone: string): RowResult {
  const cell = (field: CsvField): string | null => {
    const index = mapping[field];
    return index === null ? null : textOrNull(row[index]?.replace(/\r\n?/g, '\n'));
  };
  const title = cell('title');
  if (!title) return { code: 'skippedItem', reason: 'it has no title' };

  // The start column may hold a time, a date and time, or a range of times.
  let startText = cell('start');
  let endText = cell('end');
  const range = startText && !endText ? splitTimeRange(startText) : null;
  if (range) [startText, endText] = range;

  const startMoment = startText ? readMoment(startText, timeZone) : null;
  const dateText = cell('date');
  const date = dateText ? readDate(dateText, timeZone) : (startMoment?.date ?? null);
  if (date === undefined) return { code: 'badDate', reason: `cannot read the date “${dateText}”` };
  if (date === null) return { code: 'noDate', reason: 'it has no date' };
  if (startText && !startMoment) return { code: 'badDate', reason: `cannot read the start time “${startText}”` };

  const endDateText = cell('endDate');
  const endDate = endDateText ? readDate(endDateText, timeZone) : null;
  if (endDate === undefined) return { code: 'badDate', reason: `cannot read the end date “${endDateText}”` };

  const visit: PlannedVisit = {
    title,
    organisation: cell('organisation'),
    start: null,
    end: null,
    allDay: false,
    location: cell('location'),
    description: cell('description'),
    speakers: [],
  };
  const startTime = startMoment?.time ?? null;
  if (startTime === null) {
    visit.allDay = true;
    visit.start = date;
    visit.end = endDate && endDate > date ? endDate : date;
    return { visit };
  }
  visit.start = zoned(date, startTime, timeZone);
  const endMoment = endText ? readMoment(endText, timeZone) : null;
  if (endText && !endMoment?.time) return { code: 'badDate', reason: `cannot read the end time “${endText}”` };
  if (endMoment?.time) {
    let endDay = endMoment.date ?? endDate ?? date;
    // '22:00 – 01:00' ends the next day.
    if (endDay === date && endMoment.time <= startTime) endDay = addDays(date, 1);
    visit.end = zoned(endDay, endMoment.time, timeZone);
  }
  return { visit };
}

function zoned(date: string, time: string, timeZone: string): string {
  const [year = 0, month = 1, day = 1] = date.split('-').map(Number);
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  return wallToZonedIso({ year, month, day, hour, minute, second: 0 }, timeZone);
}

/** '9h15 - 12h30', '09:15–12:30', '9h à 12h' → its two ends. */
function splitTimeRange(text: string): [string, string] | null {
  if (text.length > MAX_DATE_CHARS) return null;
  const match = /^(.+?)\s*(?:-|–|—|à|a|to)\s*(\d{1,2}\s*[:hH.]\s*\d{0,2})$/u.exec(text);
  if (!match?.[1] || !match[2] || !readTime(match[1]) || !readTime(match[2])) return null;
  return [match[1], match[2]];
}

/** A cell holding a time ('09:15'), a date, or both ('20/11/2024 09:15'). */
function readMoment(text: string, timeZone: string): { date: string | null; time: string | null } | null {
  if (text.length > MAX_DATE_CHARS) return null;
  const time = readTime(text);
  if (time) return { date: null, time };
  const iso = parseIsoDateTime(text, timeZone);
  if (iso?.kind === 'date') return { date: iso.date, time: null };
  if (iso?.kind === 'dateTime') return { date: iso.iso.slice(0, 10), time: iso.iso.slice(11, 16) };
  const split = /^(.*\d)\s+(\d{1,2}\s*[:hH]\s*\d{0,2})$/.exec(text.trim());
  if (split?.[1] && split[2]) {
    const date = readDate(split[1], timeZone);
    const splitTime = readTime(split[2]);
    if (date && splitTime) return { date, time: splitTime };
  }
  const date = readDate(text, timeZone);
  return date ? { date, time: null } : null;
}

/** 'HH:MM' from '09:15', '9:15:00', '9h15', '9h', '14.30'; null when it is not a time. */
export function readTime(text: string): string | null {
  if (text.length > MAX_DATE_CHARS) return null;
  const match = /^(\d{1,2})\s*[:hH.]\s*(\d{2})?(?::(\d{2}))?$/.exec(text.trim());
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  if (!isValidTime(hour, minute, Number(match[3] ?? 0))) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

const MONTHS: Record<string, number> = {
  janvier: 1,
  january: 1,
  jan: 1,
  fevrier: 2,
  february: 2,
  feb: 2,
  fev: 2,
  mars: 3,
  march: 3,
  mar: 3,
  avril: 4,
  april: 4,
  apr: 4,
  avr: 4,
  mai: 5,
  may: 5,
  juin: 6,
  june: 6,
  jun: 6,
  juillet: 7,
  july: 7,
  jul: 7,
  juil: 7,
  aout: 8,
  august: 8,
  aug: 8,
  septembre: 9,
  september: 9,
  sep: 9,
  sept: 9,
  octobre: 10,
  october: 10,
  oct: 10,
  novembre: 11,
  november: 11,
  nov: 11,
  decembre: 12,
  december: 12,
  dec: 12,
};

/** 'YYYY-MM-DD' from '20/11/2024', '20.11.24', '2024-11-20' or 'mercredi 20 novembre 2024';
 *  undefined when the cell is not a date. */
export function readDate(text: string, timeZone: string): string | undefined {
  const trimmed = text.trim();
  if (trimmed.length > MAX_DATE_CHARS) return undefined;
  const iso = parseIsoDateTime(trimmed, timeZone);
  if (iso) return iso.kind === 'date' ? iso.date : iso.iso.slice(0, 10);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})$/.exec(trimmed);
  if (dayFirst) return validDate(Number(dayFirst[3]), Number(dayFirst[2]), Number(dayFirst[1]));
  // Dates in words, folded: 'mercredi 20 novembre 2024', '1er nov 2024', 'November 20, 2024'.
  const folded = foldHeader(trimmed);
  const dayMonth = /^(?:[a-z]+ )?(\d{1,2})(?:er)? ([a-z]+) (\d{4})$/.exec(folded);
  const monthDay = /^(?:[a-z]+ )?([a-z]+) (\d{1,2}) (\d{4})$/.exec(folded);
  const [day, monthName, year] = dayMonth ? [dayMonth[1], dayMonth[2], dayMonth[3]] : monthDay ? [monthDay[2], monthDay[1], monthDay[3]] : [];
  const month = monthName ? MONTHS[monthName] : undefined;
  return month ? validDate(Number(year), month, Number(day)) : undefined;
}

function validDate(year: number, month: number, day: number): string | undefined {
  const fullYear = year < 100 ? 2000 + year : year;
  return isValidDate(fullYear, month, day) ? formatDate(fullYear, month, day) : undefined;
}
