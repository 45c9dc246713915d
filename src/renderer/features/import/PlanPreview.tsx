import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportPlan } from '../../../shared/importPlan';
import type { PlannedDuplicates } from '../../db/importApply';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { IssueList } from './IssueList';

/** How many rows of each kind the preview lists; the counts say how many there are. */
const SHOWN = 50;

interface Props {
  plan: ImportPlan;
  timeZone: string;
  /** Rows the notebook already has: marked, and not counted as to be imported. */
  duplicates: PlannedDuplicates;
}

export function PlanPreview({ plan, timeZone, duplicates }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const when = (value: string | null, allDay: boolean) => {
    if (!value) return '—';
    if (allDay)
      return `${formatDateTime(Date.parse(`${value}T12:00:00Z`), locale, 'UTC', { dateStyle: 'medium', timeStyle: undefined })} · ${t('visits.allDay')}`;
    return formatDateTime(Date.parse(value), locale, timeZone);
  };
  return (
    <section className="plan-preview" aria-label={t('importer.preview')}>
      <p className="hint">{t('importer.source', { name: plan.source.name, format: plan.source.format.toUpperCase(), encoding: plan.source.encoding })}</p>
      <p role="status">
        {t('importer.summary', {
          visits: plan.visits.length - duplicates.visits.size,
          lessons: plan.lessons.length - duplicates.lessons.size,
          notes: plan.notes.length,
        })}
        {(duplicates.visits.size > 0 || duplicates.lessons.size > 0) && (
          <> {t('importer.alreadyThere', { visits: duplicates.visits.size, lessons: duplicates.lessons.size })}</>
        )}
      </p>
      {plan.visits.length > 0 && (
        <table className="preview-table" aria-label={t('visits.heading')}>
          <thead>
            <tr>
              <th scope="col">{t('visits.title')}</th>
              <th scope="col">{t('visits.date')}</th>
              <th scope="col">{t('visits.location')}</th>
            </tr>
          </thead>
          <tbody>
            {plan.visits.slice(0, SHOWN).map((visit, index) => (
              <tr key={index} className={duplicates.visits.has(index) ? 'already-there' : undefined}>
                <td>
                  {visit.title}
                  {duplicates.visits.has(index) && <span className="hint"> — {t('importer.alreadyThereRow')}</span>}
                </td>
                <td>{when(visit.start, visit.allDay)}</td>
                <td>{visit.location ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {plan.lessons.length > 0 && (
        <ul className="preview-list" aria-label={t('lessons.heading')}>
          {plan.lessons.slice(0, SHOWN).map((lesson, index) => (
            <li key={index} className={duplicates.lessons.has(index) ? 'already-there' : undefined}>
              <strong>{lesson.title}</strong>
              {lesson.description && <span className="hint"> — {lesson.description}</span>}
              {duplicates.lessons.has(index) && <span className="hint"> — {t('importer.alreadyThereRow')}</span>}
            </li>
          ))}
        </ul>
      )}
      {plan.notes.length > 0 && (
        <ul className="preview-list" aria-label={t('notes.heading')}>
          {plan.notes.slice(0, SHOWN).map((note, index) => (
            <li key={index}>
              <strong>{note.title ?? note.text.split('\n')[0]}</strong>
              <span className="hint">
                {' '}
                — {note.visit ?? t('importer.visitByDate')}
                {note.tags.length > 0 && ` · ${note.tags.map((tag) => `#${tag}`).join(' ')}`}
                {note.attachments.length > 0 && ` · ${t('importer.photoCount', { count: note.attachments.length })}`}
              </span>
            </li>
          ))}
        </ul>
      )}
      {plan.warnings.length > 0 && <IssueList title={t('importer.warnings')} issues={plan.warnings} />}
      {plan.skipped.length > 0 && <IssueList title={t('importer.skipped')} issues={plan.skipped} />}
    </section>
  );
}
