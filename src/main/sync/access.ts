// Who may open which document (docs/sharing.md, "Who may connect, and write"). Each
// expedition's access document is kept loaded while the server runs: tokens are checked
// against its live state, a change to it (a participant revoked, removed, given another
// token or role) closes the sockets it no longer admits, and the server writes each
// participant's `lastSeen` into it.
import { timingSafeEqual } from 'node:crypto';
import type { Connection, Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { findByTokenHash, hashToken, PARTICIPANTS, participantsOf, readParticipant } from '../../shared/sync/access';
import { documentName, parseDocumentName, permission, type Role } from '../../shared/sync/documents';

/** Who is on a connection, decided once when it authenticates. */
export type Session =
  /** The admin key, allowed only to create an expedition's access document. */
  | { kind: 'admin'; expedition: string; remote: string }
  | { kind: 'member'; expedition: string; participant: string; role: Role; tokenHash: string; remote: string };

/** A refused connection: `reason` goes to the client; who asked and why, to the log. */
export class Refusal {
  constructor(
    readonly reason: string,
    readonly why: string,
    readonly who: string,
  ) {}
}

type DirectConnection = Awaited<ReturnType<Hocuspocus['openDirectConnection']>>;

/** The origin of the server's own writes (lastSeen): not a client's connection, so the
 *  server journals them as they happen, and not empty, so Hocuspocus stores after them. */
const SERVER_ORIGIN = Symbol('carnet server');

/** Close code of a socket whose participant lost access (4000–4999: the application's). */
export const CLOSE_ACCESS_CHANGED = 4403;

export class AccessControl {
  /** Per expedition, the server's own connection that keeps its access document loaded. */
  private readonly loaded = new Map<string, Promise<DirectConnection>>();
  /** The socket through which the admin key is creating an expedition's access document. */
  private readonly claims = new Map<string, string>();
  /** Each member's open document connections, to write lastSeen on the first and the last. */
  private readonly presence = new Map<string, Set<string>>();

  constructor(
    private readonly hocuspocus: Hocuspocus,
    private readonly adminKeyHash: string,
    private readonly savedBefore: (name: string) => Promise<boolean>,
    private readonly log: (line: string) => void,
  ) {}

  /** The session for a token on a document, and whether it may write there; throws a
   *  Refusal otherwise. */
  async authenticate(name: string, token: string, remote: string): Promise<{ session: Session; readOnly: boolean }> {
    const doc = parseDocumentName(name);
    if (!doc) throw new Refusal('invalid-document', 'not a document of Carnet', describe(null, remote));
    const tokenHash = await hashToken(token);
    if (sameHash(tokenHash, this.adminKeyHash)) {
      const session: Session = { kind: 'admin', expedition: doc.expedition, remote };
      if (doc.kind !== 'access') throw new Refusal('forbidden', 'the admin key opens only access documents', describe(session));
      const access = await this.accessDocument(doc.expedition, true);
      if (access && participantsOf(access).size > 0) throw new Refusal('access-exists', 'the expedition has its access document already', describe(session));
      return { session, readOnly: false };
    }
    const access = await this.accessDocument(doc.expedition, false);
    const entry = access && findByTokenHash(access, tokenHash);
    if (!entry) throw new Refusal('unknown-token', 'no participant of the expedition has this token', describe(null, remote));
    const session: Session = { kind: 'member', expedition: doc.expedition, participant: entry.id, role: entry.role, tokenHash, remote };
    if (entry.revoked) throw new Refusal('revoked', 'revoked', describe(session));
    const allowed = permission(doc, { participant: entry.id, role: entry.role });
    if (allowed === 'none') throw new Refusal('forbidden', 'only the organiser opens the access document', describe(session));
    return { session, readOnly: allowed === 'read' };
  }

  /** Why a session authenticated earlier no longer stands, or null while it does. */
  problem(session: Session): string | null {
    if (session.kind === 'admin') return null;
    const access = this.loadedNow(session.expedition);
    const entry = access && readParticipant(access, session.participant);
    if (!entry || entry.revoked) return 'revoked';
    return entry.tokenHash === session.tokenHash && entry.role === session.role ? null : 'access changed';
  }

  /** Whether the admin key may write this update into the access document: only while
   *  the document is empty, through the one socket that wrote first. */
  adminMayWrite(session: Session, socketId: string): boolean {
    const claim = this.claims.get(session.expedition);
    if (claim !== undefined) return claim === socketId;
    const access = this.loadedNow(session.expedition);
    if (!access || participantsOf(access).size > 0) return false;
    this.claims.set(session.expedition, socketId);
    return true;
  }

  connected(session: Session, connectionKey: string): void {
    if (session.kind !== 'member') return;
    const key = memberKey(session);
    const open = this.presence.get(key) ?? new Set();
    this.presence.set(key, open.add(connectionKey));
    if (open.size === 1) this.touch(session);
  }

  disconnected(session: Session, connectionKey: string, socketId: string): void {
    if (session.kind === 'admin') {
      if (this.claims.get(session.expedition) === socketId) this.claims.delete(session.expedition);
      return;
    }
    const key = memberKey(session);
    const open = this.presence.get(key);
    if (!open?.delete(connectionKey) || open.size > 0) return;
    this.presence.delete(key);
    this.touch(session);
  }

  /** Lets go of the access documents (Hocuspocus stores and unloads them). */
  async close(): Promise<void> {
    const connections = await Promise.allSettled(this.loaded.values());
    this.loaded.clear();
    for (const result of connections) if (result.status === 'fulfilled') await result.value.disconnect();
  }

  /** The expedition's access document, loaded once and kept; null for an expedition
   *  that has none, unless `create` (the admin key's first connection). */
  private async accessDocument(expedition: string, create: boolean): Promise<Y.Doc | null> {
    const name = documentName({ kind: 'access', expedition });
    if (!this.loaded.has(expedition) && !create && !(await this.savedBefore(name))) return null;
    let loading = this.loaded.get(expedition);
    if (!loading) {
      loading = this.load(expedition, name);
      this.loaded.set(expedition, loading);
      loading.catch(() => this.loaded.delete(expedition));
    }
    return (await loading).document;
  }

  private async load(expedition: string, name: string): Promise<DirectConnection> {
    // Counted as a connection by Hocuspocus, the access document stays loaded: a client's
    // connection to it shares this very document.
    const connection = await this.hocuspocus.openDirectConnection(name, { server: true });
    if (!connection.document) throw new Error(`${name} could not be opened`);
    participantsOf(connection.document).observeDeep(() => this.enforce(expedition));
    return connection;
  }

  /** The access document as it is now; sessions exist only while it is loaded. */
  private loadedNow(expedition: string): Y.Doc | null {
    return this.hocuspocus.documents.get(documentName({ kind: 'access', expedition })) ?? null;
  }

  /** Closes the sockets of every member of the expedition whose access changed. */
  private enforce(expedition: string): void {
    const closed = new Set<string>();
    for (const document of this.hocuspocus.documents.values()) {
      if (!document.name.startsWith(`carnet/${expedition}/`)) continue;
      for (const connection of document.getConnections()) {
        const session = sessionOf(connection);
        const problem = session && this.problem(session);
        if (!session || session.kind !== 'member' || !problem) continue;
        connection.webSocket.close(CLOSE_ACCESS_CHANGED, problem);
        closed.add(`participant "${session.participant}" of expedition "${expedition}": ${problem}`);
      }
    }
    for (const line of closed) this.log(`closed the connections of ${line}`);
  }

  private touch(session: Extract<Session, { kind: 'member' }>): void {
    const access = this.loadedNow(session.expedition);
    const entry = access?.getMap(PARTICIPANTS).get(session.participant);
    if (access && entry instanceof Y.Map) access.transact(() => entry.set('lastSeen', Date.now()), SERVER_ORIGIN);
  }
}

/** Who is asking, as the log names them. */
export function describe(session: Session | null, remote = session?.remote): string {
  if (!session) return `a client (${remote})`;
  if (session.kind === 'admin') return `the admin key (${session.remote})`;
  return `participant "${session.participant}" of "${session.expedition}" (${session.remote})`;
}

export function sessionOf(connection: Pick<Connection, 'context'>): Session | null {
  const context = connection.context as { session?: Session } | undefined;
  return context?.session ?? null;
}

function memberKey(session: Extract<Session, { kind: 'member' }>): string {
  return `${session.expedition}/${session.participant}`;
}

function sameHash(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}
