// React access to the search index: one SearchIndex for the expedition on screen, shared
// by every component that searches, built once (in a worker) and kept live.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import type { Id, NoteSummary } from '../../../shared/model';
import { db } from '../../db/AppDB';
import type { SearchFilters } from './filters';
import type { IndexStatus } from './liveNoteIndex';
import { queryWords, type SearchHit } from './noteIndex';
import { SearchIndex, type SearchAnswer } from './searchIndex';

let shared: SearchIndex | null = null;

/** The index of an expedition's notes, started on first use. */
export function noteIndexFor(expeditionId: Id): SearchIndex {
  const database = db();
  if (shared?.expeditionId !== expeditionId || shared.databaseName !== database.name) {
    shared?.dispose();
    shared = new SearchIndex(database, expeditionId);
  }
  return shared;
}

export interface FoundNote {
  hit: SearchHit;
  note: NoteSummary;
}

export interface NoteSearch {
  status: IndexStatus;
  /** Notes found, best first, with their records (at most `limit`). */
  found: FoundNote[] | undefined;
  total: number;
  /** The query's folded words, for highlighting words still being typed. */
  words: string[];
  index: SearchIndex;
  /** Changes whenever the index does. */
  version: number;
  /** The results shown are those of this query and filters (not the previous ones'). */
  settled: boolean;
}

export function useNoteSearch(expeditionId: Id, query: string, filters: SearchFilters, limit = 50): NoteSearch {
  const index = noteIndexFor(expeditionId);
  const version = useSyncExternalStore(index.subscribe, () => index.version);
  // version: the index changed, so the same query may find other notes.
  const request = useMemo(() => ({ index, version, query, filters, limit }), [index, version, query, filters, limit]);
  // The last answer stays on screen until the next one arrives (no flicker while typing).
  const [answered, setAnswered] = useState<{ request: typeof request; answer: SearchAnswer }>();
  useEffect(() => {
    let current = true;
    void request.index.search(request.query, request.filters, request.limit).then((answer) => {
      if (current) setAnswered({ request, answer });
    });
    return () => {
      current = false;
    };
  }, [request]);
  const read = useLiveQuery(async () => {
    if (!answered) return undefined;
    const { hits } = answered.answer;
    const notes = await db().notes.bulkGet(hits.map((hit) => hit.id));
    const found = hits.flatMap((hit, at) => {
      const note = notes[at];
      return note ? [{ hit, note }] : [];
    });
    return { request: answered.request, found };
  }, [answered]);
  const words = useMemo(() => queryWords(query), [query]);
  return {
    status: index.status,
    found: read?.found,
    total: answered?.answer.total ?? 0,
    words,
    index,
    version,
    // The notes shown answer this query (a newer version of the index may find others).
    settled: read?.request.query === query && read.request.filters === filters && read.request.limit === limit,
  };
}
