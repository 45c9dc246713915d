// The note chosen in the workspace: read, kept up to date, shown in its pane.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useRef, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoteSummary } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { readNoteState } from '../../db/notes';
import { isMine, useSharing } from '../sharing/SharingProvider';
import { NotePane, type NotePaneProps } from './NotePane';
import { OthersNote } from './OthersNote';

interface OpenNoteProps extends Omit<NotePaneProps, 'note' | 'autoFocus' | 'readDocument'> {
  noteId: string | null;
  /** The note as the list showed it when it was clicked, drawn until it is read. */
  listed: NoteSummary | null;
  /** The visit on screen: a note moved elsewhere or trashed is no longer shown. */
  visitId: string | null;
  /** A note just created, to be typed in at once. */
  focusNoteId: string | null;
}

/** The chosen note, read and kept up to date on its own: its header follows its saves
 *  without the rest of the workspace being drawn again. */
export function OpenNote({ noteId, listed, visitId, focusNoteId, ...props }: OpenNoteProps): JSX.Element | null {
  const { t } = useTranslation();
  const { share } = useSharing();
  // Tagged with the id it was read for: while another note is being read, the last
  // answer (kept by useLiveQuery) is not this note's.
  const read = useLiveQuery(async () => ({ noteId, note: noteId ? ((await db().notes.get(noteId)) ?? null) : null }), [noteId]);
  // The document is read beside the summary, not after it: one wait when a note is
  // opened. That early read serves that opening only: a pane shown later for the same
  // note (its visit left and come back to, the note restored) reads the document afresh.
  const early = useRef<{ noteId: string; reading: Promise<string> | null } | null>(null);
  if (noteId && early.current?.noteId !== noteId) {
    const reading = readNoteState(db(), noteId);
    reading.catch(() => undefined); // the pane says so, if it is shown
    early.current = { noteId, reading };
  }
  const readDocument = useCallback((id: string): Promise<string> => {
    const started = early.current;
    const reading = started?.noteId === id ? started.reading : null;
    if (started) started.reading = null;
    return reading ?? readNoteState(db(), id);
  }, []);
  const note = read?.noteId === noteId ? read.note : listed && listed.id === noteId ? listed : undefined;
  if (note === undefined) return null; // still being read
  if (!note || note.deletedAt !== null || note.visitId !== visitId) {
    // Not shown now: by the time it is, the early read may be out of date.
    if (early.current) early.current.reading = null;
    return <p className="empty">{t('notes.select')}</p>;
  }
  if (!isMine(note, share)) return <OthersNote key={note.id} note={note} lessons={props.lessons} timeZone={props.timeZone} />;
  return <NotePane key={note.id} note={note} autoFocus={note.id === focusNoteId} readDocument={readDocument} {...props} />;
}
