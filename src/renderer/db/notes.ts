import type { DerivedNoteFields } from '../../shared/editor/derive';
import { newId } from '../../shared/ids';
import type { Note, NoteKind, NoteSummary } from '../../shared/model';
import type { AppDB } from './AppDB';

// A note lives in two tables: its summary (everything but the Lexical state) in `notes`,
// its state in `noteStates`. Whatever writes notes goes through `addNotes`/`putNotes` in
// a transaction holding both tables; whatever needs the states reads them with
// `withStates` or `readNoteState`.

/** The note without its state, as the notes table holds it. */
export function noteSummary(note: Note): NoteSummary {
  const { state: _inItsOwnTable, ...summary } = note;
  return summary;
}

/** Writes whole notes (new ones; `putNotes` also replaces). The caller's transaction,
 *  if any, must include `notes` and `noteStates`. */
export async function addNotes(database: AppDB, notes: readonly Note[]): Promise<void> {
  await database.transaction('rw', database.notes, database.noteStates, async () => {
    await database.noteStates.bulkAdd(notes.map(({ id, state }) => ({ id, state })));
    await database.notes.bulkAdd(notes.map(noteSummary));
  });
}

export async function putNotes(database: AppDB, notes: readonly Note[]): Promise<void> {
  await database.transaction('rw', database.notes, database.noteStates, async () => {
    await database.noteStates.bulkPut(notes.map(({ id, state }) => ({ id, state })));
    await database.notes.bulkPut(notes.map(noteSummary));
  });
}

/** Deletes notes for good, states included. */
export async function deleteNotes(database: AppDB, ids: readonly string[]): Promise<void> {
  await database.transaction('rw', database.notes, database.noteStates, async () => {
    await database.noteStates.bulkDelete([...ids]);
    await database.notes.bulkDelete([...ids]);
  });
}

/** The notes with their states. A database still at schema 2 (read before upgrading it)
 *  has the states inside its notes. */
export async function withStates(database: AppDB, notes: readonly NoteSummary[]): Promise<Note[]> {
  if (!database.tables.some((table) => table.name === 'noteStates')) {
    return notes.map((note) => ({ ...note, state: (note as Partial<Note>).state ?? '' }));
  }
  const states = await database.noteStates.bulkGet(notes.map((note) => note.id));
  return notes.map((note, index) => ({ ...note, state: states[index]?.state ?? '' }));
}

/** One note's state ('' for an empty note). */
export async function readNoteState(database: AppDB, id: string): Promise<string> {
  return (await database.noteStates.get(id))?.state ?? '';
}

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
  await addNotes(database, [note]);
  return note;
}

/** When an edit happens: now, but always after the note's previous edit, so that each
 *  edit is told apart by its updatedAt even when the clock stands still or was set back
 *  (the search index re-reads a note whose updatedAt changed; merges keep the later). */
export function editTime(previous: number): number {
  return Math.max(Date.now(), previous + 1);
}

/** Saves what the editor holds. Skips the write when nothing changed, so that opening a
 *  note never bumps its "last edited" time. */
export async function saveNoteContent(database: AppDB, id: string, content: DerivedNoteFields & { state: string }): Promise<void> {
  const { state, ...derived } = content;
  await database.transaction('rw', database.notes, database.noteStates, async () => {
    const stored = await database.noteStates.get(id);
    if (stored?.state === state) return;
    // A note deleted for good meanwhile is not brought back by its editor's last save.
    const note = await database.notes.get(id);
    if (!note) return;
    await database.noteStates.put({ id, state });
    await database.notes.update(id, { ...derived, updatedAt: editTime(note.updatedAt) });
  });
}

export async function updateNote(
  database: AppDB,
  id: string,
  changes: Partial<Pick<Note, 'title' | 'kind' | 'speaker' | 'pinned' | 'visitId' | 'lessonIds'>>,
): Promise<void> {
  await database.notes.update(id, (note) => {
    Object.assign(note, changes);
    note.updatedAt = editTime(note.updatedAt);
  });
}

/** A visit's notes: pinned first, then newest first; trash excluded. */
export async function listNotes(database: AppDB, visitId: string): Promise<NoteSummary[]> {
  const notes = await database.notes.where('[visitId+createdAt]').between([visitId, -Infinity], [visitId, Infinity]).reverse().toArray();
  return notes.filter((note) => note.deletedAt === null).sort((a, b) => Number(b.pinned) - Number(a.pinned));
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
