// The workspace's commands that come from anywhere: quick capture (Ctrl/Cmd+Shift+N, the
// menu's New note, the New note button), the search (Ctrl/Cmd+K) and the menu's items.
// Both shortcuts are heard from the first frame the workspace is drawn.
import { useCallback, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { flushSync } from 'react-dom';
import type { MenuCommand } from '../../../shared/ipc';
import type { Expedition, Visit } from '../../../shared/model';
import { zonedDate, zonedToEpoch } from '../../../shared/time';
import { visitHappeningNow } from '../../../shared/visits';
import { db } from '../../db/AppDB';
import { createNote } from '../../db/notes';
import { createVisit, listVisits } from '../../db/visits';
import { nextHoldTaken, startTypeAhead } from '../../editor/typeAhead';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { carnet } from '../../platform';
import type { OpenDialog } from './WorkspaceDialogs';
import type { Selection } from './useSelection';

/** How long a quick capture waits for its note to open before the next one may start. */
const CAPTURE_WAIT_MS = 5_000;

interface Context {
  expedition: Expedition;
  visits: Visit[] | undefined;
  selection: Selection;
  dialog: OpenDialog;
  setDialog: (dialog: OpenDialog) => void;
  /** A file dropped on the window is being imported: its dialog is open. */
  importing: boolean;
}

export interface Commands {
  /** A new note on the visit given (null: the visit happening now), cursor ready. */
  captureOn: (visitId: string | null) => void;
  /** The note a capture opened, to be typed in at once. */
  focusNoteId: string | null;
  /** Ctrl/Cmd+K was pressed: the search box is to take the focus. */
  searchWanted: boolean;
  searchFocused: () => void;
}

export function useCommands({ expedition, visits, selection, dialog, setDialog, importing }: Context): Commands {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const [focusNoteId, setFocusNoteId] = useState<string | null>(null);
  const { openNote, setView } = selection;

  // A capture with no visit to put its note on (an expedition just created) must not ask
  // for one first: a visit for today is made, titled by the day, to be renamed or moved
  // later; everything typed goes into the note.
  const visitForToday = useCallback(async (): Promise<string> => {
    const today = zonedDate(Date.now(), expedition.timeZone);
    const visit = await createVisit(db(), expedition.id, {
      title: t('visits.forCapture', { date: formatDateTime(Date.now(), locale, expedition.timeZone, { dateStyle: 'long', timeStyle: undefined }) }),
      organisation: '',
      allDay: true,
      start: zonedToEpoch(today, '00:00', expedition.timeZone),
      end: null,
      date: today,
      endDate: null,
      location: '',
      speakers: [],
      description: '',
    });
    return visit.id;
  }, [expedition.id, expedition.timeZone, locale, t]);

  const newNoteOn = useCallback(
    async (target: string | null): Promise<void> => {
      const visitId = target ?? (await visitForToday());
      const created = await createNote(db(), { expeditionId: expedition.id, visitId, author: expedition.participant });
      setFocusNoteId(created.id);
      await openNote(created.id, visitId);
    },
    [expedition.id, expedition.participant, openNote, visitForToday],
  );

  // What is typed and pasted while a note is created is held (typeAhead.ts). Captures open
  // one after the other: the next note is created once the previous one has taken what
  // was typed for it (or after a few seconds, should it never open).
  const captures = useRef(Promise.resolve());
  const captureOn = useCallback(
    (target: string | null): void => {
      // The trash and the settings close (nothing is lost); behind any other dialog (a
      // form being filled, an import) the shortcut waits: the keys stay in the dialog.
      if ((dialog !== null && dialog !== 'trash' && dialog !== 'settings') || importing) return;
      // Closed now, not at the next render: a modal dialog would keep the focus from the
      // field that holds the keys.
      if (dialog !== null) flushSync(() => setDialog(null));
      startTypeAhead();
      captures.current = captures.current
        .then(async () => {
          const taken = nextHoldTaken();
          // Right after start the visits may not be read yet: they are read here then,
          // rather than taken for none (which asked for a new visit and lost the words).
          const known = visits ?? (await listVisits(db(), expedition.id));
          await newNoteOn(target ?? visitHappeningNow(known, Date.now(), expedition.timeZone)?.id ?? null);
          await Promise.race([taken, new Promise((resume) => setTimeout(resume, CAPTURE_WAIT_MS))]);
        })
        // A capture that failed (the database refused the note) does not stop the next.
        .catch((error: unknown) => console.error('[carnet] quick capture failed', error));
    },
    [dialog, importing, setDialog, visits, expedition.id, expedition.timeZone, newNoteOn],
  );

  // The search is in the visits' pane: back there, its box takes the focus; the trash and
  // the settings, which change nothing by closing, are closed.
  const [searchWanted, setSearchWanted] = useState(false);
  const searchFocused = useCallback(() => setSearchWanted(false), []);
  const openSearch = useCallback(() => {
    setView({ kind: 'visits' });
    if (dialog === 'trash' || dialog === 'settings') setDialog(null);
    setSearchWanted(true);
  }, [dialog, setDialog, setView]);

  // A layout effect runs before the workspace is painted: a participant launches Carnet
  // and captures at once.
  useLayoutEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      const command = event.ctrlKey || event.metaKey;
      if (command && event.shiftKey && !event.altKey && event.key.toLowerCase() === 'n') {
        event.preventDefault();
        captureOn(null);
      } else if (command && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        openSearch();
      }
    };
    const onMenu = (command: MenuCommand): void => {
      if (command === 'newNote') captureOn(null);
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
  }, [captureOn, openSearch, setDialog]);

  return { captureOn, focusNoteId, searchWanted, searchFocused };
}
