// One simulated participant: the documents the app's sync session (src/renderer/sync/
// session.ts) opens, as plain Y.Docs in memory (no Dexie), each with its Hocuspocus
// provider over the participant's one socket, and the same following: the structure's
// participants → their participant documents → every note body they list.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { $getRoot, $getSelection, $isRangeSelection, type LexicalEditor } from 'lexical';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { openNoteDoc } from '../../src/shared/editor/noteBodyDoc';
import { documentName, type SyncDocument } from '../../src/shared/sync/documents';
import { readNotesMeta, readParticipants, writeNotesMeta } from '../../src/renderer/sync/records';
import type { Note } from '../../src/shared/model';
import type { SimNote } from './notes';

/** ws's WebSocket, as the tests use it: closed while connecting, it emits an 'error' after
 *  the provider stopped listening, which would be thrown. */
class NodeWebSocket extends WebSocket {
  constructor(...args: ConstructorParameters<typeof WebSocket>) {
    super(...args);
    this.on('error', () => undefined);
  }
}

type WithoutExpedition<T> = T extends unknown ? Omit<T, 'expedition'> : never;

/** `structure`: only the structure's provider has an awareness, as the app's session does
 *  (the socket needs one, which the server echoes, to see it is alive); `every`: each
 *  provider has the provider's default one, as the session had before — kept to measure
 *  what that did (bench/README.md). */
export type AwarenessMode = 'every' | 'structure';

export interface Replica {
  name: string;
  doc: Y.Doc;
  provider: HocuspocusProvider;
}

export interface ParticipantConfig {
  url: string;
  expedition: string;
  id: string;
  name: string;
  token: string;
  /** The organiser's session keeps the access document open too. */
  organiser: boolean;
  awareness: AwarenessMode;
}

export class SimParticipant {
  readonly docs = new Map<string, Replica>();
  readonly socket: HocuspocusProviderWebsocket;
  readonly refusals: string[] = [];
  private readonly followed = new Set<string>();
  /** Documents changed since takeChanged() was last called: what a check of replicas
   *  needs to look at again. */
  private changed = new Set<string>();
  private own: SimNote[] = [];

  constructor(readonly config: ParticipantConfig) {
    // Not connected until connect(): a participant's documents are loaded first, as the
    // app loads them from IndexedDB, and the offline ones stay so for a while.
    this.socket = new HocuspocusProviderWebsocket({ url: config.url, WebSocketPolyfill: NodeWebSocket, autoConnect: false });
  }

  get id(): string {
    return this.config.id;
  }

  connect(): void {
    void this.socket.connect();
  }

  name(target: WithoutExpedition<SyncDocument>): string {
    return documentName({ ...target, expedition: this.config.expedition });
  }

  /** The structure and this participant's own document, followed as the session does. */
  start(): void {
    const structure = this.open(this.name({ kind: 'structure' }));
    if (this.config.organiser) this.open(this.name({ kind: 'access' }));
    const follow = (): void => {
      for (const { id } of readParticipants(structure.doc)) this.followParticipant(id);
    };
    structure.doc.on('update', follow);
    follow();
    this.followParticipant(this.id);
  }

  /** This participant's notes, as their notebook holds them when sharing starts: the
   *  metadata in their document, each body in its own (noteStateToDoc's content). */
  seedOwnNotes(notes: SimNote[]): void {
    this.own = notes;
    writeNotesMeta(
      this.participantDoc(this.id),
      notes.map(({ note }) => note),
    );
    for (const { note, body } of notes) Y.applyUpdate(this.bodyDoc(this.id, note.id), body);
  }

  takeChanged(): Set<string> {
    const changed = this.changed;
    this.changed = new Set();
    return changed;
  }

  ownNotes(): readonly SimNote[] {
    return this.own;
  }

  /** What the app's autosave sends after an edit: the note's record, edited now. */
  touchNote(note: Note): void {
    writeNotesMeta(this.participantDoc(this.id), [{ ...note, updatedAt: Date.now() }]);
  }

  participantDoc(participant: string): Y.Doc {
    return this.open(this.name({ kind: 'participant', participant })).doc;
  }

  bodyDoc(participant: string, noteId: string): Y.Doc {
    return this.open(this.name({ kind: 'note', participant, id: noteId })).doc;
  }

  /** A headless editor bound to one of this participant's note bodies, as the note open
   *  in the app's editor is; `type` types at its end, one Lexical update per key. */
  openEditor(noteId: string): { editor: LexicalEditor; doc: Y.Doc; type: (text: string) => void; close: () => void } {
    const doc = this.bodyDoc(this.id, noteId);
    const { editor, close } = openNoteDoc(doc);
    const type = (text: string): void =>
      editor.update(
        () => {
          $getRoot().selectEnd();
          const selection = $getSelection();
          if ($isRangeSelection(selection)) selection.insertText(text);
        },
        { discrete: true },
      );
    return { editor, doc, type, close };
  }

  destroy(): void {
    // The socket first: each provider's destroy then unhooks from an emptied socket, where
    // from a live one each unhooking scans every provider's listeners (n² for n documents).
    this.socket.destroy();
    for (const { provider } of this.docs.values()) provider.destroy();
    this.docs.clear();
  }

  private followParticipant(participant: string): void {
    if (this.followed.has(participant)) return;
    this.followed.add(participant);
    const doc = this.participantDoc(participant);
    const follow = (): void => {
      for (const meta of readNotesMeta(doc)) if (meta.expeditionId === this.config.expedition) this.bodyDoc(participant, meta.id);
    };
    doc.on('update', follow);
    follow();
  }

  private open(name: string): Replica {
    const known = this.docs.get(name);
    if (known) return known;
    const doc = new Y.Doc();
    const structure = name === this.name({ kind: 'structure' });
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name,
      token: this.config.token,
      document: doc,
      ...(this.config.awareness === 'every' || structure ? {} : { awareness: null }),
      onAuthenticationFailed: ({ reason }) => void this.refusals.push(`${name}: ${reason}`),
    });
    provider.attach();
    doc.on('update', () => this.changed.add(name));
    const replica = { name, doc, provider };
    this.docs.set(name, replica);
    return replica;
  }
}
