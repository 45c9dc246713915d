import { memo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition, Visit } from '../../../shared/model';
import { zonedDate } from '../../../shared/time';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';

interface Props {
  expedition: Expedition;
  visits: Visit[];
  selectedId: string | null;
  /** The visit happening now, marked in the list. */
  nowId: string | null;
  onSelect: (visitId: string) => void;
}

/** Visits in time order, grouped under a heading per day. Drawn again only when its
 *  props change (not at every save of the note being written). */
export const VisitList = memo(function VisitList({ expedition, visits, selectedId, nowId, onSelect }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const zone = expedition.timeZone;
  if (visits.length === 0) return <p className="empty">{t('visits.none')}</p>;

  const days = new Map<string, Visit[]>();
  for (const visit of visits) {
    const day = visit.date ?? zonedDate(visit.start, zone);
    days.set(day, [...(days.get(day) ?? []), visit]);
  }
  const time = (ms: number) => formatDateTime(ms, locale, zone, { dateStyle: undefined, timeStyle: 'short' });

  return (
    <nav aria-label={t('visits.heading')}>
      {[...days].map(([day, dayVisits]) => (
        <section key={day} className="visit-day">
          <h3>{formatDateTime(dayVisits[0]!.start, locale, zone, { dateStyle: 'full', timeStyle: undefined })}</h3>
          <ul className="visit-list">
            {dayVisits.map((visit) => (
              <li key={visit.id}>
                <button type="button" className="visit-item" aria-current={visit.id === selectedId ? 'true' : undefined} onClick={() => onSelect(visit.id)}>
                  <span className="visit-title">
                    {visit.title}
                    {visit.id === nowId && <span className="now-badge">{t('visits.now')}</span>}
                  </span>
                  <span className="visit-time">{visit.allDay ? t('visits.allDay') : `${time(visit.start)}${visit.end ? ` – ${time(visit.end)}` : ''}`}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </nav>
  );
});
