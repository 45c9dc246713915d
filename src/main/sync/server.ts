// Carnet's sync server: Hocuspocus on one port, with the rules of docs/sharing.md — who
// may open and write each document (access.ts), what a message may be (messages.ts),
// and where documents are kept (persistence.ts). Started by `carnet serve` and, later,
// by the organiser's app: nothing here prints, everything goes to `log`.
import type { IncomingMessage } from 'node:http';
import { Connection, Server, type Extension } from '@hocuspocus/server';
import * as Y from 'yjs';
import { MAX_MESSAGE_BYTES } from '../../shared/sync/documents';
import { printable } from '../../shared/text/printable';
import { AccessControl, CLOSE_ACCESS_CHANGED, describe, Refusal, sessionOf, type Session } from './access';
import { openDataFolder } from './dataFolder';
import { MalformedMessage, readClientMessage } from './messages';
import { DocumentFiles, PERSISTENCE_ORIGIN } from './persistence';

export interface SyncServerOptions {
  /** 0 for any free port (the chosen one is in the result). */
  port: number;
  /** The address to listen on; 127.0.0.1 (this computer only) unless given. */
  host?: string;
  dataDir: string;
  /** One line per event worth keeping: refusals, closed connections, repaired files. */
  log: (line: string) => void;
  /** Replaces the admin key (the old one stops working). */
  newAdminKey?: boolean;
}

export interface SyncServer {
  port: number;
  /** The admin key, only when it was just created: shown once, stored hashed. */
  adminKey?: string;
  close(): Promise<void>;
}

/** WebSocket close codes and reasons: a message too large, one that breaks the protocol. */
const TOO_LARGE = { code: 1009, reason: 'message too large' };
const MALFORMED = { code: 1008, reason: 'malformed message' };
const ACCESS_CHANGED = { code: CLOSE_ACCESS_CHANGED, reason: 'access changed' };

/** Messages over MAX_MESSAGE_BYTES reach the server's check, which names the document
 *  and the sender; the socket itself drops anything larger than this, unread. */
const MAX_SOCKET_MESSAGE_BYTES = 2 * MAX_MESSAGE_BYTES;

/** How long closing waits for sockets to close and documents to be stored. */
const CLOSE_WAIT_MS = 10_000;

export async function startSyncServer(options: SyncServerOptions): Promise<SyncServer> {
  const log = (line: string): void => options.log(printable(line));
  const { adminKeyHash, adminKey } = await openDataFolder(options.dataDir, options.newAdminKey);
  const files = new DocumentFiles(options.dataDir, log);
  await files.init();

  const server = new Server(
    { name: 'carnet', address: options.host ?? '127.0.0.1', port: options.port, quiet: true, stopOnSignals: false },
    { maxPayload: MAX_SOCKET_MESSAGE_BYTES },
  );
  const access = new AccessControl(server.hocuspocus, adminKeyHash, (name) => files.exists(name), log);
  server.hocuspocus.configure({ extensions: [carnetExtension(access, files, log)] });
  server.webSocketServer.on('connection', (socket: { on(event: 'error', listener: (error: Error) => void): void }, request: IncomingMessage) => {
    socket.on('error', (error) => log(`closed the socket of ${remoteOf(request)}: ${error.message}`));
  });

  await new Promise<void>((resolve, reject) => {
    server.httpServer.once('error', reject);
    server.listen().then(() => {
      server.httpServer.off('error', reject);
      resolve();
    }, reject);
  });
  server.httpServer.on('error', (error) => log(`server error: ${error.message}`));

  return {
    port: server.address.port,
    adminKey,
    async close() {
      const { hocuspocus } = server;
      const closed = new Promise((resolve) => server.httpServer.close(resolve));
      for (const socket of server.webSocketServer.clients as Set<{ terminate(): void }>) socket.terminate();
      await closed;
      // The last disconnections write lastSeen into the access documents: let them be
      // done before those documents are stored and let go.
      await until(() => [...hocuspocus.documents.values()].every((document) => document.connections.size === 0));
      await access.close();
      // Closing the sockets unloads their documents after a last store; the journals
      // hold every update already, so a store that does not finish in time loses nothing.
      await until(() => hocuspocus.getDocumentsCount() === 0);
      await files.idle();
    },
  };
}

function carnetExtension(access: AccessControl, files: DocumentFiles, log: (line: string) => void): Extension {
  /** Refuses a message: logged, its socket closed, never applied. Hocuspocus applies a
   *  message when this hook resolves and prints a stack trace when it rejects, so a
   *  refused one is left pending, and dropped with its socket. */
  function refuse(connection: Connection, documentName: string, session: Session | null, why: string, close: { code: number; reason: string }): Promise<never> {
    log(`refused a message to ${shown(documentName)} from ${describe(session)}: ${why}`);
    connection.webSocket.close(close.code, close.reason);
    return new Promise<never>(() => undefined);
  }

  return {
    extensionName: 'carnet',

    async onAuthenticate({ documentName, token, request, connectionConfig }) {
      const remote = remoteOf(request);
      try {
        const { session, readOnly } = await access.authenticate(documentName, token, remote);
        connectionConfig.readOnly = readOnly;
        return { session };
      } catch (error) {
        const refusal =
          error instanceof Refusal ? error : new Refusal('server-error', `the access document could not be read (${messageOf(error)})`, describe(null, remote));
        log(`refused ${shown(documentName)} to ${refusal.who}: ${refusal.why}`);
        // Without a `message`, Hocuspocus sends the reason to the client and logs nothing.
        throw { reason: refusal.reason };
      }
    },

    async beforeHandleMessage({ connection, document, documentName, update: data, socketId }) {
      const session = sessionOf(connection);
      if (data.length > MAX_MESSAGE_BYTES)
        return refuse(connection, documentName, session, `message of ${data.length} bytes, over the limit of ${MAX_MESSAGE_BYTES}`, TOO_LARGE);
      let message;
      try {
        message = readClientMessage(data);
      } catch (error) {
        if (!(error instanceof MalformedMessage)) throw error;
        return refuse(connection, documentName, session, `malformed message: ${error.message}`, MALFORMED);
      }
      const problem = session && access.problem(session);
      if (!session || problem) return refuse(connection, documentName, session, problem ?? 'no session', ACCESS_CHANGED);
      if (message.kind !== 'update' || message.empty) return;
      if (connection.readOnly) {
        // Hocuspocus drops it and answers that it was not saved; only a change is news.
        if (!Y.snapshotContainsUpdate(Y.snapshot(document), message.update))
          log(`refused a message to ${shown(documentName)} from ${describe(session)}: a write to a document it may only read`);
        return;
      }
      if (session.kind === 'admin' && !access.adminMayWrite(session, socketId)) {
        return refuse(connection, documentName, session, 'the expedition has its access document already', ACCESS_CHANGED);
      }
      // On disk before Hocuspocus applies it and tells the client it is saved.
      await files.append(documentName, message.update);
    },

    async onChange({ documentName, update, transactionOrigin }) {
      // Clients' updates were journaled before they were applied; the server's own
      // (lastSeen) are journaled here.
      if (transactionOrigin instanceof Connection || transactionOrigin === PERSISTENCE_ORIGIN) return;
      files.append(documentName, update).catch((error: unknown) => log(`${documentName}: an update of the server could not be saved (${messageOf(error)})`));
    },

    async onLoadDocument({ document, documentName }) {
      try {
        await files.load(documentName, document);
      } catch (error) {
        log(`${documentName} could not be loaded: ${messageOf(error)}`);
        throw { reason: 'server-error' };
      }
    },

    async onStoreDocument({ document, documentName }) {
      try {
        await files.compact(documentName, document);
      } catch (error) {
        log(`${documentName}: the journal could not be compacted, it keeps every update (${messageOf(error)})`);
      }
    },

    async connected({ connection, documentName }) {
      const session = sessionOf(connection);
      if (session) access.connected(session, `${connection.socketId} ${documentName}`);
    },

    async onDisconnect({ context, socketId, documentName }) {
      const session = sessionOf({ context });
      if (session) access.disconnected(session, `${socketId} ${documentName}`, socketId);
    },
  };
}

/** Waits for a condition, at most CLOSE_WAIT_MS. */
async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + CLOSE_WAIT_MS;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A document name as a client sent it: quoted, and cut short (it may be megabytes). */
function shown(documentName: string): string {
  return JSON.stringify(documentName.length > 200 ? `${documentName.slice(0, 200)}…` : documentName);
}

function remoteOf(request: Pick<IncomingMessage, 'socket'>): string {
  return request.socket?.remoteAddress ?? 'an unknown address';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
