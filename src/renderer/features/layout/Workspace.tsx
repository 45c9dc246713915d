// The three panes: the expedition and its visits, the notes of the chosen visit, the note
// being written. What is selected is kept in settings, so a reload comes back to it.
import { useLiveQuery } from 'dexie-react-hooks';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type JSX } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { MenuCommand, PlannedImport } from '../../../shared/ipc';
import type { Expedition, NoteSummary } from '../../../shared/model';
import { visitHappeningNow, visitInProgress } from '../../../shared/visits';
import { PencilIcon, PlusIcon, TrashIcon } from '../../components/icons';
import { db } from '../../db/AppDB';
import { createNote } from '../../db/notes';
import { writeSetting, type Settings } from '../../db/settings';
import { purgeTrash } from '../../db/trash';
import { listLessons } from '../../db/lessons';
import { listVisits } from '../../db/visits';
import { LessonsContext } from '../../editor/LessonsContext';
import { nextHoldTaken, startTypeAhead, takeTypeAhead } from '../../editor/typeAhead';
import { carnet } from '../../platform';
import { useAutoSnapshots } from '../backup/snapshots';
import { ExpeditionForm } from '../expedition/ExpeditionForm';
import { ImportDialog } from '../import/ImportDialog';
import { useDroppedImports } from '../import/useDroppedImports';
import { ExportJournalDialog } from '../journal/ExportJournalDialog';
import { LessonForm } from '../lessons/LessonForm';
import { LessonList } from '../lessons/LessonList';
import { LessonView } from '../lessons/LessonView';
import { MatrixView } from '../lessons/MatrixView';
import { TagManager } from '../tags/TagManager';
import { ExpeditionSwitcher } from '../expedition/ExpeditionSwitcher';
import { VisitNoteList } from '../notes/NoteList';
import { SearchPanel } from '../search/SearchPanel';
import { OpenNote } from '../notes/NotePane';
import { SettingsDialog } from '../settings/SettingsDialog';
import { requestPersistentStorage } from '../settings/storage';
import { useLocale } from '../../i18n/useLocale';
import { TrashDialog } from '../trash/TrashDialog';
import { VisitForm } from '../visits/VisitForm';
import { VisitHeader } from '../visits/VisitHeader';
import { VisitList } from '../visits/VisitList';

type OpenDialog = 'exportJournal' | 'editExpedition' | 'newExpedition' | 'newVisit' | 'editVisit' | 'newLesson' | 'trash' | 'settings' | 'import' | null;

/** What the middle and right panes show: a visit's notes (the default), a lesson, the
 *  visits × lessons matrix or the tag manager. */
type View = { kind: 'visits' } | { kind: 'lesson'; lessonId: string } | { kind: 'matrix' } | { kind: 'tags' };

/** How long a quick capture waits for its note to open before the next one may start. */
const CAPTURE_WAIT_MS = 5_000;

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
  const [view, setView] = useState<View>({ kind: 'visits' });
  const [dropped, setDropped] = useState<PlannedImport | null>(null);
  const [dropError, setDropError] = useState<string | null>(null);
  useDroppedImports(expedition.timeZone, setDropped, setDropError);
  useAutoSnapshots(db(), expedition.id);
  const lessons = useLiveQuery(() => listLessons(db(), expedition.id), [expedition.id]) ?? [];
  const [focusNoteId, setFocusNoteId] = useState<string | null>(null);
  const visits = useLiveQuery(() => listVisits(db(), expedition.id), [expedition.id]);
  const nowVisit = visits ? visitHappeningNow(visits, now, expedition.timeZone) : null;
  // Marked "in progress" only when it is; otherwise it is just where quick notes go.
  const inProgressId = visits ? (visitInProgress(visits, now, expedition.timeZone)?.id ?? null) : null;
  const visit = visits?.find((candidate) => candidate.id === settings.currentVisitId) ?? nowVisit ?? null;
  const visitId = visit?.id ?? null;
  // The note chosen a moment ago shows at once; the setting that remembers it follows.
  const [chosenNoteId, setChosenNoteId] = useState<string | null>(null);
  const currentNoteId = chosenNoteId ?? settings.currentNoteId;
  useEffect(() => {
    if (chosenNoteId === settings.currentNoteId) setChosenNoteId(null);
  }, [chosenNoteId, settings.currentNoteId]);

  useEffect(() => {
    void purgeTrash(db());
    void requestPersistentStorage();
  }, []);
  useEffect(() => {
    void carnet().setMenuLanguage({ locale });
  }, [locale]);

  const selectVisit = useCallback((id: string): void => {
    setView({ kind: 'visits' });
    void writeSetting(db(), 'currentVisitId', id);
  }, []);
  const openNote = (noteId: string, noteVisitId: string): void => {
    setView({ kind: 'visits' });
    setChosenNoteId(noteId);
    void writeSetting(db(), 'currentVisitId', noteVisitId).then(() => writeSetting(db(), 'currentNoteId', noteId));
  };
  const lesson = view.kind === 'lesson' ? lessons.find((candidate) => candidate.id === view.lessonId) : undefined;
  // The summary of the note last clicked in the list: the pane draws it at once.
  const [listedNote, setListedNote] = useState<NoteSummary | null>(null);
  const selectNote = useCallback((listed: NoteSummary): void => {
    setListedNote(listed);
    setChosenNoteId(listed.id);
    void writeSetting(db(), 'currentNoteId', listed.id);
  }, []);

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
      setChosenNoteId(created.id);
      setView({ kind: 'visits' });
      await writeSetting(db(), 'currentVisitId', targetVisitId);
      await writeSetting(db(), 'currentNoteId', created.id);
    },
    [expedition.id, expedition.participant],
  );
  // A new note with the cursor ready, on `target` (a visit id, or the visit happening now
  // when it is null). What is typed and pasted meanwhile is held (typeAhead.ts). Captures
  // open one after the other: the next note is created once the previous one has taken
  // what was typed for it (or after a few seconds, should it never open).
  const captures = useRef(Promise.resolve());
  const captureOn = useCallback(
    (target: string | null): void => {
      // The trash and the settings close (nothing is lost); behind any other dialog (a
      // form being filled, an import) the shortcut waits: the keys stay in the dialog.
      if (dialog !== null && dialog !== 'trash' && dialog !== 'settings') return;
      if (dropped) return;
      // Closed now, not at the next render: a modal dialog would keep the focus from the
      // field that holds the keys.
      if (dialog !== null) flushSync(() => setDialog(null));
      startTypeAhead();
      captures.current = captures.current.then(async () => {
        const taken = nextHoldTaken();
        // Right after start the visits may not be read yet: they are read here then,
        // rather than taken for none (which asked for a new visit and lost the words).
        const known = visits ?? (await listVisits(db(), expedition.id));
        await newNoteOn(target ?? visitHappeningNow(known, Date.now(), expedition.timeZone)?.id ?? null);
        await Promise.race([taken, new Promise((resume) => setTimeout(resume, CAPTURE_WAIT_MS))]);
      });
    },
    [dialog, dropped, visits, expedition.id, expedition.timeZone, newNoteOn],
  );
  // Quick capture goes to the visit happening now, whatever visit is on screen.
  const quickCapture = useCallback(() => captureOn(null), [captureOn]);

  // Ctrl/Cmd+K searches from every view: back to the visits' pane, whose search box takes
  // the focus; the trash and the settings, which change nothing by closing, are closed.
  const [searchWanted, setSearchWanted] = useState(false);
  const searchFocused = useCallback(() => setSearchWanted(false), []);
  const openSearch = useCallback(() => {
    setView({ kind: 'visits' });
    setDialog((open) => (open === 'trash' || open === 'settings' ? null : open));
    setSearchWanted(true);
  }, []);

  // Heard from the first frame the workspace is drawn (a layout effect runs before it is
  // painted): a participant launches Carnet and captures at once.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const command = event.ctrlKey || event.metaKey;
      if (command && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        quickCapture();
      } else if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openSearch();
      }
    };
    const onMenu = (command: MenuCommand): void => {
      if (command === 'newNote') quickCapture();
      else if (command === 'newVisit') setDialog('newVisit');
      else if (command === 'openTrash') setDialog('trash');
      else if (command === 'exportJournal') setDialog('exportJournal');
      else if (command === 'import') setDialog('import');
    };
    window.addEventListener('keydown', onKey);
    const unsubscribe = carnet().onMenuCommand(onMenu);
    return () => {
      window.removeEventListener('keydown', onKey);
      unsubscribe();
    };
  }, [quickCapture, openSearch]);

  const close = () => setDialog(null);

  return (
    <LessonsContext.Provider value={lessons}>
    {dropError && (
      <div className="notice" role="alert">
        <span>{dropError}</span>
        <button type="button" onClick={() => setDropError(null)} aria-label={t('dismiss')}>
          ×
        </button>
      </div>
    )}
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
          <VisitList
            expedition={expedition}
            visits={visits}
            selectedId={view.kind === 'visits' ? visitId : null}
            nowId={inProgressId}
            onSelect={selectVisit}
          />
        )}
        <div className="pane-toolbar">
          <h2 className="pane-heading">{t('lessons.heading')}</h2>
          <button type="button" className="icon-button" aria-label={t('lessons.new')} title={t('lessons.new')} onClick={() => setDialog('newLesson')}>
            <PlusIcon />
          </button>
        </div>
        <LessonList lessons={lessons} selectedId={lesson?.id ?? null} onSelect={(lessonId) => setView({ kind: 'lesson', lessonId })} />
        <div className="sidebar-links">
          <button type="button" className="quiet" aria-current={view.kind === 'matrix' ? 'true' : undefined} onClick={() => setView({ kind: 'matrix' })}>
            {t('matrix.title')}
          </button>
          <button type="button" className="quiet" aria-current={view.kind === 'tags' ? 'true' : undefined} onClick={() => setView({ kind: 'tags' })}>
            {t('tags.title')}
          </button>
          <button type="button" className="quiet" onClick={() => setDialog('exportJournal')}>
            {t('journal.open')}
          </button>
        </div>
        <footer className="sidebar-footer">
          <button type="button" className="quiet" onClick={() => setDialog('import')}>
            {t('importer.open')}
          </button>
          <button type="button" className="quiet" onClick={() => setDialog('trash')}>
            <TrashIcon /> {t('trash.title')}
          </button>
          <button type="button" className="quiet" onClick={() => setDialog('settings')}>
            {t('settings.open')}
          </button>
        </footer>
      </aside>
      {view.kind === 'visits' ? (
        <>
        <section className="pane notes" aria-label={t('layout.notes')}>
          {visit && <VisitHeader expedition={expedition} visit={visit} onEdit={() => setDialog('editVisit')} />}
          <div className="pane-toolbar">
            <h2 className="pane-heading">{t('notes.heading')}</h2>
            <button
              type="button"
              className="primary"
              disabled={!visitId}
              onClick={() => captureOn(visitId)}
              title="Ctrl+Shift+N"
            >
              {t('notes.new')}
            </button>
          </div>
          <SearchPanel expeditionId={expedition.id} onOpenNote={openNote} focusWanted={searchWanted} onFocused={searchFocused}>
            {visitId ? (
              <VisitNoteList visitId={visitId} selectedId={currentNoteId} timeZone={expedition.timeZone} onSelect={selectNote} />
            ) : (
              <p className="empty">{visits?.length ? t('notes.noVisit') : t('visits.none')}</p>
            )}
          </SearchPanel>
        </section>
        <section className="pane editor-pane">
          {visits && (
            <OpenNote
              noteId={currentNoteId}
              listed={listedNote}
              visitId={visitId}
              visits={visits}
              lessons={lessons}
              timeZone={expedition.timeZone}
              focusNoteId={focusNoteId}
            />
          )}
        </section>
        </>
      ) : (
        <section className="pane wide-pane">
          {view.kind === 'lesson' && lesson && visits && (
            <LessonView expedition={expedition} lesson={lesson} visits={visits} lessonCount={lessons.length} onOpenNote={openNote} />
          )}
          {view.kind === 'matrix' && visits && <MatrixView expedition={expedition} visits={visits} lessons={lessons} onOpenNote={openNote} />}
          {view.kind === 'tags' && <TagManager expeditionId={expedition.id} />}
        </section>
      )}
      {dialog === 'editExpedition' && <ExpeditionForm expedition={expedition} onClose={close} />}
      {dialog === 'newExpedition' && <ExpeditionForm onClose={close} />}
      {dialog === 'newVisit' && <VisitForm expedition={expedition} onClose={close} />}
      {dialog === 'editVisit' && visit && <VisitForm expedition={expedition} visit={visit} onClose={close} />}
      {dialog === 'exportJournal' && visits && <ExportJournalDialog expedition={expedition} visits={visits} onClose={close} />}
      {dialog === 'trash' && <TrashDialog expedition={expedition} onClose={close} />}
      {dialog === 'settings' && <SettingsDialog expeditionId={expedition.id} onClose={close} />}
      {(dialog === 'import' || dropped) && visits && (
        <ImportDialog
          expedition={expedition}
          visits={visits}
          lessons={lessons}
          dropped={dropped ?? undefined}
          onClose={() => {
            setDropped(null);
            close();
          }}
        />
      )}
      {dialog === 'newLesson' && (
        <LessonForm
          expeditionId={expedition.id}
          count={lessons.length}
          onClose={(created) => {
            close();
            if (created) setView({ kind: 'lesson', lessonId: created.id });
          }}
        />
      )}
    </div>
    </LessonsContext.Provider>
  );
}
