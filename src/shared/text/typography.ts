// Typography a reader expects in each language, applied to the journal's text (never to
// what is stored). French: a narrow no-break space (U+202F) before ; : ! ? and inside
// « guillemets », so a line never starts with a lone "?". English: none of that. Both:
// typographic apostrophes. Dates come from Intl in the journal's language.
import type { Locale } from '../model';

export const NNBSP = '\u202f';

// Each pattern starts at a character that cannot repeat inside it, or takes a whole run of
// spaces at once: the work stays linear in the text's length. ("\s+;" scanned a run of
// spaces again from each of its spaces: 12 s for a note of 100,000 spaces.)
/** A run of spaces, and the high punctuation sign that may follow it. */
const SPACES_THEN_SIGN = /[ \u00a0\u202f\t]+([;:!?])?/g;
/** A run of spaces and the closing guillemet that may follow it, or the guillemet alone. */
const SPACES_THEN_GUILLEMET = /[ \u00a0\u202f\t]+(»)?|»/g;

/** French spacing of high punctuation and guillemets in a run of text. */
export function frenchTypography(text: string): string {
  return (
    text
      // An existing space before ; : ! ? becomes a narrow no-break space.
      .replace(SPACES_THEN_SIGN, (spaces, sign: string | undefined) => (sign ? `${NNBSP}${sign}` : spaces))
      // A missing one is added after a letter for ; ! ? when the sign ends a word
      // ("Vraiment!" → "Vraiment !"), never inside URLs ("?q=") or times ("10:30").
      .replace(/(\p{L}|»|\))([;!?]+)(?=\s|$|["»)])/gu, `$1${NNBSP}$2`)
      // Inside guillemets: « texte », whatever spacing was typed.
      .replace(/«[ \u00a0\u202f\t]*/g, `«${NNBSP}`)
      .replace(SPACES_THEN_GUILLEMET, (match, guillemet: string | undefined) => (guillemet || match === '»' ? `${NNBSP}»` : match))
      .replace(/(\p{L})'(?=\p{L})/gu, '$1’')
  );
}

export function englishTypography(text: string): string {
  return text.replace(/(\p{L})'(?=\p{L})/gu, '$1’');
}

export function typography(text: string, locale: Locale): string {
  return locale === 'fr' ? frenchTypography(text) : englishTypography(text);
}

/** The Intl locale of each language: British English keeps day-month order. */
export const INTL_LOCALE: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(INTL_LOCALE[locale], { timeZone, ...options });
    formatters.set(key, found);
  }
  return found;
}

/** "mercredi 20 novembre 2024" / "Wednesday 20 November 2024". */
export function longDate(epochMs: number, timeZone: string, locale: Locale): string {
  return formatter(locale, timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(epochMs).replace(',', '');
}

/** "20 nov. 2024" / "20 Nov 2024": the back references of the journal. */
export function shortDate(epochMs: number, timeZone: string, locale: Locale): string {
  return formatter(locale, timeZone, { day: 'numeric', month: 'short', year: 'numeric' }).format(epochMs);
}

/** "09:15" in both languages (24-hour clock). */
export function clockTime(epochMs: number, timeZone: string, locale: Locale): string {
  return formatter(locale, timeZone, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(epochMs);
}

/** A calendar date 'YYYY-MM-DD' read at noon UTC, so no zone can move it to another day. */
export function calendarDateToEpoch(date: string): number {
  return Date.parse(`${date}T12:00:00Z`);
}

/** "du 19 au 21 novembre 2024" / "19–21 November 2024", from calendar dates. */
export function dateRange(start: string | null, end: string | null, locale: Locale): string {
  if (!start) return '';
  const from = calendarDateToEpoch(start);
  if (!end || end === start) return longDateUtc(from, locale);
  const to = calendarDateToEpoch(end);
  return formatter(locale, 'UTC', { day: 'numeric', month: 'long', year: 'numeric' }).formatRange(from, to);
}

function longDateUtc(epochMs: number, locale: Locale): string {
  return formatter(locale, 'UTC', { day: 'numeric', month: 'long', year: 'numeric' }).format(epochMs);
}
