// The notes of the visit on screen, kept up to date with the database.
import Dexie, { type ObservabilitySet } from 'dexie';
import { useEffect, useMemo, useState, type JSX } from 'react';
import type { NoteSummary } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { listNotes } from '../../db/notes';
import { afterNoteTyping } from '../../editor/typingActivity';
import { useSharing } from '../sharing/SharingProvider';
import { NoteList, type NoteListProps } from './NoteList';

export function VisitNoteList({ visitId, ...props }: Omit<NoteListProps, 'notes'> & { visitId: string }): JSX.Element | null {
  const notes = useVisitNotes(visitId);
  const { shows } = useSharing();
  const shown = useMemo(() => notes?.filter(shows), [notes, shows]);
  return shown ? <NoteList notes={shown} {...props} /> : null;
}

/** The visit's notes, read again after every change to the notes (in this window or
 *  another) — but while a note is being typed, only once the typing pauses: re-reading a
 *  visit of 500 notes at each autosave (every 0.8 s) took 10-25 ms of the page's thread,
 *  which made the slowest keystrokes. */
function useVisitNotes(visitId: string): NoteSummary[] | undefined {
  const [read, setRead] = useState<{ visitId: string; notes: NoteSummary[] }>();
  useEffect(() => {
    const database = db();
    const notesTable = `idb://${database.name}/notes/`;
    let latest = 0;
    let cancelWait = (): void => undefined;
    const readNotes = (): void => {
      const reading = ++latest;
      listNotes(database, visitId).then(
        (notes) => {
          // An older read finishing last does not undo a newer one.
          if (reading === latest) setRead({ visitId, notes });
        },
        (error: unknown) => console.error('[carnet] notes could not be read', error),
      );
    };
    const onMutated = (parts: ObservabilitySet): void => {
      if (!Object.keys(parts).some((part) => part.startsWith(notesTable))) return;
      cancelWait();
      cancelWait = afterNoteTyping(readNotes);
    };
    readNotes();
    Dexie.on('storagemutated', onMutated);
    return () => {
      latest = -1;
      cancelWait();
      Dexie.on('storagemutated').unsubscribe(onMutated);
    };
  }, [visitId]);
  return read?.visitId === visitId ? read.notes : undefined;
}
