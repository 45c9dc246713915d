import Dexie, { type ObservabilitySet } from 'dexie';
import { memo, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { firstLine, noteLabel } from '../../../shared/editor/derive';
import type { NoteSummary } from '../../../shared/model';
import { useDrawnCount } from '../../components/useDrawnCount';
import { db } from '../../db/AppDB';
import { listNotes } from '../../db/notes';
import { afterNoteTyping } from '../../editor/typingActivity';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';

interface Props {
  notes: NoteSummary[];
  selectedId: string | null;
  timeZone: string;
  /** The note as the list shows it: the pane can draw it before reading it again. */
  onSelect: (note: NoteSummary) => void;
}

interface ItemProps {
  note: NoteSummary;
  selected: boolean;
  timeZone: string;
  onSelect: (note: NoteSummary) => void;
}

function NoteItemView({ note, selected, timeZone, onSelect }: ItemProps): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  return (
    <li>
      <button type="button" className="note-item" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(note)}>
        <span className={`kind kind-${note.kind}`}>{t(`notes.kinds.${note.kind}`)}</span>
        <span className="note-title">{noteLabel(note, t('notes.untitled'))}</span>
        <span className="note-time">{formatDateTime(note.createdAt, locale, timeZone, { dateStyle: undefined, timeStyle: 'short' })}</span>
      </button>
    </li>
  );
}

/** Every autosave reloads the visit's notes as new objects: an item is drawn again only
 *  when what it shows changed (a long list otherwise re-renders on every keystroke). */
const NoteItem = memo(
  NoteItemView,
  (before, after) =>
    before.selected === after.selected &&
    before.timeZone === after.timeZone &&
    before.onSelect === after.onSelect &&
    before.note.id === after.note.id &&
    before.note.kind === after.note.kind &&
    before.note.title === after.note.title &&
    before.note.createdAt === after.note.createdAt &&
    (before.note.text === after.note.text || firstLine(before.note.text) === firstLine(after.note.text)),
);

/** Notes drawn at first, and added each time the end of the list comes into view. */
const NOTES_PER_STEP = 60;

export function NoteList({ notes, selectedId, timeZone, onSelect }: Props): JSX.Element {
  const { t } = useTranslation();
  // The open note is always drawn, wherever it is in the list.
  const { count, sentinel } = useDrawnCount(notes.length, NOTES_PER_STEP, notes.findIndex((note) => note.id === selectedId) + 1);
  if (notes.length === 0) return <p className="empty">{t('notes.none')}</p>;
  return (
    <ul className="note-list" aria-label={t('notes.heading')}>
      {notes.slice(0, count).map((note) => (
        <NoteItem key={note.id} note={note} selected={note.id === selectedId} timeZone={timeZone} onSelect={onSelect} />
      ))}
      {count < notes.length && <li ref={sentinel} className="list-more" aria-hidden="true" />}
    </ul>
  );
}

/** A visit's notes, kept up to date. The query lives here, not in the workspace: every
 *  autosave changes the visit's notes, and only this list has to be drawn again. */
export function VisitNoteList({ visitId, ...props }: Omit<Props, 'notes'> & { visitId: string }): JSX.Element | null {
  const notes = useVisitNotes(visitId);
  return notes ? <NoteList notes={notes} {...props} /> : null;
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
