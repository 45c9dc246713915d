// A note another participant wrote, in a shared expedition: read, never edited here (only
// its author may, and the server refuses anyone else's write). It follows their edits as
// they arrive.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { noteLabel } from '../../../shared/editor/derive';
import type { Lesson, NoteSummary } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { NoteReader } from '../../editor/NoteReader';
import { NoteLessons } from '../lessons/NoteLessons';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';

export function OthersNote({ note, lessons, timeZone }: { note: NoteSummary; lessons: Lesson[]; timeZone: string }): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const state = useLiveQuery(async () => (await db().noteStates.get(note.id))?.state ?? '', [note.id]);
  const when = (ms: number) => formatDateTime(ms, locale, timeZone);
  return (
    <article className="note-pane others-note" aria-label={t('layout.editor')}>
      <header className="note-header">
        <div className="note-header-row">
          <span className={`kind kind-${note.kind}`}>{t(`notes.kinds.${note.kind}`)}</span>
          <h2 className="note-title-text">{noteLabel(note, t('notes.untitled'))}</h2>
        </div>
        {note.kind === 'quote' && note.speaker && <p className="inline-field">{note.speaker}</p>}
        <NoteLessons note={note} lessons={lessons} readOnly />
        <p className="note-meta">
          <span className="note-author">{t('sharing.by', { name: note.author })}</span>
          <span>{t('notes.created', { date: when(note.createdAt) })}</span>
          {note.updatedAt > note.createdAt && <span>{t('notes.edited', { date: when(note.updatedAt) })}</span>}
        </p>
        <p className="hint">{t('sharing.readOnly', { name: note.author })}</p>
      </header>
      {state !== undefined && <NoteReader state={state} />}
    </article>
  );
}
