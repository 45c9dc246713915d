// File › Export journal…: what goes in the journal and in which format, then a progress
// bar with Cancel, then "Show in folder".
import { useEffect, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/journal/formats';
import { slug } from '../../../shared/journal/markdown';
import { defaultJournalOptions, type JournalOptions } from '../../../shared/journal/options';
import type { Expedition, NoteSummary, Visit } from '../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { db } from '../../db/AppDB';
import { carnet } from '../../platform';
import { useLocale } from '../../i18n/useLocale';
import { isMine, useSharing } from '../sharing/SharingProvider';
import { startExport, type ExportProgress, type ExportRun } from './exportJournal';

interface Props {
  expedition: Expedition;
  visits: Visit[];
  onClose: () => void;
}

type Stage =
  | { kind: 'form' }
  | { kind: 'running'; progress: ExportProgress | null }
  | { kind: 'done'; path: string }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

const INCLUDES = ['photos', 'passages', 'synthesis', 'tagIndex'] as const;

export function ExportJournalDialog({ expedition, visits, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [options, setOptions] = useState<JournalOptions>(() => defaultJournalOptions({ expedition }, locale));
  const [format, setFormat] = useState<ExportFormat>('pdf');
  const [stage, setStage] = useState<Stage>({ kind: 'form' });
  // In a shared expedition: my journal, or the group's with each note's author.
  const { share } = useSharing();
  const shared = share?.expeditionId === expedition.id;
  const [collective, setCollective] = useState(false);
  const run = useRef<ExportRun | null>(null);
  useEffect(() => () => run.current?.cancel(), []);

  const set = (patch: Partial<JournalOptions>) => setOptions((current) => ({ ...current, ...patch }));
  const chosen = new Set(options.visitIds ?? []);
  const toggleVisit = (id: string) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    set({ visitIds: [...next] });
  };
  const isBackup = format === 'carnet';

  const start = () => {
    setStage({ kind: 'running', progress: null });
    const name = slug(options.title || expedition.title, 'carnet');
    // A backup keeps everything; a journal, mine unless the group's is chosen.
    const keepNote = shared && !collective && format !== 'carnet' ? (note: NoteSummary) => isMine(note, share) : undefined;
    const current = startExport(db(), expedition.id, options, format, name, (progress) => setStage({ kind: 'running', progress }), keepNote);
    run.current = current;
    void current.outcome.then((outcome) => {
      run.current = null;
      if (outcome.kind === 'done') setStage({ kind: 'done', path: outcome.path });
      else if (outcome.kind === 'cancelled') setStage({ kind: 'cancelled' });
      else setStage({ kind: 'failed', message: t(`errors.${outcome.error.code}`, { defaultValue: outcome.error.message }) });
    });
  };

  return (
    <Dialog title={t('journal.title')} onClose={onClose} wide>
      {stage.kind === 'form' && (
        <form
          className="form journal-form"
          onSubmit={(event) => {
            event.preventDefault();
            start();
          }}
        >
          <div className="field-row">
            <label className="field">
              {t('journal.format')}
              <select value={format} onChange={(event) => setFormat(event.target.value as ExportFormat)}>
                {EXPORT_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {t(`journal.formats.${f}`)}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              {t('journal.language')}
              <select value={options.language} disabled={isBackup} onChange={(event) => set({ language: event.target.value as JournalOptions['language'] })}>
                <option value="fr">Français</option>
                <option value="en">English</option>
              </select>
            </label>
          </div>
          {isBackup ? (
            <p className="hint">{t('journal.backupHint')}</p>
          ) : (
            <>
              <div className="field-row">
                <label className="field">
                  {t('journal.bookTitle')}
                  <input value={options.title} onChange={(event) => set({ title: event.target.value })} />
                </label>
                <label className="field">
                  {t('journal.author')}
                  <input value={options.author} onChange={(event) => set({ author: event.target.value })} />
                </label>
              </div>
              {shared && (
                <fieldset className="journal-fieldset">
                  <legend>{t('journal.whose')}</legend>
                  <label className="checkbox">
                    <input
                      type="radio"
                      name="whose"
                      checked={!collective}
                      onChange={() => {
                        setCollective(false);
                        // The expedition's book is the group's.
                        if (options.structure === 'book') set({ structure: 'visitsThenLessons' });
                      }}
                    />{' '}
                    {t('journal.whoseMine')}
                  </label>
                  <label className="checkbox">
                    <input type="radio" name="whose" checked={collective} onChange={() => setCollective(true)} /> {t('journal.whoseGroup')}
                  </label>
                </fieldset>
              )}
              <fieldset className="journal-fieldset">
                <legend>{t('journal.scope')}</legend>
                <label className="checkbox">
                  <input type="radio" name="scope" checked={options.visitIds === null} onChange={() => set({ visitIds: null })} /> {t('journal.scopeAll')}
                </label>
                <label className="checkbox">
                  <input type="radio" name="scope" checked={options.visitIds !== null} onChange={() => set({ visitIds: visits.map((v) => v.id) })} />{' '}
                  {t('journal.scopeChosen')}
                </label>
                {options.visitIds !== null && (
                  <ul className="journal-visits" aria-label={t('journal.chosenVisits')}>
                    {visits.map((visit) => (
                      <li key={visit.id}>
                        <label className="checkbox">
                          <input type="checkbox" checked={chosen.has(visit.id)} onChange={() => toggleVisit(visit.id)} /> {visit.title}
                        </label>
                      </li>
                    ))}
                  </ul>
                )}
              </fieldset>
              <fieldset className="journal-fieldset">
                <legend>{t('journal.structure')}</legend>
                <label className="checkbox">
                  <input
                    type="radio"
                    name="structure"
                    checked={options.structure === 'visitsThenLessons'}
                    onChange={() => set({ structure: 'visitsThenLessons' })}
                  />{' '}
                  {t('journal.structureVisits')}
                </label>
                <label className="checkbox">
                  <input type="radio" name="structure" checked={options.structure === 'lessonsOnly'} onChange={() => set({ structure: 'lessonsOnly' })} />{' '}
                  {t('journal.structureLessons')}
                </label>
                {shared && collective && (
                  <label className="checkbox">
                    <input type="radio" name="structure" checked={options.structure === 'book'} onChange={() => set({ structure: 'book' })} />{' '}
                    {t('journal.structureBook')}
                  </label>
                )}
              </fieldset>
              <fieldset className="journal-fieldset">
                <legend>{t('journal.include')}</legend>
                {INCLUDES.map((key) => (
                  <label className="checkbox" key={key}>
                    <input type="checkbox" checked={options[key]} onChange={(event) => set({ [key]: event.target.checked })} /> {t(`journal.includes.${key}`)}
                  </label>
                ))}
              </fieldset>
            </>
          )}
          <div className="form-actions">
            <button type="button" onClick={onClose}>
              {t('cancel')}
            </button>
            <button type="submit" className="primary" disabled={options.visitIds !== null && options.visitIds.length === 0 && !isBackup}>
              {t('journal.export')}
            </button>
          </div>
        </form>
      )}
      {stage.kind === 'running' && (
        <div className="form journal-progress">
          <progress
            aria-label={t('journal.progress')}
            max={stage.progress?.phase === 'photos' ? stage.progress.total + 1 : 1}
            value={stage.progress?.phase === 'photos' ? stage.progress.done : stage.progress?.phase === 'writing' ? undefined : 0}
          />
          <p role="status">
            {stage.progress?.phase === 'photos'
              ? t('journal.sendingPhotos', { done: stage.progress.done, total: stage.progress.total })
              : stage.progress?.phase === 'writing'
                ? t('journal.writing')
                : t('journal.preparing')}
          </p>
          <div className="form-actions">
            <button type="button" onClick={() => run.current?.cancel()}>
              {t('journal.cancelExport')}
            </button>
          </div>
        </div>
      )}
      {stage.kind !== 'form' && stage.kind !== 'running' && (
        <div className="form journal-result">
          <p role="status">
            {stage.kind === 'done'
              ? t('journal.done', { path: stage.path })
              : stage.kind === 'cancelled'
                ? t('journal.cancelled')
                : t('journal.failed', { message: stage.message })}
          </p>
          <div className="form-actions">
            {stage.kind === 'done' && (
              <button type="button" onClick={() => void carnet().showInFolder({ path: stage.path })}>
                {t('journal.showInFolder')}
              </button>
            )}
            <button type="button" className="primary" onClick={onClose}>
              {t('dismiss')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
