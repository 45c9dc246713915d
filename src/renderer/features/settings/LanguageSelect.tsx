import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { LOCALES, type Locale } from '../../../shared/model';
import { useLocale } from '../../i18n/useLocale';

const NAMES: Record<Locale, string> = { fr: 'Français', en: 'English' };

export function LanguageSelect(): JSX.Element {
  const { t } = useTranslation();
  const [locale, setLocale] = useLocale();
  return (
    <label className="language-select">
      <span>{t('onboarding.language')}</span>
      <select value={locale} onChange={(e) => void setLocale(e.target.value as Locale)}>
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {NAMES[code]}
          </option>
        ))}
      </select>
    </label>
  );
}
