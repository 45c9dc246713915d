// The three panes: the expedition and its visits, the notes of the chosen visit, the note
// being written. What is selected is kept in settings, so a reload comes back to it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { createNote, listNotes } from '../../db/notes';
import { writeSetting, type Settings } from '../../db/settings';
import { listVisits } from '../../db/visits';
import { NoteList } from '../notes/NoteList';
import { NotePane } from '../notes/NotePane';
import { LanguageSelect } from '../settings/LanguageSelect';
import { VisitList } from '../visits/VisitList';

interface Props {
  expedition: Expedition;
  settings: Settings;
}

export function Workspace({ expedition, settings }: Props): JSX.Element {
  const { t } = useTranslation();
  const [focusNoteId, setFocusNoteId] = useState<string | null>(null);
  const visits = useLiveQuery(() => listVisits(db(), expedition.id), [expedition.id]);
  const visitId =
    visits?.find((visit) => visit.id === settings.currentVisitId)?.id ?? visits?.[0]?.id ?? null;
  const notes = useLiveQuery(async () => (visitId ? listNotes(db(), visitId) : []), [visitId]);
  const note = notes?.find((candidate) => candidate.id === settings.currentNoteId) ?? null;

  const selectVisit = (id: string): void => {
    void writeSetting(db(), 'currentVisitId', id);
  };
  const selectNote = (id: string): void => {
    void writeSetting(db(), 'currentNoteId', id);
  };

  const newNote = useCallback(async (): Promise<void> => {
    if (!visitId) return;
    const created = await createNote(db(), { expeditionId: expedition.id, visitId, author: expedition.participant });
    setFocusNoteId(created.id);
    await writeSetting(db(), 'currentNoteId', created.id);
  }, [visitId, expedition.id, expedition.participant]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        void newNote();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [newNote]);

  return (
    <div className="workspace">
      <aside className="pane sidebar" aria-label={t('layout.sidebar')}>
        <header className="expedition-header">
          <h1>{expedition.title}</h1>
          {expedition.place && <p>{expedition.place}</p>}
        </header>
        <h2 className="pane-heading">{t('visits.heading')}</h2>
        {visits && <VisitList expedition={expedition} visits={visits} selectedId={visitId} onSelect={selectVisit} />}
        <footer className="sidebar-footer">
          <LanguageSelect />
        </footer>
      </aside>
      <section className="pane notes" aria-label={t('layout.notes')}>
        <header className="pane-toolbar">
          <h2 className="pane-heading">{t('notes.heading')}</h2>
          <button type="button" className="primary" disabled={!visitId} onClick={() => void newNote()} title="Ctrl+Shift+N">
            {t('notes.new')}
          </button>
        </header>
        {visitId ? (
          notes && <NoteList notes={notes} selectedId={note?.id ?? null} timeZone={expedition.timeZone} onSelect={selectNote} />
        ) : (
          <p className="empty">{t('notes.noVisit')}</p>
        )}
      </section>
      <section className="pane editor-pane">
        {note ? (
          <NotePane key={note.id} note={note} timeZone={expedition.timeZone} autoFocus={note.id === focusNoteId} />
        ) : (
          <p className="empty">{t('notes.select')}</p>
        )}
      </section>
    </div>
  );
}
