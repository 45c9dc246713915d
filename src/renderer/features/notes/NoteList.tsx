// A visit's notes as a list: pinned first, each with its kind, label, first line and time;
// drawn a screenful at a time.
import { memo, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { firstLine, noteLabel } from '../../../shared/editor/derive';
import type { NoteSummary } from '../../../shared/model';
import { useDrawnCount } from '../../components/useDrawnCount';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { isMine, useSharing } from '../sharing/SharingProvider';

export interface NoteListProps {
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
  const { share } = useSharing();
  return (
    <li>
      <button type="button" className="note-item" aria-current={selected ? 'true' : undefined} onClick={() => onSelect(note)}>
        <span className={`kind kind-${note.kind}`}>{t(`notes.kinds.${note.kind}`)}</span>
        <span className="note-title">{noteLabel(note, t('notes.untitled'))}</span>
        {!isMine(note, share) && <span className="note-author">{note.author}</span>}
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
    before.note.authorId === after.note.authorId &&
    (before.note.text === after.note.text || firstLine(before.note.text) === firstLine(after.note.text)),
);

/** Notes drawn at first, and added each time the end of the list comes into view. */
const NOTES_PER_STEP = 60;

export function NoteList({ notes, selectedId, timeZone, onSelect }: NoteListProps): JSX.Element {
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
