// The left pane: the expedition (its title, place, and the switcher), its visits by day,
// its lessons, the matrix, the tags and (for the organiser of a shared expedition) the
// group overview, then the journal, import, trash and settings.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { PencilIcon, PlusIcon, TrashIcon } from '../../components/icons';
import { ExpeditionSwitcher } from '../expedition/ExpeditionSwitcher';
import { SyncStatus } from '../sharing/SyncStatus';
import { useCanEditStructure, useOrganises } from '../sharing/SharingProvider';
import { WhoseSelect } from '../sharing/WhoseSelect';
import { LessonList } from '../lessons/LessonList';
import { VisitList } from '../visits/VisitList';
import type { Selection } from './useSelection';
import type { OpenDialog } from './WorkspaceDialogs';

interface Props {
  expedition: Expedition;
  visits: Visit[] | undefined;
  lessons: Lesson[];
  selection: Selection;
  openDialog: (dialog: Exclude<OpenDialog, null>) => void;
}

export function Sidebar({ expedition, visits, lessons, selection, openDialog }: Props): JSX.Element {
  const { t } = useTranslation();
  const { view, setView, visit, inProgressId, selectVisit } = selection;
  const editable = useCanEditStructure(expedition.id);
  const organises = useOrganises(expedition.id);
  return (
    <aside className="pane sidebar" aria-label={t('layout.sidebar')}>
      <header className="expedition-header">
        <div className="expedition-title-row">
          <h1>{expedition.title}</h1>
          {editable && (
            <button
              type="button"
              className="icon-button"
              aria-label={t('expedition.edit')}
              title={t('expedition.edit')}
              onClick={() => openDialog('editExpedition')}
            >
              <PencilIcon />
            </button>
          )}
        </div>
        {expedition.place && <p>{expedition.place}</p>}
        <ExpeditionSwitcher current={expedition} onNew={() => openDialog('newExpedition')} onJoin={() => openDialog('join')} />
        <SyncStatus expeditionId={expedition.id} onOpen={() => openDialog('share')} />
        <WhoseSelect expeditionId={expedition.id} />
      </header>
      <div className="pane-toolbar">
        <h2 className="pane-heading">{t('visits.heading')}</h2>
        {editable && (
          <button type="button" className="icon-button" aria-label={t('visits.new')} title={t('visits.new')} onClick={() => openDialog('newVisit')}>
            <PlusIcon />
          </button>
        )}
      </div>
      {visits && (
        <VisitList
          expedition={expedition}
          visits={visits}
          selectedId={view.kind === 'visits' ? (visit?.id ?? null) : null}
          nowId={inProgressId}
          onSelect={selectVisit}
        />
      )}
      <div className="pane-toolbar">
        <h2 className="pane-heading">{t('lessons.heading')}</h2>
        {editable && (
          <button type="button" className="icon-button" aria-label={t('lessons.new')} title={t('lessons.new')} onClick={() => openDialog('newLesson')}>
            <PlusIcon />
          </button>
        )}
      </div>
      <LessonList lessons={lessons} selectedId={view.kind === 'lesson' ? view.lessonId : null} onSelect={(lessonId) => setView({ kind: 'lesson', lessonId })} />
      <div className="sidebar-links">
        <button type="button" className="quiet" aria-current={view.kind === 'matrix' ? 'true' : undefined} onClick={() => setView({ kind: 'matrix' })}>
          {t('matrix.title')}
        </button>
        <button type="button" className="quiet" aria-current={view.kind === 'tags' ? 'true' : undefined} onClick={() => setView({ kind: 'tags' })}>
          {t('tags.title')}
        </button>
        {organises && (
          <button type="button" className="quiet" aria-current={view.kind === 'overview' ? 'true' : undefined} onClick={() => setView({ kind: 'overview' })}>
            {t('overview.title')}
          </button>
        )}
        <button type="button" className="quiet" onClick={() => openDialog('exportJournal')}>
          {t('journal.open')}
        </button>
      </div>
      <footer className="sidebar-footer">
        <button type="button" className="quiet" onClick={() => openDialog('share')}>
          {t('sharing.open')}
        </button>
        <button type="button" className="quiet" onClick={() => openDialog('import')}>
          {t('importer.open')}
        </button>
        <button type="button" className="quiet" onClick={() => openDialog('trash')}>
          <TrashIcon /> {t('trash.title')}
        </button>
        <button type="button" className="quiet" onClick={() => openDialog('settings')}>
          {t('settings.open')}
        </button>
      </footer>
    </aside>
  );
}
