// The three panes: the expedition and its visits, the notes of the chosen visit, the note
// being written. What is selected is kept in settings, so a reload comes back to it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { MenuCommand } from '../../../shared/ipc';
import type { Expedition } from '../../../shared/model';
import { visitHappeningNow } from '../../../shared/visits';
import { PencilIcon, PlusIcon, TrashIcon } from '../../components/icons';
import { db } from '../../db/AppDB';
import { createNote, listNotes } from '../../db/notes';
import { writeSetting, type Settings } from '../../db/settings';
import { purgeTrash } from '../../db/trash';
import { listVisits } from '../../db/visits';
import { startTypeAhead, takeTypeAhead } from '../../editor/typeAhead';
import { carnet } from '../../platform';
import { ExpeditionForm } from '../expedition/ExpeditionForm';
import { ExpeditionSwitcher } from '../expedition/ExpeditionSwitcher';
import { NoteList } from '../notes/NoteList';
import { NotePane } from '../notes/NotePane';
import { LanguageSelect } from '../settings/LanguageSelect';
import { useLocale } from '../settings/useLocale';
import { TrashDialog } from '../trash/TrashDialog';
import { VisitForm } from '../visits/VisitForm';
import { VisitHeader } from '../visits/VisitHeader';
import { VisitList } from '../visits/VisitList';

type OpenDialog = 'editExpedition' | 'newExpedition' | 'newVisit' | 'editVisit' | 'trash' | null;

/** How often "the visit happening now" is looked at again. */
const NOW_REFRESH_MS = 30_000;

function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NOW_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

interface Props {
  expedition: Expedition;
  settings: Settings;
}

export function Workspace({ expedition, settings }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const now = useNow();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [focusNoteId, setFocusNoteId] = useState<string | null>(null);
  const visits = useLiveQuery(() => listVisits(db(), expedition.id), [expedition.id]);
  const nowVisit = visits ? visitHappeningNow(visits, now, expedition.timeZone) : null;
  const visit = visits?.find((candidate) => candidate.id === settings.currentVisitId) ?? nowVisit ?? null;
  const visitId = visit?.id ?? null;
  const notes = useLiveQuery(async () => (visitId ? listNotes(db(), visitId) : []), [visitId]);
  const note = notes?.find((candidate) => candidate.id === settings.currentNoteId) ?? null;

  useEffect(() => {
    void purgeTrash(db());
  }, []);
  useEffect(() => {
    void carnet().setMenuLanguage({ locale });
  }, [locale]);

  const selectVisit = (id: string): void => void writeSetting(db(), 'currentVisitId', id);
  const selectNote = (id: string): void => void writeSetting(db(), 'currentNoteId', id);

  /** A new note on `targetVisitId`, opened with the cursor ready. */
  const newNoteOn = useCallback(
    async (targetVisitId: string | null): Promise<void> => {
      if (!targetVisitId) {
        takeTypeAhead();
        setDialog('newVisit');
        return;
      }
      const created = await createNote(db(), { expeditionId: expedition.id, visitId: targetVisitId, author: expedition.participant });
      setFocusNoteId(created.id);
      await writeSetting(db(), 'currentVisitId', targetVisitId);
      await writeSetting(db(), 'currentNoteId', created.id);
    },
    [expedition.id, expedition.participant],
  );
  // Quick capture goes to the visit happening now, whatever visit is on screen.
  const quickCapture = useCallback(() => {
    startTypeAhead();
    const target = visits ? visitHappeningNow(visits, Date.now(), expedition.timeZone) : null;
    void newNoteOn(target?.id ?? null);
  }, [visits, expedition.timeZone, newNoteOn]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        quickCapture();
      }
    };
    const onMenu = (command: MenuCommand): void => {
      if (command === 'newNote') quickCapture();
      else if (command === 'newVisit') setDialog('newVisit');
      else if (command === 'openTrash') setDialog('trash');
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = carnet().onMenuCommand(onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [quickCapture]);

  const close = () => setDialog(null);

  return (
    <div className="workspace">
      <aside className="pane sidebar" aria-label={t('layout.sidebar')}>
        <header className="expedition-header">
          <div className="expedition-title-row">
            <h1>{expedition.title}</h1>
            <button type="button" className="icon-button" aria-label={t('expedition.edit')} title={t('expedition.edit')} onClick={() => setDialog('editExpedition')}>
              <PencilIcon />
            </button>
          </div>
          {expedition.place && <p>{expedition.place}</p>}
          <ExpeditionSwitcher current={expedition} onNew={() => setDialog('newExpedition')} />
        </header>
        <div className="pane-toolbar">
          <h2 className="pane-heading">{t('visits.heading')}</h2>
          <button type="button" className="icon-button" aria-label={t('visits.new')} title={t('visits.new')} onClick={() => setDialog('newVisit')}>
            <PlusIcon />
          </button>
        </div>
        {visits && (
          <VisitList expedition={expedition} visits={visits} selectedId={visitId} nowId={nowVisit?.id ?? null} onSelect={selectVisit} />
        )}
        <footer className="sidebar-footer">
          <button type="button" className="quiet" onClick={() => setDialog('trash')}>
            <TrashIcon /> {t('trash.title')}
          </button>
          <LanguageSelect />
        </footer>
      </aside>
      <section className="pane notes" aria-label={t('layout.notes')}>
        {visit && <VisitHeader expedition={expedition} visit={visit} onEdit={() => setDialog('editVisit')} />}
        <div className="pane-toolbar">
          <h2 className="pane-heading">{t('notes.heading')}</h2>
          <button
            type="button"
            className="primary"
            disabled={!visitId}
            onClick={() => {
              startTypeAhead();
              void newNoteOn(visitId);
            }}
            title="Ctrl+Shift+N"
          >
            {t('notes.new')}
          </button>
        </div>
        {visitId ? (
          notes && <NoteList notes={notes} selectedId={note?.id ?? null} timeZone={expedition.timeZone} onSelect={selectNote} />
        ) : (
          <p className="empty">{visits?.length ? t('notes.noVisit') : t('visits.none')}</p>
        )}
      </section>
      <section className="pane editor-pane">
        {note && visits ? (
          <NotePane key={note.id} note={note} visits={visits} timeZone={expedition.timeZone} autoFocus={note.id === focusNoteId} />
        ) : (
          <p className="empty">{t('notes.select')}</p>
        )}
      </section>
      {dialog === 'editExpedition' && <ExpeditionForm expedition={expedition} onClose={close} />}
      {dialog === 'newExpedition' && <ExpeditionForm onClose={close} />}
      {dialog === 'newVisit' && <VisitForm expedition={expedition} onClose={close} />}
      {dialog === 'editVisit' && visit && <VisitForm expedition={expedition} visit={visit} onClose={close} />}
      {dialog === 'trash' && <TrashDialog expedition={expedition} onClose={close} />}
    </div>
  );
}
