// Settings › Backups: the automatic snapshots, newest first, each restorable through the
// backup preview; and a snapshot taken now.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupContents, SnapshotSummary } from '../../../shared/ipc';
import { db } from '../../db/AppDB';
import { formatDateTime } from '../../i18n';
import { carnet } from '../../platform';
import { useLocale } from '../../i18n/useLocale';
import { BackupDialog } from './BackupDialog';
import { takeSnapshot } from './snapshots';

export function SnapshotList({ expeditionId }: { expeditionId: string | null }): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [snapshots, setSnapshots] = useState<SnapshotSummary[] | null>(null);
  const [opened, setOpened] = useState<BackupContents | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const titles = useLiveQuery(async () => new Map((await db().expeditions.toArray()).map((e) => [e.id, e.title])), []);
  const refresh = useCallback(async () => {
    const listed = await carnet().listSnapshots();
    setSnapshots(listed.ok ? listed.value : []);
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);

  const open = async (path: string) => {
    const read = await carnet().readSnapshot({ path });
    if (read.ok) setOpened(read.value);
    else setStatus(t(`errors.${read.error.code}`));
  };
  const now = async () => {
    if (!expeditionId) return;
    setStatus(t('backup.saving'));
    const outcome = await takeSnapshot(db(), expeditionId);
    setStatus(outcome.kind === 'done' ? t('backup.saved') : t('errors.internal'));
    await refresh();
  };
  const size = (bytes: number) => new Intl.NumberFormat(locale, { style: 'unit', unit: 'kilobyte', maximumFractionDigits: 0 }).format(bytes / 1000);

  return (
    <section className="settings-section" aria-label={t('backup.snapshots')}>
      <h3>{t('backup.snapshots')}</h3>
      <p className="hint">{t('backup.snapshotsHint')}</p>
      {expeditionId && (
        <button type="button" onClick={() => void now()}>
          {t('backup.now')}
        </button>
      )}
      {status && <p role="status">{status}</p>}
      {snapshots?.length === 0 && <p className="empty">{t('backup.none')}</p>}
      <ul className="snapshot-list" aria-label={t('backup.snapshots')}>
        {snapshots?.map((snapshot) => {
          const label = `${titles?.get(snapshot.expeditionId) ?? snapshot.expeditionId} — ${formatDateTime(snapshot.createdAt, locale)}`;
          return (
            <li key={snapshot.path}>
              <span>{label}</span>
              <span className="hint">{size(snapshot.size)}</span>
              <button type="button" onClick={() => void open(snapshot.path)} aria-label={t('backup.restoreNamed', { name: label })}>
                {t('backup.restoreShort')}
              </button>
            </li>
          );
        })}
      </ul>
      {opened && <BackupDialog contents={opened} initialMode="restore" onClose={() => setOpened(null)} />}
    </section>
  );
}
