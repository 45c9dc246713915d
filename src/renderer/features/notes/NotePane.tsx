import type { EditorState } from 'lexical';
import { useCallback, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { deriveNoteFields } from '../../../shared/editor/derive';
import { NOTE_KINDS, type Note, type NoteKind } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { saveNoteContent, updateNote } from '../../db/notes';
import type { SaveStatus } from '../../editor/plugins/AutosavePlugin';
import { NoteEditor } from '../../editor/NoteEditor';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../settings/useLocale';

interface Props {
  note: Note;
  timeZone: string;
  autoFocus: boolean;
}

export function NotePane({ note, timeZone, autoFocus }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [status, setStatus] = useState<SaveStatus>('saved');
  const save = useCallback(
    (json: string, state: EditorState) => saveNoteContent(db(), note.id, { state: json, ...deriveNoteFields(state) }),
    [note.id],
  );
  const when = (ms: number) => formatDateTime(ms, locale, timeZone);

  return (
    <article className="note-pane" aria-label={t('layout.editor')}>
      <header className="note-header">
        <select
          aria-label={t('notes.kind')}
          value={note.kind}
          onChange={(e) => void updateNote(db(), note.id, { kind: e.target.value as NoteKind })}
        >
          {NOTE_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`notes.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <input
          className="note-title-input"
          aria-label={t('notes.titleLabel')}
          placeholder={t('notes.untitled')}
          defaultValue={note.title}
          onChange={(e) => void updateNote(db(), note.id, { title: e.target.value })}
        />
        <p className="note-meta">
          <span>{t('notes.created', { date: when(note.createdAt) })}</span>
          {note.updatedAt > note.createdAt && <span>{t('notes.edited', { date: when(note.updatedAt) })}</span>}
          <span className={`save-status save-${status}`} role="status">
            {status === 'saved' ? t('notes.saved') : status === 'pending' ? t('notes.saving') : t('notes.saveFailed')}
          </span>
        </p>
      </header>
      <NoteEditor key={note.id} initialState={note.state} save={save} onStatus={setStatus} autoFocus={autoFocus} />
    </article>
  );
}
