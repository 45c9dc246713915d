import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';

/** The end of every edit form: what is wrong (announced), then Cancel and Save (or what
 *  the form does). */
export function FormFooter({ error, onCancel, submitLabel }: { error: string | null; onCancel: () => void; submitLabel?: string }): JSX.Element {
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
          {submitLabel ?? t('save')}
        </button>
      </footer>
    </>
  );
}
