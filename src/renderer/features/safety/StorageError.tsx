import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { DatabaseFromNewerVersionError } from '../../db/AppDB';

/** Shown instead of the notebook when the local database cannot be opened. */
export function StorageError({ error }: { error: unknown }): JSX.Element {
  const { t } = useTranslation();
  const detail = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return (
    <main className="onboarding">
      <div className="onboarding-card" role="alert">
        <h1>{t('safety.storageErrorTitle')}</h1>
        <p className="lede">{error instanceof DatabaseFromNewerVersionError ? t('safety.storageTooNew') : t('safety.storageErrorText')}</p>
        <pre className="error-detail">{detail}</pre>
        <button type="button" className="primary" onClick={() => window.location.reload()}>
          {t('safety.retry')}
        </button>
      </div>
    </main>
  );
}
