import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';

/** The end of every edit form: what is wrong (announced), then Cancel and Save. */
export function FormFooter({ error, onCancel }: { error: string | null; onCancel: () => void }): JSX.Element {
  const { t } = useTranslation();
  return (
    <>
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
      <footer className="form-actions">
        <button type="button" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button type="submit" className="primary">
          {t('save')}
        </button>
      </footer>
    </>
  );
}
