// The workspace's dialogs, one at a time: the expedition's and a visit's forms, a new
// lesson, the journal, import (chosen, or a file dropped on the window), trash, settings.
import type { JSX } from 'react';
import type { PlannedImport } from '../../../shared/ipc';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import { ExpeditionForm } from '../expedition/ExpeditionForm';
import { ImportDialog } from '../import/ImportDialog';
import { ExportJournalDialog } from '../journal/ExportJournalDialog';
import { LessonForm } from '../lessons/LessonForm';
import { SettingsDialog } from '../settings/SettingsDialog';
import { TrashDialog } from '../trash/TrashDialog';
import { VisitForm } from '../visits/VisitForm';

export type OpenDialog = 'exportJournal' | 'editExpedition' | 'newExpedition' | 'newVisit' | 'editVisit' | 'newLesson' | 'trash' | 'settings' | 'import' | null;

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

export function WorkspaceDialogs({ dialog, dropped, expedition, visits, lessons, visit, onClose, onLessonCreated }: Props): JSX.Element | null {
  if ((dialog === 'import' || dropped) && visits) {
    return <ImportDialog expedition={expedition} visits={visits} lessons={lessons} dropped={dropped ?? undefined} onClose={onClose} />;
  }
  switch (dialog) {
    case 'editExpedition':
      return <ExpeditionForm expedition={expedition} onClose={onClose} />;
    case 'newExpedition':
      return <ExpeditionForm onClose={onClose} />;
    case 'newVisit':
      return <VisitForm expedition={expedition} onClose={onClose} />;
    case 'editVisit':
      return visit && <VisitForm expedition={expedition} visit={visit} onClose={onClose} />;
    case 'exportJournal':
      return visits ? <ExportJournalDialog expedition={expedition} visits={visits} onClose={onClose} /> : null;
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
