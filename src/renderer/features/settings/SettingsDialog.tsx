import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../../components/Dialog';
import { SnapshotList } from '../backup/SnapshotList';
import { LanguageSelect } from './LanguageSelect';
import { readStorageState, requestPersistentStorage, type StorageState } from './storage';
import { useLocale } from '../../i18n/useLocale';
import { formatMegabytes } from '../../i18n';

export function SettingsDialog({ expeditionId, onClose }: { expeditionId: string | null; onClose: () => void }): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [storage, setStorage] = useState<StorageState | null>(null);
  useEffect(() => {
    void readStorageState().then(setStorage);
  }, []);
  const size = (bytes: number | null) => (bytes === null ? '—' : formatMegabytes(bytes, locale));
  const persist = async () => {
    await requestPersistentStorage();
    setStorage(await readStorageState());
  };

  return (
    <Dialog title={t('settings.title')} onClose={onClose}>
      <div className="form">
        <LanguageSelect />
        <section className="settings-section" aria-label={t('settings.storage')}>
          <h3>{t('settings.storage')}</h3>
          {storage && (
            <>
              <p role="status">{storage.persisted ? t('settings.persisted') : t('settings.notPersisted')}</p>
              {!storage.persisted && (
                <button type="button" onClick={() => void persist()}>
                  {t('settings.askPersist')}
                </button>
              )}
              <p className="hint">{t('settings.usage', { used: size(storage.usage), quota: size(storage.quota) })}</p>
            </>
          )}
        </section>
        <SnapshotList expeditionId={expeditionId} />
      </div>
    </Dialog>
  );
}
