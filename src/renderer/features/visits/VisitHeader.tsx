// The chosen visit above its notes: when, where, who spoke; edit or move it to the trash.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition, Visit } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { trashVisit } from '../../db/visits';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { useCanEditStructure } from '../sharing/SharingProvider';

interface Props {
  expedition: Expedition;
  visit: Visit;
  onEdit: () => void;
}

export function VisitHeader({ expedition, visit, onEdit }: Props): JSX.Element {
  const editable = useCanEditStructure(expedition.id);
  const { t } = useTranslation();
  const [locale] = useLocale();
  const zone = expedition.timeZone;
  const day = formatDateTime(visit.start, locale, zone, { dateStyle: 'full', timeStyle: undefined });
  const time = (ms: number) => formatDateTime(ms, locale, zone, { dateStyle: undefined, timeStyle: 'short' });
  const when = visit.allDay ? `${day} · ${t('visits.allDay')}` : `${day} · ${time(visit.start)}${visit.end ? `–${time(visit.end)}` : ''}`;
  return (
    <header className="visit-header">
      <h2>{visit.title}</h2>
      <p className="visit-when">{when}</p>
      {(visit.organisation || visit.location) && <p className="visit-where">{[visit.organisation, visit.location].filter(Boolean).join(' · ')}</p>}
      {visit.speakers.length > 0 && (
        <ul className="speakers-list" aria-label={t('visits.speakers')}>
          {visit.speakers.map((speaker) => (
            <li key={speaker.name}>
              {speaker.name}
              {speaker.role && <span className="speaker-role"> — {speaker.role}</span>}
            </li>
          ))}
        </ul>
      )}
      {editable && (
        <div className="visit-actions">
          <button type="button" onClick={onEdit} aria-label={t('visits.editNamed', { name: visit.title })}>
            {t('visits.edit')}
          </button>
          <button type="button" onClick={() => void trashVisit(db(), visit.id)} aria-label={t('visits.trashNamed', { name: visit.title })}>
            {t('visits.trash')}
          </button>
        </div>
      )}
    </header>
  );
}
