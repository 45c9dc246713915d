// The workspace: the sidebar (the expedition, its visits and lessons), then the notes of
// the chosen visit and the note being written — or a lesson, the matrix, the tags, the
// group overview — and the dialogs. What is shown is useSelection's; the commands heard
// from anywhere (quick capture, search, the menu) are useCommands'.
import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { PlannedImport } from '../../../shared/ipc';
import type { Expedition } from '../../../shared/model';
import { lazyComponent } from '../../components/lazyComponent';
import { db } from '../../db/AppDB';
import { listLessons } from '../../db/lessons';
import type { Settings } from '../../db/settings';
import { purgeTrash } from '../../db/trash';
import { listVisits } from '../../db/visits';
import { LessonsContext } from '../../editor/LessonsContext';
import { useLocale } from '../../i18n/useLocale';
import { carnet } from '../../platform';
import { useAutoSnapshots } from '../backup/snapshots';
import { useDroppedImports } from '../import/useDroppedImports';
import { OpenNote } from '../notes/OpenNote';
import { VisitNoteList } from '../notes/VisitNoteList';
import { SearchPanel } from '../search/SearchPanel';
import { hasPendingShare } from '../sharing/serverChange';
import { useOrganises } from '../sharing/SharingProvider';
import { requestPersistentStorage } from '../settings/storage';
import { VisitHeader } from '../visits/VisitHeader';
import { Sidebar } from './Sidebar';
import { useCommands } from './useCommands';
import { useSelection } from './useSelection';
import { WorkspaceDialogs, type OpenDialog } from './WorkspaceDialogs';

// Views a start does not show: their code loads when first opened.
const LessonView = lazyComponent(() => import('../lessons/LessonView').then((m) => m.LessonView));
const MatrixView = lazyComponent(() => import('../lessons/MatrixView').then((m) => m.MatrixView));
const TagManager = lazyComponent(() => import('../tags/TagManager').then((m) => m.TagManager));
const GroupOverview = lazyComponent(() => import('../sharing/GroupOverview').then((m) => m.GroupOverview));

interface Props {
  expedition: Expedition;
  settings: Settings;
}

export function Workspace({ expedition, settings }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  // Back from the reload that allowed a sync server: the sharing dialog carries on.
  const [dialog, setDialog] = useState<OpenDialog>(() => (hasPendingShare() ? 'share' : null));
  const [dropped, setDropped] = useState<PlannedImport | null>(null);
  const [dropError, setDropError] = useState<string | null>(null);
  useDroppedImports(expedition.timeZone, setDropped, setDropError);
  useAutoSnapshots(db(), expedition.id);
  const lessons = useLiveQuery(() => listLessons(db(), expedition.id), [expedition.id]) ?? [];
  const visits = useLiveQuery(() => listVisits(db(), expedition.id), [expedition.id]);
  const selection = useSelection(settings, visits, expedition.timeZone);
  const { view, setView, visit, currentNoteId, listedNote, selectNote, openNote } = selection;
  const organises = useOrganises(expedition.id);
  const visitId = visit?.id ?? null;
  const { captureOn, focusNoteId, searchWanted, searchFocused } = useCommands({
    expedition,
    visits,
    selection,
    dialog,
    setDialog,
    importing: dropped !== null,
  });

  useEffect(() => {
    void purgeTrash(db());
    void requestPersistentStorage();
  }, []);
  useEffect(() => {
    void carnet().setMenuLanguage({ locale });
  }, [locale]);

  const closeDialog = useCallback(() => {
    setDropped(null);
    setDialog(null);
  }, []);
  const lesson = view.kind === 'lesson' ? lessons.find((candidate) => candidate.id === view.lessonId) : undefined;

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
        <Sidebar expedition={expedition} visits={visits} lessons={lessons} selection={selection} openDialog={setDialog} />
        <main className="workspace-main">
          {view.kind === 'visits' ? (
            <>
              <section className="pane notes" aria-label={t('layout.notes')}>
                {visit && <VisitHeader expedition={expedition} visit={visit} onEdit={() => setDialog('editVisit')} />}
                <div className="pane-toolbar">
                  <h2 className="pane-heading">{t('notes.heading')}</h2>
                  <button type="button" className="primary" disabled={!visitId} onClick={() => captureOn(visitId)} title={t('notes.newShortcut')}>
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
              <Suspense fallback={null}>
                {view.kind === 'lesson' && lesson && visits && (
                  <LessonView expedition={expedition} lesson={lesson} visits={visits} lessonCount={lessons.length} onOpenNote={openNote} />
                )}
                {view.kind === 'matrix' && visits && <MatrixView expedition={expedition} visits={visits} lessons={lessons} onOpenNote={openNote} />}
                {view.kind === 'tags' && <TagManager expeditionId={expedition.id} />}
                {view.kind === 'overview' && organises && visits && (
                  <GroupOverview expedition={expedition} visits={visits} lessons={lessons} onOpenLesson={(lessonId) => setView({ kind: 'lesson', lessonId })} />
                )}
              </Suspense>
            </section>
          )}
        </main>
        <WorkspaceDialogs
          dialog={dialog}
          dropped={dropped}
          expedition={expedition}
          visits={visits}
          lessons={lessons}
          visit={visit}
          onClose={closeDialog}
          onLessonCreated={(lessonId) => setView({ kind: 'lesson', lessonId })}
        />
      </div>
    </LessonsContext.Provider>
  );
}
