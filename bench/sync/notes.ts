// The simulated expedition's content: the benchmark's notebook (corpus.ts, records.ts) cut
// among participants, each note converted by the app's Lexical code and its body made a
// Yjs document by the app's noteStateToDoc, as its author's app seeds it.
import * as Y from 'yjs';
import { createHeadlessNoteEditor } from '../../src/shared/editor/markdown';
import { noteStateToDoc } from '../../src/shared/editor/noteBodyDoc';
import type { Note } from '../../src/shared/model';
import { noteSeeds } from '../corpus';
import { lessons, toNote, visits } from '../records';

const FIRST_NAMES = [
  'Camille',
  'Léa',
  'Hugo',
  'Chloé',
  'Lucas',
  'Manon',
  'Théo',
  'Inès',
  'Louis',
  'Zoé',
  'Gabriel',
  'Jade',
  'Arthur',
  'Louise',
  'Jules',
  'Emma',
  'Raphaël',
  'Alice',
  'Nathan',
  'Lina',
  'Maël',
  'Rose',
  'Noé',
  'Anaïs',
  'Éloïse',
  'Bastien',
  'Océane',
  'Mathis',
  'Sarah',
  'Timothée',
  'Agathe',
];
const LAST_NAMES = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
];

/** The participant of index i: its id (the access document's key) and its name. */
export function participantOf(index: number): { id: string; name: string } {
  return {
    id: `p${String(index).padStart(2, '0')}`,
    name: `${FIRST_NAMES[index % FIRST_NAMES.length]!} ${LAST_NAMES[index % LAST_NAMES.length]!}`,
  };
}

export interface SimNote {
  note: Note;
  /** The body's document (noteStateToDoc), encoded: what its author's app holds. */
  body: Uint8Array;
}

/** The notes of the participant of index i: `count` notes of 150–300 words, their own. */
export function participantNotes(index: number, count: number): SimNote[] {
  const editor = createHeadlessNoteEditor();
  const visitIds = visits().map((visit) => visit.id);
  const lessonIds = lessons().map((lesson) => lesson.id);
  const { name } = participantOf(index);
  return noteSeeds(count, 7, index * count).map((seed) => {
    const note = { ...toNote(editor, seed, visitIds, lessonIds), author: name };
    return { note, body: Y.encodeStateAsUpdate(noteStateToDoc(note.state)) };
  });
}
