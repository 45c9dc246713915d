// Edits that rewrite many notes at once (tags renamed, merged or deleted; a lesson
// removed). Each runs in one transaction: every note changes, or none does.
import { deriveNoteFields } from '../../shared/editor/derive';
import { createHeadlessNoteEditor, parseNoteState } from '../../shared/editor/markdown';
import { renameTagInState, unlinkLessonInState } from '../../shared/editor/rewrite';
import { normaliseTag } from '../../shared/text/hashtags';
import type { Note, NoteSummary } from '../../shared/model';
import type { AppDB } from './AppDB';
import { editTime, putNotes, withStates } from './notes';

export interface TagCount {
  tag: string;
  count: number;
}

/** The tags of an expedition's notes (trash excluded), with how many notes carry each. */
export async function listTags(database: AppDB, expeditionId: string): Promise<TagCount[]> {
  const counts = new Map<string, number>();
  await database.notes
    .where('expeditionId')
    .equals(expeditionId)
    .each((note) => {
      if (note.deletedAt !== null) return;
      for (const tag of note.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    });
  return [...counts].map(([tag, count]) => ({ tag, count })).sort((a, b) => a.tag.localeCompare(b.tag, 'fr'));
}

function withState(note: Note, state: string, editor = createHeadlessNoteEditor()): Note {
  return { ...note, state, ...deriveNoteFields(parseNoteState(state, editor)), updatedAt: editTime(note.updatedAt) };
}

/** Renames `from` to `to` in every note of the expedition (nested tags follow); with
 *  `to` = null the tag is deleted and its word stays in the text. `editable`: the notes
 *  this notebook may change (in a shared expedition, its own). Returns the notes changed. */
export async function renameTag(
  database: AppDB,
  expeditionId: string,
  from: string,
  to: string | null,
  editable: (note: NoteSummary) => boolean = () => true,
): Promise<number> {
  const source = normaliseTag(from);
  if (!source || (to !== null && !normaliseTag(to))) return 0;
  const editor = createHeadlessNoteEditor();
  return database.transaction('rw', database.notes, database.noteStates, async () => {
    const notes = await database.notes
      .where('tags')
      .startsWith(source)
      .filter((note) => note.expeditionId === expeditionId && editable(note))
      .distinct()
      .toArray();
    const changed = (await withStates(database, notes)).flatMap((note) => {
      const state = renameTagInState(note.state, source, to);
      return state ? [withState(note, state, editor)] : [];
    });
    await putNotes(database, changed);
    return changed.length;
  });
}

/** Merging is renaming one tag into another that already exists. */
export function mergeTags(database: AppDB, expeditionId: string, from: string, into: string, editable?: (note: NoteSummary) => boolean): Promise<number> {
  return renameTag(database, expeditionId, from, into, editable);
}

/** Deletes a lesson: notes keep their text, only the links (whole-note and passages) go. */
export async function deleteLesson(database: AppDB, lessonId: string): Promise<void> {
  const editor = createHeadlessNoteEditor();
  await database.transaction('rw', database.notes, database.noteStates, database.lessons, async () => {
    const linked = await database.notes.where('lessonIds').equals(lessonId).toArray();
    const passages = await database.notes.where('passageLessonIds').equals(lessonId).toArray();
    const byId = new Map<string, Note>();
    for (const note of await withStates(database, [...linked, ...passages])) {
      // updatedAt moves so that the search index and backups see the change.
      let next: Note = { ...note, lessonIds: note.lessonIds.filter((id) => id !== lessonId), updatedAt: editTime(note.updatedAt) };
      const state = unlinkLessonInState(note.state, lessonId);
      if (state) next = withState(next, state, editor);
      byId.set(note.id, next);
    }
    await putNotes(database, [...byId.values()]);
    await database.lessons.delete(lessonId);
  });
}
