// React access to the search index: one LiveNoteIndex for the expedition on screen, shared
// by every component that searches, built once and kept live.
import { useLiveQuery } from 'dexie-react-hooks';
import { useMemo, useSyncExternalStore } from 'react';
import type { Id, Note } from '../../../shared/model';
import { db } from '../../db/AppDB';
import type { SearchFilters } from './filters';
import { LiveNoteIndex, type IndexStatus } from './liveNoteIndex';
import { queryWords, type NoteIndex, type SearchHit } from './NoteIndex';

let shared: LiveNoteIndex | null = null;

/** The index of an expedition's notes, started on first use. */
export function noteIndexFor(expeditionId: Id): LiveNoteIndex {
  if (shared?.expeditionId !== expeditionId) {
    shared?.dispose();
    shared = new LiveNoteIndex(db(), expeditionId);
  }
  return shared;
}

export interface FoundNote {
  hit: SearchHit;
  note: Note;
}

export interface NoteSearch {
  status: IndexStatus;
  /** Notes found, best first, with their records (at most `limit`). */
  found: FoundNote[] | undefined;
  total: number;
  /** The query's folded words, for highlighting words still being typed. */
  words: string[];
  index: NoteIndex;
  /** Changes whenever the index does. */
  version: number;
}

export function useNoteSearch(expeditionId: Id, query: string, filters: SearchFilters, limit = 50): NoteSearch {
  const live = noteIndexFor(expeditionId);
  const version = useSyncExternalStore(live.subscribe, () => live.version);
  const { hits, total } = useMemo(
    () => live.index.search(query, filters, limit),
    // version: the index changed, so the same query may find other notes.
    [live, version, query, filters, limit],
  );
  const ids = hits.map((hit) => hit.id);
  const found = useLiveQuery(async () => {
    const notes = await db().notes.bulkGet(ids);
    return hits.flatMap((hit, at) => {
      const note = notes[at];
      return note ? [{ hit, note }] : [];
    });
  }, [ids.join('\n')]);
  const words = useMemo(() => queryWords(query), [query]);
  return { status: live.status, found, total, words, index: live.index, version };
}
