// The workspace's dialogs, one at a time: the expedition's and a visit's forms, a new
// lesson, the journal, import (chosen, or a file dropped on the window), sharing the
// expedition or joining another, trash, settings.
// Each one's code loads when it first opens: none is needed to start.
import { Suspense, type JSX } from 'react';
import type { PlannedImport } from '../../../shared/ipc';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { lazyComponent } from '../../components/lazyComponent';

const ExpeditionForm = lazyComponent(() => import('../expedition/ExpeditionForm').then((m) => m.ExpeditionForm));
const ImportDialog = lazyComponent(() => import('../import/ImportDialog').then((m) => m.ImportDialog));
const ExportJournalDialog = lazyComponent(() => import('../journal/ExportJournalDialog').then((m) => m.ExportJournalDialog));
const LessonForm = lazyComponent(() => import('../lessons/LessonForm').then((m) => m.LessonForm));
const SettingsDialog = lazyComponent(() => import('../settings/SettingsDialog').then((m) => m.SettingsDialog));
const ShareDialog = lazyComponent(() => import('../sharing/ShareDialog').then((m) => m.ShareDialog));
const JoinDialog = lazyComponent(() => import('../sharing/JoinDialog').then((m) => m.JoinDialog));
const TrashDialog = lazyComponent(() => import('../trash/TrashDialog').then((m) => m.TrashDialog));
const VisitForm = lazyComponent(() => import('../visits/VisitForm').then((m) => m.VisitForm));

export type OpenDialog =
  'exportJournal' | 'editExpedition' | 'newExpedition' | 'newVisit' | 'editVisit' | 'newLesson' | 'trash' | 'settings' | 'import' | 'share' | 'join' | null;

interface Props {
  dialog: OpenDialog;
  /** A file dropped on the window, planned: the import dialog shows its preview. */
  dropped: PlannedImport | null;
  expedition: Expedition;
  visits: Visit[] | undefined;
  lessons: Lesson[];
  /** The visit on screen, for its form. */
  visit: Visit | null;
  onClose: () => void;
  onLessonCreated: (lessonId: string) => void;
}

export function WorkspaceDialogs(props: Props): JSX.Element | null {
  return (
    <Suspense fallback={null}>
      <DialogShown {...props} />
    </Suspense>
  );
}

function DialogShown({ dialog, dropped, expedition, visits, lessons, visit, onClose, onLessonCreated }: Props): JSX.Element | null {
  if ((dialog === 'import' || dropped) && visits) {
    return <ImportDialog expedition={expedition} visits={visits} lessons={lessons} dropped={dropped ?? undefined} onClose={onClose} />;
  }
  switch (dialog) {
    case 'editExpedition':
      return <ExpeditionForm expedition={expedition} onClose={onClose} />;
    case 'newExpedition':
      // Still the same person: their name as in the expedition they were in.
      return <ExpeditionForm participant={expedition.participant} onClose={onClose} />;
    case 'newVisit':
      return <VisitForm expedition={expedition} onClose={onClose} />;
    case 'editVisit':
      return visit && <VisitForm expedition={expedition} visit={visit} onClose={onClose} />;
    case 'exportJournal':
      return visits ? <ExportJournalDialog expedition={expedition} visits={visits} onClose={onClose} /> : null;
    case 'share':
      return <ShareDialog expedition={expedition} onClose={onClose} />;
    case 'join':
      return <JoinDialog onClose={onClose} />;
    case 'trash':
      return <TrashDialog expedition={expedition} onClose={onClose} />;
    case 'settings':
      return <SettingsDialog expeditionId={expedition.id} onClose={onClose} />;
    case 'newLesson':
      return (
        <LessonForm
          expeditionId={expedition.id}
          count={lessons.length}
          onClose={(created) => {
            onClose();
            if (created) onLessonCreated(created.id);
          }}
        />
      );
    default:
      return null;
  }
}
