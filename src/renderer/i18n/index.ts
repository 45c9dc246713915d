// i18next with the two languages Carnet speaks. The language is the user's choice
// (a setting), else the system's when it is French, else English.
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Locale } from '../../shared/model';
import { en } from './en';
import { fr } from './fr';

export function localeFromSystem(systemLocale: string | undefined): Locale {
  return systemLocale?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export async function initI18n(locale: Locale): Promise<typeof i18next> {
  if (!i18next.isInitialized) {
    await i18next.use(initReactI18next).init({
      resources: { fr: { translation: fr }, en: { translation: en } },
      lng: locale,
      fallbackLng: 'en',
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  } else if (i18next.language !== locale) {
    await i18next.changeLanguage(locale);
  }
  document.documentElement.lang = locale;
  return i18next;
}

/** A size in megabytes, in the interface's language (« 12,3 Mo », “12.3 MB”). */
export function formatMegabytes(bytes: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'megabyte', maximumFractionDigits: 1 }).format(bytes / 1e6);
}

/** Formatters by locale, zone and options: making an Intl.DateTimeFormat costs ~0.5 ms,
 *  and a note list formats a date per note on every render (the benchmark found 300 ms of
 *  a 500-note list's render spent constructing them). */
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Dates and times in the interface's language, in the expedition's time zone. */
export function formatDateTime(epochMs: number, locale: Locale, timeZone?: string, options?: Intl.DateTimeFormatOptions): string {
  const key = `${locale}|${timeZone ?? ''}|${options ? JSON.stringify(options) : ''}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone,
      ...options,
    });
    dateTimeFormats.set(key, format);
  }
  return format.format(epochMs);
}
