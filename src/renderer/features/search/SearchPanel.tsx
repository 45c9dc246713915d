// One search box over every note of the expedition, with filters. While a query or a
// filter is active the panel shows results in place of its children (the note list).
// Ctrl/Cmd+K focuses the box; arrows move through results; Enter opens one; Escape clears.
import { useLiveQuery } from 'dexie-react-hooks';
import { useDeferredValue, useEffect, useId, useMemo, useRef, useState, type JSX, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Id } from '../../../shared/model';
import { sortTags } from '../../../shared/text/hashtags';
import { db } from '../../db/AppDB';
import { listLessons } from '../../db/lessons';
import { listVisits } from '../../db/visits';
import { hasActiveFilter, type SearchFilters } from './filters';
import { useDrawnCount } from '../../components/useDrawnCount';
import { SearchFilterBar } from './SearchFilterBar';
import { SearchResult } from './SearchResult';
import { useNoteSearch } from './useNoteSearch';
import { authorIdsFor, useSharing } from '../sharing/SharingProvider';

interface Props {
  expeditionId: Id;
  onOpenNote: (noteId: Id, visitId: Id) => void;
  /** Shown below the box while no query and no filter is active. */
  children?: ReactNode;
  /** Told when results start or stop replacing the children. */
  onActiveChange?: (active: boolean) => void;
  /** Ctrl/Cmd+K was pressed (the workspace hears it from every view): the box takes the
   *  focus, then `onFocused` says it is done. */
  focusWanted?: boolean;
  onFocused?: () => void;
}

/** Results drawn at first (about two screens), and added as the list scrolls. */
const RESULTS_PER_STEP = 15;

export function SearchPanel({ expeditionId, onOpenNote, children, onActiveChange, focusWanted, onFocused }: Props): JSX.Element {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [filters, setFilters] = useState<SearchFilters>({});
  const [showFilters, setShowFilters] = useState(false);
  const [activeIndex, setActiveIndex] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const listId = useId();
  // Typing stays immediate; results follow as soon as React has a moment.
  const deferredQuery = useDeferredValue(query);
  const { whose, share } = useSharing();
  const filtersWithAuthors = useMemo(() => ({ ...filters, authorIds: authorIdsFor(whose, share) }), [filters, whose, share?.participantId]);
  const search = useNoteSearch(expeditionId, deferredQuery, filtersWithAuthors);
  const active = query.trim() !== '' || hasActiveFilter(filters);

  const expedition = useLiveQuery(() => db().expeditions.get(expeditionId), [expeditionId]);
  const visits = useLiveQuery(() => listVisits(db(), expeditionId), [expeditionId]) ?? [];
  const lessons = useLiveQuery(() => listLessons(db(), expeditionId), [expeditionId]) ?? [];
  // Sorted only while the filters are shown: the index changes at every save.
  const tags = useMemo(() => (showFilters ? sortTags(search.index.tagCounts().keys()) : []), [showFilters, search.index, search.version]);
  const visitsById = useMemo(() => new Map(visits.map((visit) => [visit.id, visit])), [visits]);

  useEffect(() => onActiveChange?.(active), [active, onActiveChange]);
  useEffect(() => setActiveIndex(0), [deferredQuery, filters]);
  useEffect(() => {
    if (!focusWanted) return;
    input.current?.focus();
    input.current?.select();
    onFocused?.();
  }, [focusWanted, onFocused]);

  const found = search.found ?? [];
  // The results in view first (the active one always drawn), the rest as the list scrolls.
  const drawn = useDrawnCount(found.length, RESULTS_PER_STEP, activeIndex + 1);
  const open = (at: number): void => {
    const entry = found[at];
    if (entry) onOpenNote(entry.note.id, entry.note.visitId);
  };
  // Results arrive from the index's worker a moment after the query: Enter pressed in
  // between opens the result of the query typed, not one of the previous query. Changing
  // the query, Escape or leaving the box call that off: a late answer must not open a
  // note over what the user went on to do (a quick capture, say).
  const openWhenSettled = useRef(false);
  useEffect(() => {
    if (!openWhenSettled.current || !search.settled || deferredQuery !== query) return;
    openWhenSettled.current = false;
    open(activeIndex);
  });
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setActiveIndex((at) => Math.min(Math.max(at + step, 0), Math.max(found.length - 1, 0)));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (search.settled && deferredQuery === query) open(activeIndex);
      else openWhenSettled.current = true;
    } else if (event.key === 'Escape') {
      openWhenSettled.current = false;
      if (query) {
        event.preventDefault();
        setQuery('');
      }
    }
  };
  const optionId = (at: number) => `${listId}-${at}`;

  return (
    <div className="search-panel">
      <div className="search-row" role="search">
        <input
          ref={input}
          type="search"
          className="search-input"
          role="combobox"
          aria-label={t('search.label')}
          aria-expanded={active}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={active && found[activeIndex] ? optionId(activeIndex) : undefined}
          placeholder={t('search.placeholder')}
          title={t('search.shortcut')}
          value={query}
          maxLength={10_000}
          onChange={(event) => {
            openWhenSettled.current = false;
            setQuery(event.target.value);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => (openWhenSettled.current = false)}
        />
        <button
          type="button"
          className={`quiet search-filters-toggle${hasActiveFilter(filters) ? ' has-filters' : ''}`}
          aria-expanded={showFilters}
          onClick={() => setShowFilters((shown) => !shown)}
        >
          {t('search.filters')}
        </button>
      </div>
      {showFilters && (
        <SearchFilterBar filters={filters} onChange={setFilters} visits={visits} lessons={lessons} tags={tags} timeZone={expedition?.timeZone ?? 'UTC'} />
      )}
      {active ? (
        <>
          <p className="search-status" role="status">
            {search.status === 'building'
              ? t('search.building')
              : found.length === 0 && search.found
                ? t('search.none')
                : t('search.count', { count: search.total })}
          </p>
          <ul id={listId} className="search-results" role="listbox" aria-label={t('search.results')}>
            {found.slice(0, drawn.count).map((entry, at) => (
              <SearchResult
                key={entry.note.id}
                id={optionId(at)}
                entry={entry}
                queryWords={search.words}
                visit={visitsById.get(entry.note.visitId)}
                timeZone={expedition?.timeZone ?? 'UTC'}
                selected={at === activeIndex}
                onOpen={() => open(at)}
              />
            ))}
            {drawn.count < found.length && <li ref={drawn.sentinel} className="list-more" aria-hidden="true" />}
          </ul>
        </>
      ) : (
        children
      )}
    </div>
  );
}
