// What the workspace shows: the view (a visit's notes, a lesson, the matrix, the tags, the
// group overview), the visit and the note chosen. The visit and the note are kept in
// settings, so that a reload comes back to them; a note chosen a moment ago shows at once,
// its setting follows.
import { useCallback, useEffect, useState } from 'react';
import type { NoteSummary, Visit } from '../../../shared/model';
import { visitHappeningNow, visitInProgress } from '../../../shared/visits';
import { db } from '../../db/AppDB';
import { writeSetting, type Settings } from '../../db/settings';

/** What the middle and right panes show: a visit's notes (the default), a lesson, the
 *  visits × lessons matrix, the tag manager or the organiser's overview of the group. */
export type View = { kind: 'visits' } | { kind: 'lesson'; lessonId: string } | { kind: 'matrix' } | { kind: 'tags' } | { kind: 'overview' };

/** How often "the visit happening now" (and which visits have begun) is looked at again. */
const NOW_REFRESH_MS = 30_000;

export function useNow(): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), NOW_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export interface Selection {
  view: View;
  setView: (view: View) => void;
  /** The visit on screen: the one chosen, else the one happening now. */
  visit: Visit | null;
  /** The visit marked "in progress" (only when one is). */
  inProgressId: string | null;
  currentNoteId: string | null;
  /** The summary of the note last clicked in a list: its pane draws it at once. */
  listedNote: NoteSummary | null;
  selectVisit: (visitId: string) => void;
  /** A note from the list on screen. */
  selectNote: (listed: NoteSummary) => void;
  /** A note from anywhere (search, a lesson, the matrix, a new note): its visit is shown
   *  with it; resolves once both are remembered. */
  openNote: (noteId: string, visitId: string) => Promise<void>;
}

export function useSelection(settings: Settings, visits: Visit[] | undefined, timeZone: string): Selection {
  const now = useNow();
  const [view, setView] = useState<View>({ kind: 'visits' });
  const nowVisit = visits ? visitHappeningNow(visits, now, timeZone) : null;
  const inProgressId = visits ? (visitInProgress(visits, now, timeZone)?.id ?? null) : null;
  const visit = visits?.find((candidate) => candidate.id === settings.currentVisitId) ?? nowVisit ?? null;
  const [chosenNoteId, setChosenNoteId] = useState<string | null>(null);
  const currentNoteId = chosenNoteId ?? settings.currentNoteId;
  useEffect(() => {
    if (chosenNoteId === settings.currentNoteId) setChosenNoteId(null);
  }, [chosenNoteId, settings.currentNoteId]);
  const [listedNote, setListedNote] = useState<NoteSummary | null>(null);

  const selectVisit = useCallback((id: string): void => {
    setView({ kind: 'visits' });
    void writeSetting(db(), 'currentVisitId', id);
  }, []);
  const selectNote = useCallback((listed: NoteSummary): void => {
    setListedNote(listed);
    setChosenNoteId(listed.id);
    void writeSetting(db(), 'currentNoteId', listed.id);
  }, []);
  const openNote = useCallback(async (noteId: string, noteVisitId: string): Promise<void> => {
    setView({ kind: 'visits' });
    setChosenNoteId(noteId);
    try {
      await writeSetting(db(), 'currentVisitId', noteVisitId);
      await writeSetting(db(), 'currentNoteId', noteId);
    } catch (error) {
      // Only remembering the choice failed: the note is shown all the same.
      console.error('[carnet] the note chosen could not be remembered', error);
    }
  }, []);

  return { view, setView, visit, inProgressId, currentNoteId, listedNote, selectVisit, selectNote, openNote };
}
