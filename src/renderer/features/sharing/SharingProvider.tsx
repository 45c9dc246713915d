// The shared expedition this notebook takes part in, if any: its sync session runs while
// the app is open (whatever expedition is on screen), and every part of the workspace
// reads its state, its members and whose a note is from here.
import { useLiveQuery } from 'dexie-react-hooks';
import { createContext, useContext, useEffect, useMemo, useState, type JSX, type ReactNode } from 'react';
import type { NoteSummary } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { PhotoOriginalsContext } from '../../editor/PhotoOriginalsContext';
import type { Settings } from '../../db/settings';
import { SyncSession, type SyncState } from '../../sync/session';
import { writtenBy, type SharedParticipant } from '../../sync/records';

export type ShareSetting = NonNullable<Settings['share']>;

export interface Sharing {
  share: ShareSetting | null;
  session: SyncSession | null;
  state: SyncState | null;
  /** The participants by name, as the organiser lists them. */
  members: SharedParticipant[];
  /** Whose notes the lists, the search, the lesson pages and the matrix show. */
  whose: WhoseNotes;
  setWhose: (whose: WhoseNotes) => void;
  /** Whether a note is among those shown. */
  shows: (note: Pick<NoteSummary, 'authorId' | 'expeditionId'>) => boolean;
}

const SharingContext = createContext<Sharing>({
  share: null,
  session: null,
  state: null,
  members: [],
  whose: null,
  setWhose: () => undefined,
  shows: () => true,
});

export function SharingProvider({ share, children }: { share: ShareSetting | null; children: ReactNode }): JSX.Element {
  const [whose, setWhose] = useState<WhoseNotes>(null);
  const [running, setRunning] = useState<{ session: SyncSession; state: SyncState; members: SharedParticipant[] } | null>(null);
  // A new session only when what it connects with changes (not when an invitation is kept).
  const connection = share && {
    url: share.url,
    expeditionId: share.expeditionId,
    participantId: share.participantId,
    role: share.role,
    token: share.token,
    name: share.name,
  };
  const key = JSON.stringify(connection);
  useEffect(() => {
    if (!connection) return;
    const session = new SyncSession(db(), connection);
    setRunning({ session, state: session.state, members: [] });
    const stopState = session.subscribe((state) => setRunning((current) => current && { ...current, state }));
    const stopMembers = session.watchMembers((members) => setRunning((current) => current && { ...current, members }));
    session.start().catch((error: unknown) => console.error('[carnet] sync could not start', error));
    const pause = (): void => session.pause();
    const resume = (): void => session.resume();
    window.addEventListener('offline', pause);
    window.addEventListener('online', resume);
    return () => {
      window.removeEventListener('offline', pause);
      window.removeEventListener('online', resume);
      stopState();
      stopMembers();
      session.stop();
      setRunning(null);
    };
    // `key` says everything `connection` holds.
  }, [key]);
  const shows = useMemo(() => shownFor(whose, share), [whose, share?.participantId]);
  const value: Sharing = { share, session: running?.session ?? null, state: running?.state ?? null, members: running?.members ?? [], whose, setWhose, shows };
  const originals = useMemo(() => running && { session: running.session, members: running.members }, [running?.session, running?.members]);
  return (
    <SharingContext.Provider value={value}>
      <PhotoOriginalsContext.Provider value={originals}>{children}</PhotoOriginalsContext.Provider>
    </SharingContext.Provider>
  );
}

export function useSharing(): Sharing {
  return useContext(SharingContext);
}

/** The title of the expedition this notebook shares, to name it (its id until it is read). */
export function useSharedTitle(): string {
  const { share } = useSharing();
  const expedition = useLiveQuery(async () => (share ? await db().expeditions.get(share.expeditionId) : undefined), [share?.expeditionId]);
  return expedition?.title ?? share?.expeditionId ?? '';
}

/** Whether this notebook may change the expedition, its visits and lessons: in a shared
 *  expedition only the organiser may (the server refuses anyone else's change). */
export function useCanEditStructure(expeditionId: string): boolean {
  const { share } = useSharing();
  return !share || share.expeditionId !== expeditionId || share.role === 'organiser';
}

/** Whether this notebook organises the expedition, shared: the group overview is theirs. */
export function useOrganises(expeditionId: string): boolean {
  const { share } = useSharing();
  return share?.expeditionId === expeditionId && share.role === 'organiser';
}

/** Whether this notebook may edit the note: its own, or any note outside the shared
 *  expedition (one no longer synced included). */
export function isMine(note: Pick<NoteSummary, 'authorId' | 'expeditionId'>, share: ShareSetting | null): boolean {
  return !share || note.expeditionId !== share.expeditionId || writtenBy(note, share.participantId);
}

/** Whose notes are shown: everyone's (null), this notebook's, or one participant's. */
export type WhoseNotes = null | { mine: true } | { participantId: string };

/** The same choice as the search's filter: authors' ids, '' for notes written before sharing. */
export function authorIdsFor(whose: WhoseNotes, share: ShareSetting | null): string[] | null {
  if (whose === null) return null;
  return 'mine' in whose ? ['', share?.participantId ?? ''] : [whose.participantId];
}

export function shownFor(whose: WhoseNotes, share: ShareSetting | null): (note: Pick<NoteSummary, 'authorId' | 'expeditionId'>) => boolean {
  if (whose === null) return () => true;
  if ('mine' in whose) return (note) => isMine(note, share);
  return (note) => note.authorId === whose.participantId;
}
