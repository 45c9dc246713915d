// The messages between the page and the search worker (search.worker.ts). The worker
// opens the same IndexedDB database, builds and keeps the index, and answers queries;
// the page only ever holds the answers.
import type { Id } from '../../../shared/model';
import type { SearchFilters } from './filters';
import type { BuildReport, IndexStatus } from './liveNoteIndex';
import type { SearchHit } from './noteIndex';

export interface SearchAnswer {
  hits: SearchHit[];
  total: number;
}

export type ToWorker =
  | { type: 'open'; databaseName: string; expeditionId: Id }
  | { type: 'search'; id: number; query: string; filters: SearchFilters; limit: number }
  /** Someone is typing a note: building and saving the index wait (LiveNoteIndex.holdForTyping). */
  | { type: 'typing' };

export type FromWorker =
  /** The index changed (status, notes or tags); tags only when they changed. */
  | { type: 'state'; status: IndexStatus; size: number; tags?: [string, number][]; build?: BuildReport }
  | { type: 'answer'; id: number; answer: SearchAnswer }
  | { type: 'refused'; id: number; message: string };
