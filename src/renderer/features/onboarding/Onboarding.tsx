// First launch: pick the language, say who you are, then open the sample expedition,
// start an empty one, or join one shared by an organiser.
import { useEffect, useState, type JSX } from 'react';
import type { BackupContents, SnapshotSummary } from '../../../shared/ipc';
import { useTranslation } from 'react-i18next';
import { db } from '../../db/AppDB';
import { createExpedition, systemTimeZone } from '../../db/expeditions';
import { createSampleExpedition } from '../../db/sample';
import { writeSetting } from '../../db/settings';
import { formatDateTime } from '../../i18n';
import { carnet } from '../../platform';
import { BackupDialog } from '../backup/BackupDialog';
import { LanguageSelect } from '../settings/LanguageSelect';
import { JoinDialog } from '../sharing/JoinDialog';
import { useSharing } from '../sharing/SharingProvider';
import { syncStatusText } from '../sharing/syncStatusText';
import { useLocale } from '../../i18n/useLocale';

export function Onboarding(): JSX.Element {
  const { t } = useTranslation();
  const [participant, setParticipant] = useState('');
  const [title, setTitle] = useState('');
  const [busy, setBusy] = useState(false);
  const [newest, setNewest] = useState<SnapshotSummary | null>(null);
  const [restoring, setRestoring] = useState<BackupContents | null>(null);
  const [locale] = useLocale();
  const [joining, setJoining] = useState(false);
  const { share, state } = useSharing();

  // An empty notebook where snapshots exist: the data was lost, not never written.
  useEffect(() => {
    void carnet()
      .listSnapshots()
      .then((listed) => listed.ok && setNewest(listed.value[0] ?? null));
  }, []);
  const restoreNewest = async () => {
    if (!newest) return;
    const read = await carnet().readSnapshot({ path: newest.path });
    if (read.ok) setRestoring(read.value);
  };

  const open = async (kind: 'sample' | 'empty'): Promise<void> => {
    setBusy(true);
    try {
      const expedition =
        kind === 'sample'
          ? await createSampleExpedition(db(), participant.trim())
          : await createExpedition(db(), {
              title: title.trim() || t('onboarding.emptyTitleDefault'),
              place: '',
              startDate: null,
              endDate: null,
              timeZone: systemTimeZone(),
              participant: participant.trim(),
            });
      await writeSetting(db(), 'currentExpeditionId', expedition.id);
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="onboarding">
      <div className="onboarding-card">
        <h1>{t('onboarding.title')}</h1>
        {newest && (
          <div className="notice restore-offer" role="alert">
            <span>{t('backup.offer', { date: formatDateTime(newest.createdAt, locale) })}</span>
            <button type="button" className="primary" onClick={() => void restoreNewest()}>
              {t('backup.offerRestore')}
            </button>
          </div>
        )}
        {joining && <JoinDialog onClose={() => setJoining(false)} />}
        {restoring && <BackupDialog contents={restoring} initialMode="restore" onClose={() => setRestoring(null)} />}
        <p className="lede">{t('onboarding.intro')}</p>
        <LanguageSelect />
        <label className="field">
          <span>{t('onboarding.participant')}</span>
          <input value={participant} onChange={(e) => setParticipant(e.target.value)} autoComplete="name" />
          <small>{t('onboarding.participantHint')}</small>
        </label>
        {share && (
          <div className="notice joining" role="status">
            <strong>{t('sharing.joining')}</strong>
            <span>{state ? syncStatusText(t, state) : t('sharing.status.connecting')}</span>
            <span>{t('sharing.joiningHint')}</span>
          </div>
        )}
        <div className="onboarding-choices">
          <section>
            <button type="button" className="primary" disabled={busy} onClick={() => void open('sample')}>
              {t('onboarding.sample')}
            </button>
            <p>{t('onboarding.sampleHint')}</p>
          </section>
          <section>
            <label className="field">
              <span>{t('onboarding.emptyTitle')}</span>
              <input value={title} placeholder={t('onboarding.emptyTitleDefault')} onChange={(e) => setTitle(e.target.value)} />
            </label>
            <button type="button" disabled={busy} onClick={() => void open('empty')}>
              {t('onboarding.empty')}
            </button>
          </section>
          <section>
            <button type="button" disabled={busy} onClick={() => setJoining(true)}>
              {t('sharing.join')}
            </button>
            <p>{t('sharing.joinHint')}</p>
          </section>
        </div>
      </div>
    </main>
  );
}
