// Filters that narrow a search; they combine with each other and with the query.
import type { Id, Note, NoteKind } from '../../../shared/model';

/** The fields of a note that filters look at. */
export type NoteFacts = Pick<Note, 'visitId' | 'kind' | 'tags' | 'lessonIds' | 'passageLessonIds' | 'pinned' | 'createdAt' | 'authorId'>;

export interface SearchFilters {
  visitId?: Id | null;
  /** A lesson the whole note or one of its passages is linked to. */
  lessonId?: Id | null;
  /** A tag as stored (lower case, accents kept); its nested tags match too. */
  tag?: string | null;
  kind?: NoteKind | null;
  /** Created at or after this instant (epoch ms). */
  from?: number | null;
  /** Created before this instant (epoch ms). */
  to?: number | null;
  pinnedOnly?: boolean;
  /** In a shared expedition, whose notes: authors' participant ids, '' for the notes this
   *  notebook wrote before sharing. Not a filter of the panel's own: the whole workspace's. */
  authorIds?: readonly string[] | null;
}

export function hasActiveFilter(filters: SearchFilters): boolean {
  return Boolean(filters.visitId || filters.lessonId || filters.tag || filters.kind || filters.pinnedOnly) || filters.from != null || filters.to != null;
}

export function matchesFilters(note: NoteFacts, filters: SearchFilters): boolean {
  if (filters.visitId && note.visitId !== filters.visitId) return false;
  if (filters.kind && note.kind !== filters.kind) return false;
  if (filters.pinnedOnly && !note.pinned) return false;
  if (filters.authorIds && !filters.authorIds.includes(note.authorId ?? '')) return false;
  if (filters.from != null && note.createdAt < filters.from) return false;
  if (filters.to != null && note.createdAt >= filters.to) return false;
  const lesson = filters.lessonId;
  if (lesson && !note.lessonIds.includes(lesson) && !note.passageLessonIds.includes(lesson)) return false;
  const tag = filters.tag;
  if (tag && !note.tags.some((candidate) => candidate === tag || candidate.startsWith(`${tag}/`))) return false;
  return true;
}
