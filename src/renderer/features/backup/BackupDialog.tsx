// A Carnet backup (chosen by the user or one of the automatic snapshots) brought into the
// notebook: restore the expedition exactly as saved, or merge it with what is here. The
// preview says what each choice adds, updates and leaves alone before anything is written.
import { useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupContents } from '../../../shared/ipc';
import { Dialog } from '../../components/Dialog';
import { db } from '../../db/AppDB';
import { applyBackup, planBackup, type BackupMode, type BackupPlan, type Tally } from '../../db/backupApply';
import { writeSetting } from '../../db/settings';

interface Props {
  contents: BackupContents;
  /** Restore is the natural choice for one's own snapshots, merge for a colleague's file. */
  initialMode: BackupMode;
  onClose: () => void;
}

export function BackupDialog({ contents, initialMode, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [mode, setMode] = useState<BackupMode>(initialMode);
  const [plan, setPlan] = useState<BackupPlan | null>(null);
  const [state, setState] = useState<'preview' | 'busy' | 'done' | 'failed'>('preview');

  useEffect(() => {
    let current = true;
    void planBackup(db(), contents, mode).then((next) => current && setPlan(next));
    return () => {
      current = false;
    };
  }, [contents, mode]);

  const apply = async () => {
    if (!plan) return;
    setState('busy');
    try {
      await applyBackup(db(), plan);
      await writeSetting(db(), 'currentExpeditionId', plan.expedition.id);
      setState('done');
    } catch (error) {
      console.error('[carnet] backup apply failed', error);
      setState('failed');
    }
  };
  const line = (label: string, tally: Tally) => t('backup.tally', { label, ...tally });
  // After a restore the notebook reopens, so that every view (and the search index,
  // rebuilt from the restored notes) starts from the restored records.
  const close = () => (state === 'done' && mode === 'restore' ? window.location.reload() : onClose());

  return (
    <Dialog title={t('backup.title')} onClose={close} wide>
      <div className="form">
        <p className="hint">{t('backup.source', { name: contents.name, title: contents.records.expedition.title, date: contents.createdAt })}</p>
        <fieldset className="backup-modes">
          <legend>{t('backup.mode')}</legend>
          {(['restore', 'merge'] as const).map((candidate) => (
            <label key={candidate} className="checkbox">
              <input type="radio" name="backup-mode" value={candidate} checked={mode === candidate} onChange={() => setMode(candidate)} />
              <span>
                <strong>{t(`backup.${candidate}`)}</strong> — {t(`backup.${candidate}Hint`)}
              </span>
            </label>
          ))}
        </fieldset>
        {plan && (
          <ul className="backup-preview" aria-label={t('backup.preview')}>
            <li>{line(t('visits.heading'), plan.tallies.visits)}</li>
            <li>{line(t('lessons.heading'), plan.tallies.lessons)}</li>
            <li>{line(t('notes.heading'), plan.tallies.notes)}</li>
            <li>{line(t('importer.kinds.photos'), plan.tallies.photos)}</li>
            {plan.removed > 0 && <li className="error-text">{t('backup.removed', { count: plan.removed })}</li>}
          </ul>
        )}
        {state === 'done' && <p role="status">{t('backup.done')}</p>}
        {state === 'failed' && (
          <p role="alert" className="error-text">
            {t('errors.internal')} {t('importer.nothingWritten')}
          </p>
        )}
        <footer className="form-actions">
          <button type="button" onClick={close}>
            {state === 'done' ? t('dismiss') : t('cancel')}
          </button>
          {state !== 'done' && (
            <button type="button" className="primary" disabled={!plan || state === 'busy'} onClick={() => void apply()}>
              {mode === 'restore' ? t('backup.restore') : t('backup.merge')}
            </button>
          )}
        </footer>
      </div>
    </Dialog>
  );
}
