// The filters beside the search box: visit, lesson, tag, kind, date range, pinned.
// Dates are days of the expedition's time zone, as visits are shown.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_KINDS, type Lesson, type NoteKind, type Visit } from '../../../shared/model';
import { addDays, zonedDate, zonedToEpoch } from '../../../shared/time';
import { hasActiveFilter, type SearchFilters } from './filters';

interface Props {
  filters: SearchFilters;
  onChange: (filters: SearchFilters) => void;
  visits: Visit[];
  lessons: Lesson[];
  tags: string[];
  timeZone: string;
}

export function SearchFilterBar({ filters, onChange, visits, lessons, tags, timeZone }: Props): JSX.Element {
  const { t } = useTranslation();
  const set = (changes: SearchFilters): void => onChange({ ...filters, ...changes });
  const day = (epoch: number | null | undefined): string => (epoch == null ? '' : zonedDate(epoch, timeZone));
  const startOf = (date: string): number | null => (date ? zonedToEpoch(date, '00:00', timeZone) : null);

  return (
    <fieldset className="search-filters">
      <legend className="visually-hidden">{t('search.filters')}</legend>
      <select aria-label={t('search.visit')} value={filters.visitId ?? ''} onChange={(e) => set({ visitId: e.target.value || null })}>
        <option value="">{t('search.anyVisit')}</option>
        {visits.map((visit) => (
          <option key={visit.id} value={visit.id}>
            {visit.title}
          </option>
        ))}
      </select>
      <select aria-label={t('search.lesson')} value={filters.lessonId ?? ''} onChange={(e) => set({ lessonId: e.target.value || null })}>
        <option value="">{t('search.anyLesson')}</option>
        {lessons.map((lesson) => (
          <option key={lesson.id} value={lesson.id}>
            {lesson.title}
          </option>
        ))}
      </select>
      <select aria-label={t('search.tag')} value={filters.tag ?? ''} onChange={(e) => set({ tag: e.target.value || null })}>
        <option value="">{t('search.anyTag')}</option>
        {tags.map((tag) => (
          <option key={tag} value={tag}>
            #{tag}
          </option>
        ))}
      </select>
      <select aria-label={t('search.kind')} value={filters.kind ?? ''} onChange={(e) => set({ kind: (e.target.value || null) as NoteKind | null })}>
        <option value="">{t('search.anyKind')}</option>
        {NOTE_KINDS.map((kind) => (
          <option key={kind} value={kind}>
            {t(`notes.kinds.${kind}`)}
          </option>
        ))}
      </select>
      <label className="search-date">
        {t('search.from')}
        <input type="date" value={day(filters.from)} onChange={(e) => set({ from: startOf(e.target.value) })} />
      </label>
      <label className="search-date">
        {t('search.to')}
        {/* `to` is the start of the next day: the day chosen is included. */}
        <input
          type="date"
          value={day(filters.to == null ? null : filters.to - 1)}
          onChange={(e) => set({ to: e.target.value ? startOf(addDays(e.target.value, 1)) : null })}
        />
      </label>
      <label className="search-pinned">
        <input type="checkbox" checked={filters.pinnedOnly ?? false} onChange={(e) => set({ pinnedOnly: e.target.checked })} />
        {t('search.pinned')}
      </label>
      {hasActiveFilter(filters) && (
        <button type="button" className="quiet" onClick={() => onChange({})}>
          {t('search.clearFilters')}
        </button>
      )}
    </fieldset>
  );
}
