import type { DerivedNoteFields } from '../../shared/editor/derive';
import { newId } from '../../shared/ids';
import type { Note, NoteKind } from '../../shared/model';
import type { AppDB } from './AppDB';

export interface NewNote {
  expeditionId: string;
  visitId: string;
  author: string;
  kind?: NoteKind;
  title?: string;
  /** Initial content; an empty note when absent. */
  content?: DerivedNoteFields & { state: string };
  createdAt?: number;
}

export async function createNote(database: AppDB, input: NewNote): Promise<Note> {
  const now = Date.now();
  const createdAt = input.createdAt ?? now;
  const note: Note = {
    id: newId(),
    expeditionId: input.expeditionId,
    visitId: input.visitId,
    kind: input.kind ?? 'observation',
    title: input.title ?? '',
    speaker: '',
    state: input.content?.state ?? '',
    text: input.content?.text ?? '',
    tags: input.content?.tags ?? [],
    lessonIds: [],
    passageLessonIds: input.content?.passageLessonIds ?? [],
    pinned: false,
    author: input.author,
    createdAt,
    updatedAt: createdAt,
    deletedAt: null,
  };
  await database.notes.add(note);
  return note;
}

/** Saves what the editor holds. Skips the write when nothing changed, so that opening a
 *  note never bumps its "last edited" time. */
export async function saveNoteContent(
  database: AppDB,
  id: string,
  content: DerivedNoteFields & { state: string },
): Promise<void> {
  await database.transaction('rw', database.notes, async () => {
    const note = await database.notes.get(id);
    if (!note || note.state === content.state) return;
    await database.notes.update(id, { ...content, updatedAt: Date.now() });
  });
}

export async function updateNote(
  database: AppDB,
  id: string,
  changes: Partial<Pick<Note, 'title' | 'kind' | 'speaker' | 'pinned' | 'visitId' | 'lessonIds'>>,
): Promise<void> {
  await database.notes.update(id, { ...changes, updatedAt: Date.now() });
}

/** A visit's notes: pinned first, then newest first; trash excluded. */
export async function listNotes(database: AppDB, visitId: string): Promise<Note[]> {
  const notes = await database.notes
    .where('[visitId+createdAt]')
    .between([visitId, -Infinity], [visitId, Infinity])
    .reverse()
    .toArray();
  return notes
    .filter((note) => note.deletedAt === null)
    .sort((a, b) => Number(b.pinned) - Number(a.pinned));
}

export async function trashNote(database: AppDB, id: string, now = Date.now()): Promise<void> {
  await database.notes.update(id, { deletedAt: now });
}

/** Brings a note back from the trash; if its visit is in the trash too, the visit comes back. */
export async function restoreNote(database: AppDB, id: string): Promise<void> {
  await database.transaction('rw', database.notes, database.visits, async () => {
    const note = await database.notes.get(id);
    if (!note) return;
    await database.notes.update(id, { deletedAt: null });
    const visit = await database.visits.get(note.visitId);
    if (visit?.deletedAt) await database.visits.update(visit.id, { deletedAt: null });
  });
}
