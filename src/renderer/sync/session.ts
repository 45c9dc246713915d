// One shared expedition, live (docs/sharing.md): its documents loaded from the notebook
// first (offline is the normal case), then kept in step with the server over one socket;
// what they hold written into the notebook's tables (readModel.ts), and what is written
// in the tables that is this participant's (or, for the organiser, the structure's) sent
// to the documents. Both directions write only differences, so nothing echoes.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import type { ProviderAwareness } from '@lexical/yjs';
import Dexie, { RangeSet, type ObservabilitySet } from 'dexie';
import * as Y from 'yjs';
import { docToNoteState, isNoteDocEmpty, noteStateToDoc } from '../../shared/editor/noteBodyDoc';
import { IMAGE_MIME, MAX_ATTACHMENT_BYTES, SNIFF_BYTES, sniffImageKind } from '../../shared/images';
import { addParticipant, hashToken, listParticipants, newToken, revokeParticipant, sha256Hex, type ParticipantEntry } from '../../shared/sync/access';
import type { Invitation } from '../../shared/sync/invitation';
import { documentName, MAX_MESSAGE_BYTES, parseDocumentName, type Role, type SyncDocument } from '../../shared/sync/documents';
import type { Attachment, NoteSummary } from '../../shared/model';
import type { AppDB } from '../db/AppDB';
import { withStates } from '../db/notes';
import { openLocalDoc, type LocalDoc } from './localDocs';
import { applyGroupSynthesis, applyNoteBody, applyNotesMeta, applyStructure, applySyntheses, removeFromStructure } from './readModel';
import {
  observeStructureRemovals,
  originalChunkId,
  ORIGINAL_CHUNK_BYTES,
  readOriginal,
  readOriginalRequests,
  removeOriginalRequest,
  writeOriginal,
  writeOriginalRequest,
  writtenBy,
  type SharedOriginal,
  readPhotoBytes,
  readPhotosMeta,
  readSyntheses,
  writeSyntheses,
  type SharedParticipant,
  type SharedPhotoMeta,
  writePhotoBytes,
  writePhotosMeta,
  readNotesMeta,
  readParticipants,
  readStructure,
  writeNotesMeta,
  writeParticipants,
  writeStructure,
} from './records';

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

/** Where another participant's photo stands with its original, for the photo's view:
 *  `none` when there is nothing to ask for (one's own photo, or no larger original);
 *  `requested` once asked, until the author's notebook, online, shares it; `refused` when
 *  what arrived was not the original announced (nothing was stored). */
export type OriginalState =
  | { status: 'none' }
  | { status: 'available' | 'here' | 'refused'; author: string; size: number }
  | { status: 'requested'; author: string; size: number; authorOnline: boolean }
  | { status: 'downloading'; author: string; size: number; received: number; chunks: number };

interface OpenDoc {
  local: LocalDoc;
  provider: HocuspocusProvider;
  /** Resolves after the first exchange with the server (never while offline). */
  synced: Promise<void>;
}

/** What start() and the following of documents end with once the session is stopped. */
export class SessionStopped extends Error {
  constructor() {
    super('the sync session was stopped');
  }
}

/** How long a note's body waits for more changes before it is read into the notebook. */
const BODY_SETTLE_MS = 300;

export class SyncSession {
  state: SyncState = { connection: 'connecting', waiting: 0 };
  private readonly socket: HocuspocusProviderWebsocket;
  private readonly docs = new Map<string, OpenDoc>();
  private readonly listeners = new Set<(state: SyncState) => void>();
  private readonly memberListeners = new Set<(members: SharedParticipant[]) => void>();
  /** Notes read from another participant's document: never sent from this notebook. */
  private readonly foreignNotes = new Set<string>();
  /** Photos read from another participant's document: never sent from this notebook. */
  private readonly foreignPhotos = new Set<string>();
  /** Others' photos as stored in the notebook, by id → caption: a participant's document
   *  changes at each of their autosaves, and their photos need not be read again each time. */
  private readonly storedPhotos = new Map<string, string>();
  /** Others' photos shared as a display copy: id → their author and the original's size. */
  private readonly originalsUpstream = new Map<string, { author: string; size: number }>();
  /** Originals being received: photo id → chunks received, of how many. */
  private readonly downloads = new Map<string, { received: number; chunks: number }>();
  /** Others' photos whose original this notebook holds. */
  private readonly originalsHere = new Set<string>();
  /** Others' photos whose original, received, was not the one announced (until asked again). */
  private readonly refusedOriginals = new Set<string>();
  /** Own originals being shared now, by photo id. */
  private readonly sharingOriginals = new Set<string>();
  /** Requests and announcements already found wrong, logged once: `request/<requester>/<photo>`,
   *  `announcement/<author>/<photo>`. */
  private readonly loggedOriginals = new Set<string>();
  private readonly originalListeners = new Set<() => void>();
  /** Originals are shared and received one at a time: one original (up to 50 MB) in
   *  memory, and never two users of one chunk document (two photos of the same bytes). */
  private originalsQueue: Promise<unknown> = Promise.resolve();
  /** Notes whose body an editor is bound to: their documents are the editor's to write. */
  private readonly editingLive = new Set<string>();
  /** Documents being opened or open, by name. */
  private readonly opening = new Map<string, Promise<OpenDoc>>();
  /** Documents whose changes are followed into the notebook (firstFollow). */
  private readonly followed = new Set<string>();
  /** Documents read a moment after they change (readWhenSettled): cleared at stop. */
  private readonly settling = new Set<ReturnType<typeof setTimeout> | undefined>();
  private stopped = false;
  /** The access document, once the organiser's session has opened it (never otherwise). */
  private readonly access: Promise<Y.Doc>;
  private accessOpened: (doc: Y.Doc) => void = () => undefined;

  constructor(
    private readonly database: AppDB,
    readonly config: ShareConfig,
    options: { WebSocketPolyfill?: unknown } = {},
  ) {
    this.access = new Promise((resolve) => (this.accessOpened = resolve));
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
      this.accessOpened(access.local.doc);
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
      this.inBackground(
        applyStructure(this.database, expedition, readStructure(structure.local.doc), this.config.name).then(() => {
          this.followParticipants(structure);
          this.followGroupSyntheses(structure);
        }),
      );
    structure.local.doc.on('update', follow);
    structure.local.doc.on('update', this.tellMembers);
    this.tellMembers();
    observeStructureRemovals(structure.local.doc, (removed) => this.inBackground(removeFromStructure(this.database, removed)));
    follow();
    await this.openParticipant(me);
    // Others' documents read before this one could neither answer nor fetch originals.
    for (const [name, open] of this.docs) {
      const target = parseDocumentName(name);
      if (target?.kind === 'participant' && target.participant !== me) this.followOriginals(target.participant, open.local.doc);
    }
    Dexie.on('storagemutated', this.onLocalWrite);
    // What this notebook holds that the documents do not yet: sent once (seeded), now.
    await this.sendLocal(null);
    await this.sendPhotos(true);
  }

  /** The system lost the network: stop waiting for the socket to time out, show offline at
   *  once; edits keep waiting in the notebook. */
  pause(): void {
    this.socket.disconnect();
  }

  /** The network is back: connect, send what waited, receive what was missed. */
  resume(): void {
    this.socket.connect().catch((error: unknown) => console.error('[carnet] sync could not reconnect', error));
  }

  stop(): void {
    this.stopped = true;
    Dexie.on('storagemutated').unsubscribe(this.onLocalWrite);
    for (const timer of this.settling) clearTimeout(timer);
    // The socket first: a provider destroyed while its socket lives walks every other
    // provider's listeners (quadratic in the documents, found by the load run).
    this.socket.destroy();
    for (const { provider, local } of this.docs.values()) {
      provider.destroy();
      local.release();
    }
    this.docs.clear();
    this.opening.clear();
    this.followed.clear();
    this.listeners.clear();
    this.memberListeners.clear();
    this.originalListeners.clear();
  }

  /** Work the session starts without waiting for it: its failure is logged, and a session
   *  stopped meanwhile is not one. */
  private inBackground(work: Promise<unknown>): void {
    work.catch((error: unknown) => {
      if (!(error instanceof SessionStopped)) console.error('[carnet] sync', error);
    });
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

  /** A document: loaded from the notebook, then given to the server's provider; one
   *  provider for it, however many ask at once. One not `stored` lives in memory only: an
   *  original's chunks, whose bytes the attachments table holds on either side (stored,
   *  they would be there twice). */
  private open(target: SyncDocument, stored = true): Promise<OpenDoc> {
    const name = documentName(target);
    const known = this.opening.get(name);
    if (known) return known;
    const opening = this.openNew(target, name, stored);
    this.opening.set(name, opening);
    opening.catch(() => this.opening.delete(name));
    return opening;
  }

  /** Whether this is the first call for this document since it was opened: what follows
   *  its changes is set up once. */
  private firstFollow(target: SyncDocument): boolean {
    const name = documentName(target);
    if (this.followed.has(name)) return false;
    this.followed.add(name);
    return true;
  }

  private async openNew(target: SyncDocument, name: string, stored: boolean): Promise<OpenDoc> {
    const local = stored ? await openLocalDoc(this.database, name) : inMemory();
    if (this.stopped) {
      // Stopped while the notebook was read (the screen changed): nothing is opened.
      local.release();
      throw new SessionStopped();
    }
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
      // Presence on the structure, which stays open (the socket's keep-alive needs one
      // provider with it), and on the group's syntheses, whose editors show each other's
      // cursors; not on the rest: a presence per document (hundreds, for thousands of notes
      // across 30 participants) saturated the server in the load run (bench/README.md).
      ...(target.kind === 'structure' || target.kind === 'group' ? {} : { awareness: null }),
    });
    provider.attach();
    if (target.kind === 'structure') {
      // Who is online, for the photos whose original waits for its author.
      provider.setAwarenessField('participant', this.config.participantId);
      provider.awareness?.on('change', this.tellOriginals);
    }
    const open: OpenDoc = { local, provider, synced };
    this.docs.set(name, open);
    return open;
  }

  /** This participant's document (their notes, photos and syntheses), once opened. */
  private own(): OpenDoc | undefined {
    return this.docs.get(documentName({ kind: 'participant', expedition: this.config.expeditionId, participant: this.config.participantId }));
  }

  private structure(): OpenDoc | undefined {
    return this.docs.get(documentName({ kind: 'structure', expedition: this.config.expeditionId }));
  }

  /** Whether the note is this participant's to send: never another's, known from their
   *  document or from the author the notebook keeps (at start, before the others'
   *  documents are read again). */
  private isOwn(note: NoteSummary): boolean {
    return note.expeditionId === this.config.expeditionId && !this.foreignNotes.has(note.id) && writtenBy(note, this.config.participantId);
  }

  /** The expedition's participants by name, as the organiser lists them in the structure,
   *  now (once it is read) and after each change. */
  watchMembers(listener: (members: SharedParticipant[]) => void): () => void {
    this.memberListeners.add(listener);
    const structure = this.structure();
    if (structure) listener(readParticipants(structure.local.doc));
    return () => this.memberListeners.delete(listener);
  }

  private readonly tellMembers = (): void => {
    const structure = this.structure();
    if (!structure) return;
    const members = readParticipants(structure.local.doc);
    for (const listener of this.memberListeners) listener(members);
  };

  private requireOrganiser(): void {
    if (this.config.role !== 'organiser') throw new Error('only the organiser holds the access document');
  }

  /** Who takes part, as the access document says, once it is read and after each change
   *  (the organiser's alone). */
  watchParticipants(listener: (participants: ParticipantEntry[]) => void): () => void {
    let doc: Y.Doc | null = null;
    let stopped = false;
    const tell = (): void => {
      if (doc) listener(listParticipants(doc));
    };
    void this.access.then((access) => {
      if (stopped) return;
      doc = access;
      access.on('update', tell);
      tell();
    });
    return () => {
      stopped = true;
      doc?.off('update', tell);
    };
  }

  /** A new participant, admitted with a token of their own: their invitation (organiser). */
  async invite(name: string): Promise<Invitation> {
    this.requireOrganiser();
    const token = newToken();
    const participant = `p-${newToken().slice(0, 12)}`;
    addParticipant(await this.access, { id: participant, name, role: 'participant', tokenHash: await hashToken(token) });
    return { server: this.config.url, expedition: this.config.expeditionId, participant, name, token };
  }

  /** The server refuses this participant's token from now on (organiser). */
  revoke(participant: string): void {
    this.requireOrganiser();
    void this.access.then((access) => revokeParticipant(access, participant));
  }

  /** Every participant the structure lists: their notes followed. */
  private followParticipants(structure: OpenDoc): void {
    for (const { id } of readParticipants(structure.local.doc)) this.inBackground(this.openParticipant(id));
  }

  private async openParticipant(participant: string): Promise<void> {
    const target: SyncDocument = { kind: 'participant', expedition: this.config.expeditionId, participant };
    const open = await this.open(target);
    if (!this.firstFollow(target)) return;
    const mine = participant === this.config.participantId;
    const follow = async (): Promise<void> => {
      // The author is the document's owner, whom the server checked: not what a record says.
      const metas = readNotesMeta(open.local.doc)
        .filter((meta) => meta.expeditionId === this.config.expeditionId)
        .map((meta) => ({ ...meta, authorId: participant }));
      if (!mine) for (const meta of metas) this.foreignNotes.add(meta.id);
      await applyNotesMeta(this.database, metas, { mine });
      for (const meta of metas) this.inBackground(this.openBody(participant, meta.id));
      if (mine) {
        this.tellOriginals();
        return;
      }
      await applySyntheses(this.database, this.config.expeditionId, participant, readSyntheses(open.local.doc));
      for (const photo of readPhotosMeta(open.local.doc)) {
        if (photo.expeditionId !== this.config.expeditionId) continue;
        if (photo.displayCopy && !this.originalsUpstream.has(photo.id)) {
          this.originalsUpstream.set(photo.id, { author: participant, size: photo.size });
          this.tellOriginals();
        }
        this.inBackground(this.receivePhoto(participant, photo));
      }
      this.followOriginals(participant, open.local.doc);
    };
    open.local.doc.on('update', () => this.inBackground(follow()));
    await follow();
  }

  /** A note's body: read into the notebook whenever it changes (a moment after). */
  private async openBody(participant: string, noteId: string): Promise<OpenDoc> {
    const target: SyncDocument = { kind: 'note', expedition: this.config.expeditionId, participant, id: noteId };
    const open = await this.open(target);
    if (!this.firstFollow(target)) return open;
    this.readWhenSettled(open, () => {
      // A note being edited live is saved by its editor's autosave.
      if (!this.editingLive.has(noteId)) this.inBackground(applyNoteBody(this.database, noteId, docToNoteState(open.local.doc)));
    });
    return open;
  }

  /** Calls `read` a moment after each change of a rich-text document (not at each of
   *  someone's keystrokes), and once now, while it holds something. */
  private readWhenSettled(open: OpenDoc, read: () => void): void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const settle = (): void => {
      clearTimeout(timer);
      this.settling.delete(timer);
      timer = setTimeout(() => {
        this.settling.delete(timer);
        if (!this.stopped && !isNoteDocEmpty(open.local.doc)) read();
      }, BODY_SETTLE_MS);
      this.settling.add(timer);
    };
    open.local.doc.on('update', settle);
    settle();
  }

  /** The group's synthesis of each lesson the structure lists: followed from the start
   *  (offline, one's own edits are kept in the notebook too), read into the notebook. */
  private followGroupSyntheses(structure: OpenDoc): void {
    for (const { id } of readStructure(structure.local.doc).lessons) this.inBackground(this.openGroupSynthesis(id));
  }

  private async openGroupSynthesis(lessonId: string): Promise<OpenDoc> {
    const { expeditionId } = this.config;
    const target: SyncDocument = { kind: 'group', expedition: expeditionId, id: lessonId };
    const open = await this.open(target);
    if (this.firstFollow(target))
      this.readWhenSettled(open, () => this.inBackground(applyGroupSynthesis(this.database, expeditionId, lessonId, docToNoteState(open.local.doc))));
    return open;
  }

  /** The group's synthesis of a lesson, for an editor to edit live with the others: its
   *  document and the presence (who is there, where their cursor is) that goes with it. */
  async groupSynthesis(lessonId: string): Promise<{ doc: Y.Doc; awareness: ProviderAwareness }> {
    const open = await this.openGroupSynthesis(lessonId);
    const { awareness } = open.provider;
    if (!awareness) throw new Error('a group synthesis is opened with presence');
    return { doc: open.local.doc, awareness: awareness as unknown as ProviderAwareness };
  }

  /** The notebook's tables were written: what is this participant's goes to the documents. */
  private readonly onLocalWrite = (parts: ObservabilitySet): void => {
    if (this.stopped) return;
    const notes = parts[`idb://${this.database.name}/notes/`];
    const structureChanged = ['expeditions', 'visits', 'lessons'].some((table) => parts[`idb://${this.database.name}/${table}/`]);
    if (parts[`idb://${this.database.name}/attachments/`]) this.inBackground(this.sendPhotos());
    if (!notes && !structureChanged) return;
    const ids = new Set<string>();
    let everything = false;
    if (notes) {
      for (const node of RangeSet(notes)) {
        if (node.from === node.to && typeof node.from === 'string') ids.add(node.from);
        else everything = true;
      }
    }
    this.inBackground(this.sendLocal(everything ? null : ids, structureChanged));
  };

  /** The body document of one of this participant's notes, loaded, for the editor to edit
   *  live; until `release`, the session leaves that body to the editor (autosave's copy in
   *  the notebook may lag a few keystrokes behind the document). */
  async editLive(noteId: string): Promise<{ doc: Y.Doc; release: () => void }> {
    this.editingLive.add(noteId);
    const open = await this.openBody(this.config.participantId, noteId);
    return { doc: open.local.doc, release: () => this.editingLive.delete(noteId) };
  }

  /** Another participant's photo: its record, then its bytes once they arrive (a photo
   *  never changes, only its caption). */
  private async receivePhoto(participant: string, photo: SharedPhotoMeta): Promise<void> {
    this.foreignPhotos.add(photo.id);
    if (this.storedPhotos.get(photo.id) === photo.caption) return;
    const { sha256, displayCopy: _displayCopy, ...record } = photo;
    const known = await this.database.attachments.get(photo.id);
    if (known?.display) {
      this.originalsHere.add(photo.id);
      this.tellOriginals();
    }
    if (known) {
      if (known.caption !== photo.caption) await this.database.attachments.update(photo.id, { caption: photo.caption });
      this.storedPhotos.set(photo.id, photo.caption);
      return;
    }
    const target: SyncDocument = { kind: 'photo', expedition: this.config.expeditionId, participant, id: sha256 };
    if (this.opening.has(documentName(target))) return; // already waiting for its bytes
    const open = await this.open(target);
    const keep = async (): Promise<void> => {
      const bytes = readPhotoBytes(open.local.doc);
      if (!bytes || (await this.database.attachments.get(photo.id))) return;
      await this.database.attachments.put({ ...record, size: bytes.length, blob: new Blob([new Uint8Array(bytes)], { type: photo.mime }), display: null });
      this.storedPhotos.set(photo.id, photo.caption);
      this.close(target);
    };
    open.local.doc.on('update', () => this.inBackground(keep()));
    await keep();
  }

  /** This participant's photos to their documents: each one's bytes (its display copy)
   *  once, in a document named by their hash, then its record. `all`: at start, every
   *  photo's document is opened until the server has it (it may have been written
   *  offline), then closed. */
  private async sendPhotos(all = false): Promise<void> {
    const { expeditionId, participantId } = this.config;
    const own = this.own();
    if (!own) return;
    const shared = new Map(readPhotosMeta(own.local.doc).map((photo) => [photo.id, photo]));
    // A photo is this participant's when its note is.
    const myNotes = new Set(
      await this.database.notes
        .where('expeditionId')
        .equals(expeditionId)
        .filter((note) => this.isOwn(note))
        .primaryKeys(),
    );
    const photos: { meta: Omit<Attachment, 'blob' | 'display'>; sha256: string | null; source: Blob; displayCopy: boolean }[] = [];
    await this.database.attachments
      .where('expeditionId')
      .equals(expeditionId)
      .each(({ blob, display, ...meta }) => {
        if (!this.foreignPhotos.has(meta.id) && myNotes.has(meta.noteId))
          photos.push({ meta, sha256: shared.get(meta.id)?.sha256 ?? null, source: display ?? blob, displayCopy: display !== null });
      });
    const metas: SharedPhotoMeta[] = [];
    for (const photo of photos) {
      let sha256 = photo.sha256;
      if (sha256 === null) {
        const bytes = new Uint8Array(await photo.source.arrayBuffer());
        if (bytes.length > MAX_PHOTO_BYTES) {
          console.warn(`[carnet] sync: photo ${photo.meta.id} is too large to share (${bytes.length} bytes)`);
          continue;
        }
        sha256 = await sha256Hex(bytes);
        const target: SyncDocument = { kind: 'photo', expedition: expeditionId, participant: participantId, id: sha256 };
        // Bytes first: a record is never shared before the photo it describes.
        writePhotoBytes((await this.open(target)).local.doc, bytes);
        this.closeOnceSaved(target);
      } else if (all) {
        this.closeOnceSaved({ kind: 'photo', expedition: expeditionId, participant: participantId, id: sha256 });
      }
      metas.push({ ...photo.meta, sha256, displayCopy: photo.displayCopy });
    }
    writePhotosMeta(own.local.doc, metas);
  }

  /** Opens a document until the server has everything of it, then closes it. */
  private closeOnceSaved(target: SyncDocument): void {
    this.inBackground(this.open(target).then((open) => this.savedOnServer(open).then(() => this.close(target))));
  }

  /** Once the server has acknowledged everything of the document. */
  private async savedOnServer(open: OpenDoc): Promise<void> {
    await open.synced;
    while (open.provider.unsyncedChanges > 0) {
      await new Promise<void>((resolve) => {
        const changed = (): void => {
          open.provider.off('unsyncedChanges', changed);
          resolve();
        };
        open.provider.on('unsyncedChanges', changed);
      });
    }
  }

  /** Where another participant's photo stands with its original. */
  originalState(photoId: string): OriginalState {
    const upstream = this.originalsUpstream.get(photoId);
    if (!upstream) return { status: 'none' };
    const { author, size } = upstream;
    if (this.originalsHere.has(photoId)) return { status: 'here', author, size };
    const download = this.downloads.get(photoId);
    if (download) return { status: 'downloading', author, size, ...download };
    const own = this.own();
    if (own && readOriginalRequests(own.local.doc).has(photoId)) return { status: 'requested', author, size, authorOnline: this.isOnline(author) };
    return { status: this.refusedOriginals.has(photoId) ? 'refused' : 'available', author, size };
  }

  /** Calls `listener` whenever any photo's OriginalState may have changed. */
  watchOriginals(listener: () => void): () => void {
    this.originalListeners.add(listener);
    return () => this.originalListeners.delete(listener);
  }

  private readonly tellOriginals = (): void => {
    for (const listener of this.originalListeners) listener();
  };

  /** Asks for the original of another participant's photo, in this participant's own
   *  document: the request waits there, offline included, until its author shares it. */
  requestOriginal(photoId: string): void {
    const upstream = this.originalsUpstream.get(photoId);
    const own = this.own();
    if (!upstream || !own || this.originalsHere.has(photoId)) return;
    this.refusedOriginals.delete(photoId);
    writeOriginalRequest(own.local.doc, photoId, upstream.author);
    // Already shared for someone else: it comes at once.
    const author = this.docs.get(documentName({ kind: 'participant', expedition: this.config.expeditionId, participant: upstream.author }));
    if (author) this.fetchOriginals(upstream.author, author.local.doc);
  }

  /** Whether the participant's notebook is connected now, as the structure's presence says. */
  private isOnline(participant: string): boolean {
    return this.onlineParticipants().has(participant);
  }

  /** The participants whose notebook is connected now (the structure's presence). */
  onlineParticipants(): Set<string> {
    const states = this.structure()?.provider.awareness?.getStates().values() ?? [];
    return new Set([...states].flatMap((state) => (typeof state['participant'] === 'string' ? [state['participant']] : [])));
  }

  /** Told, with who is connected, as participants come and go. */
  watchOnline(listener: (online: Set<string>) => void): () => void {
    const awareness = this.structure()?.provider.awareness;
    const tell = (): void => listener(this.onlineParticipants());
    awareness?.on('change', tell);
    tell();
    return () => awareness?.off('change', tell);
  }

  /** Logs once what is wrong with a request or an announcement of an original. */
  private logOriginal(key: string, message: string): void {
    if (this.loggedOriginals.has(key)) return;
    this.loggedOriginals.add(key);
    console.warn(`[carnet] sync: ${message}`);
  }

  /** Another participant's requests for this one's originals answered, and this one's
   *  requests to them fetched once their document announces the original. */
  private followOriginals(participant: string, doc: Y.Doc): void {
    this.serveOriginals(participant, doc);
    this.fetchOriginals(participant, doc);
  }

  /** The requests of another participant (`requester`, their document) for this
   *  participant's originals: each original not yet shared is, once. */
  private serveOriginals(requester: string, doc: Y.Doc): void {
    const own = this.own();
    if (!own) return;
    for (const [photoId, author] of readOriginalRequests(doc)) {
      if (author !== this.config.participantId || this.sharingOriginals.has(photoId) || readOriginal(own.local.doc, photoId) !== null) continue;
      if (this.loggedOriginals.has(`request/${requester}/${photoId}`)) continue;
      this.sharingOriginals.add(photoId);
      this.inBackground(this.inTurn(() => this.shareOriginal(requester, photoId)).finally(() => this.sharingOriginals.delete(photoId)));
    }
  }

  /** Runs `work` after the originals before it, whether they succeeded or not. */
  private inTurn(work: () => Promise<void>): Promise<void> {
    const turn = this.originalsQueue.then(work);
    this.originalsQueue = turn.catch(() => undefined);
    return turn;
  }

  /** Shares one of this participant's originals, for everyone: its chunks first, each
   *  until the server has it, then its announcement (so that no one looks for a chunk
   *  the server does not have yet). */
  private async shareOriginal(requester: string, photoId: string): Promise<void> {
    const { expeditionId, participantId } = this.config;
    const photo = await this.database.attachments.get(photoId);
    const note = photo && (await this.database.notes.get(photo.noteId));
    if (!photo?.display || !note || photo.expeditionId !== expeditionId || this.foreignPhotos.has(photoId) || !this.isOwn(note)) {
      this.logOriginal(
        `request/${requester}/${photoId}`,
        `${requester} asked for the original of ${photoId}, not a photo of this notebook with a display copy`,
      );
      return;
    }
    if (photo.blob.size > MAX_ATTACHMENT_BYTES) {
      this.logOriginal(`request/${requester}/${photoId}`, `the original of ${photoId} is too large to share (${photo.blob.size} bytes)`);
      return;
    }
    const bytes = new Uint8Array(await photo.blob.arrayBuffer());
    const original: SharedOriginal = { sha256: await sha256Hex(bytes), size: bytes.length, chunks: Math.ceil(bytes.length / ORIGINAL_CHUNK_BYTES) };
    for (let index = 0; index < original.chunks; index++) {
      const target: SyncDocument = { kind: 'photo', expedition: expeditionId, participant: participantId, id: originalChunkId(original.sha256, index) };
      const open = await this.open(target, false);
      // After the server's copy: a chunk it has from a share cut short is not sent again.
      await open.synced;
      writePhotoBytes(open.local.doc, bytes.slice(index * ORIGINAL_CHUNK_BYTES, (index + 1) * ORIGINAL_CHUNK_BYTES));
      await this.savedOnServer(open);
      this.close(target);
    }
    const own = this.own();
    if (own && !this.stopped) writeOriginal(own.local.doc, photoId, original);
  }

  /** This notebook's requests to `author` whose original `doc` (theirs) announces: each
   *  one fetched. */
  private fetchOriginals(author: string, doc: Y.Doc): void {
    const own = this.own();
    if (!own) return;
    for (const [photoId, requested] of readOriginalRequests(own.local.doc)) {
      if (requested !== author || this.downloads.has(photoId)) continue;
      const original = readOriginal(doc, photoId);
      if (original === 'malformed') this.logOriginal(`announcement/${author}/${photoId}`, `${author} announced a malformed original for ${photoId}`);
      if (original === null || original === 'malformed') continue;
      this.downloads.set(photoId, { received: 0, chunks: original.chunks });
      this.tellOriginals();
      const done = (): void => {
        this.downloads.delete(photoId);
        this.tellOriginals();
      };
      this.inBackground(this.inTurn(() => this.fetchOriginal(author, photoId, original)).finally(done));
    }
  }

  /** Receives an original, chunk by chunk, checks it against its announced SHA-256, and
   *  keeps it with the display copy this notebook had, in one write; then the request
   *  is answered. Anything else than the original announced is refused, nothing stored. */
  private async fetchOriginal(author: string, photoId: string, original: SharedOriginal): Promise<void> {
    const { expeditionId } = this.config;
    const whole = new Uint8Array(original.size);
    let problem: string | null = null;
    for (let index = 0; index < original.chunks && problem === null; index++) {
      const target: SyncDocument = { kind: 'photo', expedition: expeditionId, participant: author, id: originalChunkId(original.sha256, index) };
      const open = await this.open(target, false);
      await open.synced;
      const bytes = readPhotoBytes(open.local.doc);
      const expected = Math.min(ORIGINAL_CHUNK_BYTES, original.size - index * ORIGINAL_CHUNK_BYTES);
      if (bytes?.length === expected) whole.set(bytes, index * ORIGINAL_CHUNK_BYTES);
      else problem = `chunk ${index} is ${bytes ? `${bytes.length} bytes, not ${expected}` : 'missing'}`;
      this.close(target);
      this.downloads.set(photoId, { received: index + 1, chunks: original.chunks });
      this.tellOriginals();
    }
    if (problem === null && (await sha256Hex(whole)) !== original.sha256) problem = 'its SHA-256 is not the one announced';
    const own = this.own();
    if (problem !== null) {
      console.warn(`[carnet] sync: refused the original of ${photoId} from ${author}: ${problem}`);
      this.refusedOriginals.add(photoId);
    } else {
      // The copy's type read from its bytes (a PNG's display copy is most often a JPEG),
      // before the transaction: it may await nothing but the database.
      const copy = (await this.database.attachments.get(photoId))?.blob;
      const kind = copy ? sniffImageKind(new Uint8Array(await copy.slice(0, SNIFF_BYTES).arrayBuffer())) : null;
      const here = await this.database.transaction('rw', this.database.attachments, async () => {
        const photo = await this.database.attachments.get(photoId);
        if (!photo) return false;
        if (photo.display === null)
          await this.database.attachments.put({
            ...photo,
            size: whole.length,
            blob: new Blob([whole], { type: photo.mime }),
            display: new Blob([photo.blob], { type: kind ? IMAGE_MIME[kind] : photo.blob.type }),
          });
        return true;
      });
      if (here) this.originalsHere.add(photoId);
    }
    if (own && !this.stopped) removeOriginalRequest(own.local.doc, photoId);
  }

  private close(target: SyncDocument): void {
    const name = documentName(target);
    const open = this.docs.get(name);
    if (!open) return;
    this.docs.delete(name);
    this.opening.delete(name);
    this.followed.delete(name);
    open.provider.destroy();
    open.local.release();
    this.countWaiting();
  }

  /** This participant's own syntheses of the lessons, for the others to read. */
  private async sendSyntheses(): Promise<void> {
    const own = this.own();
    if (!own) return;
    const lessons = await this.database.lessons.where('expeditionId').equals(this.config.expeditionId).toArray();
    writeSyntheses(
      own.local.doc,
      lessons.filter((lesson) => lesson.synthesis !== '').map(({ id, synthesis, updatedAt }) => ({ id, state: synthesis, updatedAt })),
    );
  }

  /** The organiser's expedition, visits and lessons into the structure (differences). */
  private async sendStructure(): Promise<void> {
    const { expeditionId } = this.config;
    const structure = this.structure();
    const expedition = await this.database.expeditions.get(expeditionId);
    if (!structure || !expedition) return;
    const [visits, lessons] = await Promise.all([
      this.database.visits.where('expeditionId').equals(expeditionId).toArray(),
      this.database.lessons.where('expeditionId').equals(expeditionId).toArray(),
    ]);
    writeStructure(structure.local.doc, expedition, visits, lessons);
  }

  /** Sends this participant's notes (those of `ids`, or all with null) and, for the
   *  organiser, the structure; a note's body is sent once, when its document is empty. */
  private async sendLocal(ids: Set<string> | null, structureChanged = false): Promise<void> {
    const { expeditionId, participantId, role } = this.config;
    if (role === 'organiser' && structureChanged) await this.sendStructure();
    if (structureChanged || ids === null) await this.sendSyntheses();
    const own = this.own();
    if (!own) return;
    const read = ids ? await this.database.notes.bulkGet([...ids]) : await this.database.notes.where('expeditionId').equals(expeditionId).toArray();
    const notes = read.filter((note): note is NoteSummary => note !== undefined && this.isOwn(note));
    writeNotesMeta(own.local.doc, notes);
    for (const note of await withStates(this.database, notes)) {
      if (this.editingLive.has(note.id)) continue;
      const body = await this.openBody(participantId, note.id);
      // Seeded into an empty document, or changed where the notebook's state differs (an
      // edit made outside the editor: a tag renamed, a lesson unlinked). A state written
      // from the document reads back identical, so nothing echoes.
      if (note.state && (isNoteDocEmpty(body.local.doc) || docToNoteState(body.local.doc) !== note.state)) noteStateToDoc(note.state, body.local.doc);
    }
  }
}

function inMemory(): LocalDoc {
  const doc = new Y.Doc();
  return { doc, release: () => doc.destroy() };
}

/** A photo's bytes travel in one update, under the server's limit for one message. */
const MAX_PHOTO_BYTES = MAX_MESSAGE_BYTES - 64 * 1024;
