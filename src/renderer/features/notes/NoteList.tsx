import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { firstLine } from '../../../shared/editor/derive';
import type { Note } from '../../../shared/model';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../settings/useLocale';

interface Props {
  notes: Note[];
  selectedId: string | null;
  timeZone: string;
  onSelect: (noteId: string) => void;
}

export function noteLabel(note: Note, untitled: string): string {
  return note.title.trim() || firstLine(note.text) || untitled;
}

export function NoteList({ notes, selectedId, timeZone, onSelect }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  if (notes.length === 0) return <p className="empty">{t('notes.none')}</p>;
  return (
    <ul className="note-list" aria-label={t('notes.heading')}>
      {notes.map((note) => (
        <li key={note.id}>
          <button
            type="button"
            className="note-item"
            aria-current={note.id === selectedId ? 'true' : undefined}
            onClick={() => onSelect(note.id)}
          >
            <span className={`kind kind-${note.kind}`}>{t(`notes.kinds.${note.kind}`)}</span>
            <span className="note-title">{noteLabel(note, t('notes.untitled'))}</span>
            <span className="note-time">
              {formatDateTime(note.createdAt, locale, timeZone, { dateStyle: undefined, timeStyle: 'short' })}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
