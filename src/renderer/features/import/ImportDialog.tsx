// File › Import…: choose what to import, look at what it would create, confirm. Nothing
// is written before the confirmation, and then all of it or nothing.
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_KINDS, type BackupContents, type CarnetError, type ImportKind, type PlannedImport } from '../../../shared/ipc';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { BackupDialog } from '../backup/BackupDialog';
import { findPlannedDuplicates, type ImportReport } from '../../db/importApply';
import { carnet } from '../../platform';
import { CsvMappingStep } from './CsvMappingStep';
import { PhotoImport } from './PhotoImport';
import { IssueList } from './IssueList';
import { PlanPreview } from './PlanPreview';
import { confirmImport } from './confirmImport';

interface Props {
  expedition: Expedition;
  visits: Visit[];
  lessons: Lesson[];
  /** A file dropped on the window, already planned. */
  dropped?: PlannedImport;
  onClose: () => void;
}

type Step =
  | { kind: 'choose' }
  | { kind: 'photos' }
  | { kind: 'backup'; contents: BackupContents }
  | { kind: 'preview'; planned: PlannedImport }
  | { kind: 'done'; report: ImportReport };

export function ImportDialog({ expedition, visits, lessons, dropped, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [step, setStep] = useState<Step>(dropped ? { kind: 'preview', planned: dropped } : { kind: 'choose' });
  const [error, setError] = useState<CarnetError | null>(null);
  const [busy, setBusy] = useState(false);

  const choose = async (kind: ImportKind) => {
    setError(null);
    setBusy(true);
    const result = await carnet().chooseImport({ kind, timeZone: expedition.timeZone });
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (result.value) setStep({ kind: 'preview', planned: result.value });
  };

  const chooseBackup = async () => {
    setError(null);
    setBusy(true);
    const result = await carnet().chooseBackup();
    setBusy(false);
    if (!result.ok) setError(result.error);
    else if (result.value) setStep({ kind: 'backup', contents: result.value });
  };

  const confirm = async (planned: PlannedImport) => {
    setBusy(true);
    const result = await confirmImport(planned, expedition, visits, lessons, t('importer.unassignedVisit'));
    setBusy(false);
    if (result.ok) setStep({ kind: 'done', report: result.value });
    else setError(result.error);
  };

  const close = () => {
    if (step.kind === 'preview') void carnet().closeImport({ importId: step.planned.importId });
    onClose();
  };

  return (
    <Dialog title={t('importer.title')} onClose={close} wide>
      <div className="form import-dialog">
        {error && (
          <p role="alert" className="error-text">
            {t(`errors.${error.code}`)} {error.detail?.['name'] ? `(${error.detail['name']})` : ''}
            <br />
            <small>{t('importer.nothingWritten')}</small>
          </p>
        )}
        {step.kind === 'choose' && (
          <>
            <p className="hint">{t('importer.intro')}</p>
            <div className="import-choices">
              {IMPORT_KINDS.map((kind) => (
                <button key={kind} type="button" disabled={busy} onClick={() => void choose(kind)}>
                  <strong>{t(`importer.kinds.${kind}`)}</strong>
                  <span>{t(`importer.kindHints.${kind}`)}</span>
                </button>
              ))}
              <button type="button" disabled={busy} onClick={() => setStep({ kind: 'photos' })}>
                <strong>{t('importer.kinds.photos')}</strong>
                <span>{t('importer.kindHints.photos')}</span>
              </button>
              <button type="button" disabled={busy} onClick={() => void chooseBackup()}>
                <strong>{t('importer.kinds.backup')}</strong>
                <span>{t('importer.kindHints.backup')}</span>
              </button>
            </div>
            <p className="hint">{t('importer.dropHint')}</p>
          </>
        )}
        {step.kind === 'backup' && <BackupDialog contents={step.contents} initialMode="merge" onClose={onClose} />}
        {step.kind === 'photos' && <PhotoImport expedition={expedition} visits={visits} onDone={(report) => setStep({ kind: 'done', report })} />}
        {step.kind === 'preview' && step.planned.plan.csvMapping && !step.planned.plan.csvMapping.recognised ? (
          <CsvMappingStep
            planned={step.planned}
            timeZone={expedition.timeZone}
            onPlanned={(planned) => setStep({ kind: 'preview', planned })}
            onError={setError}
          />
        ) : (
          step.kind === 'preview' && (
            <>
              <PlanPreview
                plan={step.planned.plan}
                timeZone={expedition.timeZone}
                duplicates={findPlannedDuplicates(step.planned.plan, {
                  expedition,
                  visits,
                  lessons,
                  unassignedVisitTitle: t('importer.unassignedVisit'),
                  now: Date.now(),
                })}
              />
              <footer className="form-actions">
                <button type="button" onClick={close}>
                  {t('cancel')}
                </button>
                <button type="button" className="primary" disabled={busy} onClick={() => void confirm(step.planned)}>
                  {t('importer.confirm')}
                </button>
              </footer>
            </>
          )
        )}
        {step.kind === 'done' && (
          <>
            <p role="status" className="import-report">
              {t('importer.report', {
                visits: step.report.imported.visits,
                lessons: step.report.imported.lessons,
                notes: step.report.imported.notes,
                photos: step.report.imported.photos,
                skipped: step.report.skipped.length,
                items: step.report.itemCount,
              })}
            </p>
            {step.report.skipped.length > 0 && <IssueList title={t('importer.skipped')} issues={step.report.skipped} />}
            <footer className="form-actions">
              <button type="button" className="primary" onClick={onClose}>
                {t('dismiss')}
              </button>
            </footer>
          </>
        )}
      </div>
    </Dialog>
  );
}
