import { useTranslation } from 'react-i18next';
import type { Locale } from '../../shared/model';
import { db } from '../db/AppDB';
import { writeSetting } from '../db/settings';
import { initI18n } from '.';

export function useLocale(): [Locale, (locale: Locale) => Promise<void>] {
  const { i18n } = useTranslation();
  const locale: Locale = i18n.language === 'fr' ? 'fr' : 'en';
  const change = async (next: Locale): Promise<void> => {
    await writeSetting(db(), 'locale', next);
    await initI18n(next);
  };
  return [locale, change];
}
