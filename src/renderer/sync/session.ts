// One shared expedition, live (docs/sharing.md): its documents loaded from the notebook
// first (offline is the normal case), then kept in step with the server over one socket;
// what they hold written into the notebook's tables (readModel.ts), and what is written
// in the tables that is this participant's (or, for the organiser, the structure's) sent
// to the documents. Both directions write only differences, so nothing echoes.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import { docToNoteState, isNoteDocEmpty, noteStateToDoc } from '../../shared/editor/noteBodyDoc';
import { listParticipants } from '../../shared/sync/access';
import { documentName, type Role, type SyncDocument } from '../../shared/sync/documents';
import type { AppDB } from '../db/AppDB';
import { withStates } from '../db/notes';
import { openLocalDoc, type LocalDoc } from './localDocs';
import { applyNoteBody, applyNotesMeta, applyStructure, removeFromStructure } from './readModel';
import { observeStructureRemovals, readNotesMeta, readParticipants, readStructure, writeNotesMeta, writeParticipants, writeStructure } from './records';

export interface ShareConfig {
  /** The sync server, `ws://…` or `wss://…`. */
  url: string;
  expeditionId: string;
  participantId: string;
  role: Role;
  token: string;
  /** This participant's name: the author of their notes. */
  name: string;
}

export interface SyncState {
  /** `offline`: no server reachable, edits wait; `refused`: the server said no (`reason`). */
  connection: 'connecting' | 'online' | 'offline' | 'refused';
  /** Documents with changes the server has not acknowledged yet. */
  waiting: number;
  reason?: string;
}

interface OpenDoc {
  local: LocalDoc;
  provider: HocuspocusProvider;
  /** Resolves after the first exchange with the server (never while offline). */
  synced: Promise<void>;
}

/** How long a note's body waits for more changes before it is read into the notebook. */
const BODY_SETTLE_MS = 300;

export class SyncSession {
  state: SyncState = { connection: 'connecting', waiting: 0 };
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly docs = new Map<string, OpenDoc>();
  private readonly listeners = new Set<(state: SyncState) => void>();
  /** Notes read from another participant's document: never sent from this notebook. */
  private readonly foreignNotes = new Set<string>();
  private readonly bodyTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private stopped = false;

  constructor(
    private readonly database: AppDB,
    readonly config: ShareConfig,
    options: { WebSocketPolyfill?: unknown } = {},
  ) {
    this.socket = new HocuspocusProviderWebsocket({
      url: config.url,
      ...(options.WebSocketPolyfill ? { WebSocketPolyfill: options.WebSocketPolyfill as typeof WebSocket } : {}),
      onStatus: ({ status }) => this.setState({ connection: status === 'connected' ? 'online' : status === 'connecting' ? 'connecting' : 'offline' }),
    });
  }

  subscribe(listener: (state: SyncState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Opens the expedition's documents and starts following them both ways. */
  async start(): Promise<void> {
    const { expeditionId: expedition, participantId: me } = this.config;
    const structure = await this.open({ kind: 'structure', expedition });
    if (this.config.role === 'organiser') {
      // Everyone sees who takes part: the organiser lists the access document's names.
      const access = await this.open({ kind: 'access', expedition });
      const list = (): void =>
        writeParticipants(
          structure.local.doc,
          listParticipants(access.local.doc).map(({ id, name }) => ({ id, name })),
        );
      access.local.doc.on('update', list);
      list();
    }
    // Seeded once, by the organiser: the structure document starts from their notebook.
    if (this.config.role === 'organiser' && readStructure(structure.local.doc).expedition === null) await this.sendStructure();
    const follow = (): void =>
      void applyStructure(this.database, expedition, readStructure(structure.local.doc), this.config.name).then(() => this.followParticipants(structure));
    structure.local.doc.on('update', follow);
    observeStructureRemovals(structure.local.doc, (removed) => void removeFromStructure(this.database, removed));
    follow();
    await this.openParticipant(me);
    Dexie.on('storagemutated', this.onLocalWrite);
    // What this notebook holds that the documents do not yet: sent once (seeded), now.
    await this.sendLocal(null);
  }

  stop(): void {
    this.stopped = true;
    Dexie.on('storagemutated').unsubscribe(this.onLocalWrite);
    for (const timer of this.bodyTimers.values()) clearTimeout(timer);
    for (const { provider, local } of this.docs.values()) {
      provider.destroy();
      local.release();
    }
    this.docs.clear();
    this.socket.destroy();
    this.listeners.clear();
  }

  private setState(change: Partial<SyncState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener(this.state);
  }

  private countWaiting(): void {
    let waiting = 0;
    for (const { provider } of this.docs.values()) if (provider.unsyncedChanges > 0) waiting++;
    if (waiting !== this.state.waiting) this.setState({ waiting });
  }

  /** A document: loaded from the notebook, then given to the server's provider. */
  private async open(target: SyncDocument): Promise<OpenDoc> {
    const name = documentName(target);
    const known = this.docs.get(name);
    if (known) return known;
    const local = await openLocalDoc(this.database, name);
    let markSynced: () => void = () => undefined;
    const synced = new Promise<void>((resolve) => (markSynced = resolve));
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      token: this.config.token,
      document: local.doc,
      onSynced: () => markSynced(),
      onUnsyncedChanges: () => this.countWaiting(),
      onAuthenticationFailed: ({ reason }) => this.setState({ connection: 'refused', reason }),
    });
    provider.attach();
    const open: OpenDoc = { local, provider, synced };
    this.docs.set(name, open);
    return open;
  }

  /** Every participant the structure lists: their notes followed. */
  private followParticipants(structure: OpenDoc): void {
    for (const { id } of readParticipants(structure.local.doc)) void this.openParticipant(id);
  }

  private async openParticipant(participant: string): Promise<void> {
    const name = documentName({ kind: 'participant', expedition: this.config.expeditionId, participant });
    if (this.docs.has(name)) return;
    const open = await this.open({ kind: 'participant', expedition: this.config.expeditionId, participant });
    const mine = participant === this.config.participantId;
    const follow = async (): Promise<void> => {
      const metas = readNotesMeta(open.local.doc).filter((meta) => meta.expeditionId === this.config.expeditionId);
      if (!mine) for (const meta of metas) this.foreignNotes.add(meta.id);
      await applyNotesMeta(this.database, metas);
      for (const meta of metas) void this.openBody(participant, meta.id);
    };
    open.local.doc.on('update', () => void follow());
    await follow();
  }

  /** A note's body: read into the notebook whenever it changes (a moment after). */
  private async openBody(participant: string, noteId: string): Promise<OpenDoc> {
    const open = await this.open({ kind: 'note', expedition: this.config.expeditionId, participant, id: noteId });
    const read = (): void => {
      clearTimeout(this.bodyTimers.get(noteId));
      this.bodyTimers.set(
        noteId,
        setTimeout(() => {
          this.bodyTimers.delete(noteId);
          if (!this.stopped && !isNoteDocEmpty(open.local.doc)) void applyNoteBody(this.database, noteId, docToNoteState(open.local.doc));
        }, BODY_SETTLE_MS),
      );
    };
    open.local.doc.on('update', read);
    read();
    return open;
  }

  /** The notebook's tables were written: what is this participant's goes to the documents. */
  private readonly onLocalWrite = (parts: ObservabilitySet): void => {
    if (this.stopped) return;
    const notes = parts[`idb://${this.database.name}/notes/`];
    const structureChanged = ['expeditions', 'visits', 'lessons'].some((table) => parts[`idb://${this.database.name}/${table}/`]);
    if (!notes && !structureChanged) return;
    const ids = new Set<string>();
    let everything = false;
    if (notes) {
      for (const node of RangeSet(notes)) {
        if (node.from === node.to && typeof node.from === 'string') ids.add(node.from);
        else everything = true;
      }
    }
    void this.sendLocal(everything ? null : ids, structureChanged);
  };

  /** Sends this participant's notes (those of `ids`, or all with null) and, for the
   *  organiser, the structure; a note's body is sent once, when its document is empty. */
  /** The organiser's expedition, visits and lessons into the structure (differences). */
  private async sendStructure(): Promise<void> {
    const { expeditionId } = this.config;
    const structure = this.docs.get(documentName({ kind: 'structure', expedition: expeditionId }));
    const expedition = await this.database.expeditions.get(expeditionId);
    if (!structure || !expedition) return;
    const [visits, lessons] = await Promise.all([
      this.database.visits.where('expeditionId').equals(expeditionId).toArray(),
      this.database.lessons.where('expeditionId').equals(expeditionId).toArray(),
    ]);
    writeStructure(structure.local.doc, expedition, visits, lessons);
  }

  private async sendLocal(ids: Set<string> | null, structureChanged = false): Promise<void> {
    const { expeditionId, participantId, role } = this.config;
    if (role === 'organiser' && structureChanged) await this.sendStructure();
    const own = this.docs.get(documentName({ kind: 'participant', expedition: expeditionId, participant: participantId }));
    if (!own) return;
    const notes = (ids ? await this.database.notes.bulkGet([...ids]) : await this.database.notes.where('expeditionId').equals(expeditionId).toArray()).filter(
      (note) => note !== undefined && note.expeditionId === expeditionId && !this.foreignNotes.has(note.id),
    );
    writeNotesMeta(own.local.doc, notes as NonNullable<(typeof notes)[number]>[]);
    for (const note of await withStates(this.database, notes as NonNullable<(typeof notes)[number]>[])) {
      const body = await this.openBody(participantId, note.id);
      // Seeded into an empty document, or changed where the notebook's state differs (an
      // edit made outside the editor: a tag renamed, a lesson unlinked). A state written
      // from the document reads back identical, so nothing echoes.
      if (note.state && (isNoteDocEmpty(body.local.doc) || docToNoteState(body.local.doc) !== note.state)) noteStateToDoc(note.state, body.local.doc);
    }
  }
}
