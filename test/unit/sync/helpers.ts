// Shared by the sync tests: a server on loopback in a scratch folder, real Hocuspocus
// providers over `ws`, an expedition with an organiser and two participants.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addParticipant, hashToken, newToken } from '../../../src/shared/sync/access';
import { startSyncServer, type SyncServer } from '../../../src/main/sync/server';

/** What this file's tests opened, closed after each test. */
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function scratchFolder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-sync-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export interface TestServer extends SyncServer {
  url: string;
  dataDir: string;
  logs: string[];
}

export async function startServer(dataDir = scratchFolder(), newAdminKey = false): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir, newAdminKey, log: (line) => logs.push(line) });
  let closed = false;
  const close = async (): Promise<void> => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  cleanups.push(close);
  return { ...server, close, url: `ws://127.0.0.1:${server.port}`, dataDir, logs };
}

/** ws's WebSocket. Closed while still connecting (the provider gives up an attempt), it
 *  emits an 'error' event after the provider stopped listening, which would be thrown;
 *  a browser's WebSocket reports nothing there. */
export class NodeWebSocket extends WebSocket {
  constructor(...args: unknown[]) {
    super(...args);
    this.on('error', () => undefined);
  }
}

/** One socket that providers share (the app opens one per server). */
export function socketTo(url: string): HocuspocusProviderWebsocket {
  // Reconnects quickly and without jitter, so that tests do not wait for the back-off.
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: NodeWebSocket, delay: 50, minDelay: 50, maxDelay: 200, jitter: false });
  cleanups.push(() => socket.destroy());
  return socket;
}

export interface Client {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  /** Why the server refused the token, once it has. */
  refusal: () => string | null;
  /** Close events the provider received. */
  closes: unknown[];
}

/** A provider of `name` over `socket` (a new socket if none), authenticating with `token`. */
export function open(socket: HocuspocusProviderWebsocket | string, name: string, token: string, doc = new Y.Doc()): Client {
  const websocketProvider = typeof socket === 'string' ? socketTo(socket) : socket;
  let refusal: string | null = null;
  const closes: unknown[] = [];
  const provider = new HocuspocusProvider({
    websocketProvider,
    name,
    token,
    document: doc,
    onAuthenticationFailed: ({ reason }) => (refusal = reason),
    onClose: (event) => closes.push(event),
  });
  provider.attach();
  cleanups.push(() => provider.destroy());
  return { provider, doc, refusal: () => refusal, closes };
}

export async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Until the first exchange with the server is done. Tests write after it: the provider
 *  resets its count of unacknowledged updates when it connects, so updates queued before
 *  would be counted short (see docs/sharing.md, "What saved means"). */
export async function synced(client: Client): Promise<void> {
  await waitFor(() => client.provider.isSynced, `${client.provider.configuration.name} to be synced`);
}

/** Until the server has acknowledged every update of the client (SyncStatus). */
export async function saved(client: Client): Promise<void> {
  await waitFor(() => client.provider.isSynced && client.provider.unsyncedChanges === 0, `${client.provider.configuration.name} to be saved`);
}

export async function refused(client: Client): Promise<string> {
  await waitFor(() => client.refusal() !== null, `${client.provider.configuration.name} to be refused`);
  return client.refusal() ?? '';
}

export interface Expedition {
  id: string;
  tokens: { organiser: string; alice: string; bob: string };
}

/** Registers an expedition as the organiser's app does: its access document written with
 *  the admin key, listing the organiser and two participants. */
export async function createExpedition(server: Pick<TestServer, 'url' | 'adminKey'>, id = 'exp1'): Promise<Expedition> {
  const tokens = { organiser: newToken(), alice: newToken(), bob: newToken() };
  const admin = open(server.url, `carnet/${id}/access`, server.adminKey ?? '');
  await synced(admin);
  addParticipant(admin.doc, { id: 'organiser', name: 'Olga', role: 'organiser', tokenHash: await hashToken(tokens.organiser) });
  addParticipant(admin.doc, { id: 'alice', name: 'Alice', role: 'participant', tokenHash: await hashToken(tokens.alice) });
  addParticipant(admin.doc, { id: 'bob', name: 'Bob', role: 'participant', tokenHash: await hashToken(tokens.bob) });
  await saved(admin);
  admin.provider.destroy();
  return { id, tokens };
}

export function text(doc: Y.Doc): string {
  return doc.getText('body').toString();
}

/** A fresh client's view of a document once synced: what anyone connecting now receives. */
export async function freshView<T>(server: Pick<TestServer, 'url'>, name: string, token: string, read: (doc: Y.Doc) => T): Promise<T> {
  const client = open(server.url, name, token);
  await synced(client);
  const value = read(client.doc);
  client.provider.destroy();
  return value;
}

/** lib0's encoding, for messages a modified client would send. */
export function frame(...parts: (number | string | Uint8Array)[]): Uint8Array {
  const bytes: number[] = [];
  const uint = (value: number): void => {
    while (value > 0x7f) {
      bytes.push((value & 0x7f) | 0x80);
      value = Math.floor(value / 128);
    }
    bytes.push(value);
  };
  for (const part of parts) {
    if (typeof part === 'number') uint(part);
    else {
      const data = typeof part === 'string' ? new TextEncoder().encode(part) : part;
      uint(data.length);
      bytes.push(...data);
    }
  }
  return new Uint8Array(bytes);
}

export interface RawClient {
  send(message: Uint8Array): void;
  /** The code and reason the socket was closed with. */
  closed: Promise<{ code: number; reason: string }>;
}

/** A bare WebSocket that authenticates on `name` (Hocuspocus's Auth message) and resolves
 *  once the server answered that it may write there. */
export async function rawClient(url: string, name: string, token: string): Promise<RawClient> {
  const socket = new WebSocket(url);
  cleanups.push(() => socket.terminate());
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code: number, reason: Buffer) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  const authenticated = new Promise<void>((resolve, reject) => {
    socket.on('message', (data: Buffer) => {
      // [name][type 2: Auth][2: Authenticated, 1: PermissionDenied][scope or reason]
      const expected = frame(name, 2);
      if (!data.subarray(0, expected.length).equals(expected)) return;
      if (data[expected.length] === 2) resolve();
      else reject(new Error(`refused: ${data.subarray(expected.length + 2).toString()}`));
    });
  });
  socket.send(frame(name, 2, 0, token));
  await authenticated;
  return { send: (message) => socket.send(message), closed };
}
