// A note open for writing: its header (kind, title, pin, trash, speaker, lessons, visit,
// save status) and its editor, which reads the document once and saves by itself.
import type { EditorState } from 'lexical';
import { useCallback, useEffect, useState, type JSX } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { deriveNoteFields } from '../../../shared/editor/derive';
import { NOTE_KINDS, type Lesson, type NoteKind, type NoteSummary, type Visit } from '../../../shared/model';
import { TrashIcon } from '../../components/icons';
import { db } from '../../db/AppDB';
import { readNoteState, saveNoteContent, trashNote, updateNote } from '../../db/notes';
import type { SaveStatus } from '../../editor/plugins/AutosavePlugin';
import { NoteEditor } from '../../editor/NoteEditor';
import { formatDateTime } from '../../i18n';
import { NoteLessons } from '../lessons/NoteLessons';
import { useSharing } from '../sharing/SharingProvider';
import { useLocale } from '../../i18n/useLocale';

export interface NotePaneProps {
  note: NoteSummary;
  visits: Visit[];
  lessons: Lesson[];
  timeZone: string;
  autoFocus: boolean;
  /** Reads the note's document (once, when the pane opens); by default from the database. */
  readDocument?: (noteId: string) => Promise<string>;
}

export function NotePane({ note, visits, lessons, timeZone, autoFocus, readDocument }: NotePaneProps): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [status, setStatus] = useState<SaveStatus>('saved');
  // The note's document is read once, when it is opened: from then on the editor holds it.
  const [initialState, setInitialState] = useState<string | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  useEffect(() => {
    let current = true;
    (readDocument ?? ((id: string) => readNoteState(db(), id)))(note.id).then(
      (state) => {
        if (current) setInitialState(state);
      },
      (error: unknown) => {
        console.error('[carnet] note could not be read', error);
        if (current) setUnreadable(true);
      },
    );
    return () => {
      current = false;
    };
    // Read once per opening: the pane is keyed by the note's id.
  }, [note.id]);
  const doc = useLiveDoc(note);
  const visit = visits.find((candidate) => candidate.id === note.visitId);
  const save = useCallback((json: string, state: EditorState) => saveNoteContent(db(), note.id, { state: json, ...deriveNoteFields(state) }), [note.id]);
  const when = (ms: number) => formatDateTime(ms, locale, timeZone);
  const update = (changes: Parameters<typeof updateNote>[2]) => void updateNote(db(), note.id, changes);
  const speakersId = `speakers-${note.id}`;

  return (
    <article className="note-pane" aria-label={t('layout.editor')}>
      <header className="note-header">
        <div className="note-header-row">
          <select aria-label={t('notes.kind')} value={note.kind} onChange={(e) => update({ kind: e.target.value as NoteKind })}>
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
            onChange={(e) => update({ title: e.target.value })}
          />
          <button
            type="button"
            className="icon-button"
            aria-pressed={note.pinned}
            aria-label={note.pinned ? t('notes.unpin') : t('notes.pin')}
            title={note.pinned ? t('notes.unpin') : t('notes.pin')}
            onClick={() => update({ pinned: !note.pinned })}
          >
            <span aria-hidden="true">{note.pinned ? '★' : '☆'}</span>
          </button>
          <button type="button" className="icon-button" aria-label={t('notes.trash')} title={t('notes.trash')} onClick={() => void trashNote(db(), note.id)}>
            <TrashIcon />
          </button>
        </div>
        {note.kind === 'quote' && (
          <label className="inline-field">
            <span>{t('notes.speaker')}</span>
            <input
              list={speakersId}
              defaultValue={note.speaker}
              placeholder={t('notes.speakerPlaceholder')}
              onChange={(e) => update({ speaker: e.target.value })}
            />
            <datalist id={speakersId}>
              {visit?.speakers.map((speaker) => (
                <option key={speaker.name} value={speaker.name}>
                  {speaker.role}
                </option>
              ))}
            </datalist>
          </label>
        )}
        <NoteLessons note={note} lessons={lessons} />
        <p className="note-meta">
          <span>{t('notes.created', { date: when(note.createdAt) })}</span>
          {note.updatedAt > note.createdAt && <span>{t('notes.edited', { date: when(note.updatedAt) })}</span>}
          <label className="move-to">
            <span>{t('notes.moveTo')}</span>
            <select value={note.visitId} onChange={(e) => update({ visitId: e.target.value })}>
              {visits.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {candidate.title}
                </option>
              ))}
            </select>
          </label>
          <span className={`save-status save-${status}`} role="status">
            {status === 'saved' ? t('notes.saved') : status === 'pending' ? t('notes.saving') : t('notes.saveFailed')}
          </span>
        </p>
      </header>
      {unreadable && (
        <p className="empty" role="alert">
          {t('errors.internal')}
        </p>
      )}
      {initialState !== null && doc !== undefined && (
        <NoteEditor
          key={note.id}
          noteId={note.id}
          initialState={initialState}
          save={save}
          onStatus={setStatus}
          autoFocus={autoFocus}
          {...(doc ? { doc } : {})}
        />
      )}
    </article>
  );
}

/** In a shared expedition, the note's body document, which its editor then edits live;
 *  null elsewhere (or when sharing had not started as the note was opened: binding an
 *  editor already typed in would drop what autosave has not saved yet); undefined while
 *  it loads. */
function useLiveDoc(note: NoteSummary): Y.Doc | null | undefined {
  const { session, share } = useSharing();
  const [live] = useState(() => (session && share?.expeditionId === note.expeditionId ? session : null));
  const [doc, setDoc] = useState<Y.Doc | null | undefined>(live ? undefined : null);
  useEffect(() => {
    if (!live) return;
    let current = true;
    let release = (): void => undefined;
    live.editLive(note.id).then(
      (editing) => {
        release = editing.release;
        if (current) setDoc(editing.doc);
        else release();
      },
      () => current && setDoc(null),
    );
    return () => {
      current = false;
      release();
    };
  }, [live, note.id]);
  return doc;
}
