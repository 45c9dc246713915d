// The sync server through real Hocuspocus providers on loopback: documents converge, the
// server decides who writes what, refuses what it must, and logs every refusal.
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addParticipant, hashToken, newToken, participantsOf, readParticipant, revokeParticipant } from '../../../src/shared/sync/access';
import { MAX_MESSAGE_BYTES } from '../../../src/shared/sync/documents';
import { createExpedition, frame, freshView, open, rawClient, refused, saved, socketTo, startServer, synced, text, waitFor, type Client } from './helpers';

const body = (doc: Y.Doc): string => text(doc);

function write(client: Client, words: string): void {
  const body = client.doc.getText('body');
  body.insert(body.length, words);
}

describe('sync server: documents', () => {
  it('makes two clients converge on one document, and on several', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const aliceSocket = socketTo(server.url);
    const bobSocket = socketTo(server.url);
    const aliceNote = open(aliceSocket, `carnet/${id}/note/alice/n1`, tokens.alice);
    const aliceGroup = open(aliceSocket, `carnet/${id}/group/lesson1`, tokens.alice);
    const bobReadsAlice = open(bobSocket, `carnet/${id}/note/alice/n1`, tokens.bob);
    const bobNote = open(bobSocket, `carnet/${id}/note/bob/n1`, tokens.bob);
    const bobGroup = open(bobSocket, `carnet/${id}/group/lesson1`, tokens.bob);
    await Promise.all([aliceNote, aliceGroup, bobReadsAlice, bobNote, bobGroup].map(synced));

    write(aliceNote, 'Alice was at Michelin.');
    write(bobNote, 'Bob too.');
    // Both write the group's synthesis at once.
    write(aliceGroup, 'A: open workshops. ');
    write(bobGroup, 'B: shared tools. ');
    await Promise.all([aliceNote, bobNote, aliceGroup, bobGroup].map(saved));

    await waitFor(() => body(bobReadsAlice.doc) === 'Alice was at Michelin.', "Alice's note at Bob's");
    await waitFor(() => body(aliceGroup.doc) === body(bobGroup.doc) && body(aliceGroup.doc).length === 36, 'the group synthesis to converge');
    expect(body(aliceGroup.doc)).toContain('A: open workshops. ');
    expect(body(aliceGroup.doc)).toContain('B: shared tools. ');
    expect(await freshView(server, `carnet/${id}/note/bob/n1`, tokens.alice, body)).toBe('Bob too.');
    expect(server.logs).toEqual([]);
  });

  it('carries many documents over one socket', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const socket = socketTo(server.url);
    const notes = Array.from({ length: 40 }, (_, i) => open(socket, `carnet/${id}/note/alice/n${i}`, tokens.alice));
    await Promise.all(notes.map(synced));
    notes.forEach((note, i) => write(note, `note ${i}`));
    await Promise.all(notes.map(saved));

    const reader = socketTo(server.url);
    const copies = notes.map((_, i) => open(reader, `carnet/${id}/note/alice/n${i}`, tokens.bob));
    await Promise.all(copies.map(synced));
    expect(copies.map((copy) => body(copy.doc))).toEqual(notes.map((_, i) => `note ${i}`));
  });

  it('lets clients that went offline catch up when they reconnect', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const aliceSocket = socketTo(server.url);
    const alice = open(aliceSocket, `carnet/${id}/group/lesson1`, tokens.alice);
    const bob = open(server.url, `carnet/${id}/group/lesson1`, tokens.bob);
    await Promise.all([synced(alice), synced(bob)]);
    write(alice, 'before. ');
    await waitFor(() => body(bob.doc) === 'before. ', 'Bob to see the first words');

    aliceSocket.disconnect();
    await waitFor(() => !alice.provider.isSynced, 'Alice to be offline');
    write(alice, 'written offline. ');
    write(bob, 'meanwhile. ');
    await saved(bob);
    expect(body(alice.doc)).not.toContain('meanwhile');

    await aliceSocket.connect();
    await synced(alice);
    await waitFor(() => body(alice.doc) === body(bob.doc) && body(bob.doc).length === 'before. written offline. meanwhile. '.length, 'both to converge');
    await saved(alice);
  });

  it('serves after a restart what it saved, and prints no admin key again', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const alice = open(server.url, `carnet/${id}/note/alice/n1`, tokens.alice);
    await synced(alice);
    write(alice, 'kept');
    await saved(alice);
    alice.provider.destroy();
    await server.close();

    const again = await startServer(server.dataDir);
    expect(again.adminKey).toBeUndefined();
    expect(await freshView(again, `carnet/${id}/note/alice/n1`, tokens.bob, body)).toBe('kept');
  });
});

describe('sync server: who writes what', () => {
  it("drops a participant's forged writes to another's note and to the structure", async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const alice = open(server.url, `carnet/${id}/note/alice/n1`, tokens.alice);
    const organiser = open(server.url, `carnet/${id}/structure`, tokens.organiser);
    await Promise.all([synced(alice), synced(organiser)]);
    write(alice, 'mine');
    organiser.doc.getMap('expedition').set('title', 'Clermont');
    await Promise.all([saved(alice), saved(organiser)]);

    // Bob's modified app: a change made before connecting (sent in the first exchange)
    // to the structure, and one made once connected to Alice's note.
    const forgedStructure = new Y.Doc();
    forgedStructure.getMap('expedition').set('title', 'Forged');
    const bobStructure = open(server.url, `carnet/${id}/structure`, tokens.bob, forgedStructure);
    const bobOnAlice = open(server.url, `carnet/${id}/note/alice/n1`, tokens.bob);
    await Promise.all([synced(bobStructure), synced(bobOnAlice)]);
    expect(bobOnAlice.provider.authorizedScope).toBe('readonly');
    write(bobOnAlice, ' and forged');
    await waitFor(() => server.logs.length === 2, 'both refusals to be logged');

    expect(server.logs.sort()).toEqual([
      `refused a message to "carnet/${id}/note/alice/n1" from participant "bob" of "${id}" (::ffff:127.0.0.1): a write to a document it may only read`,
      `refused a message to "carnet/${id}/structure" from participant "bob" of "${id}" (::ffff:127.0.0.1): a write to a document it may only read`,
    ]);
    expect(body(alice.doc)).toBe('mine');
    expect(organiser.doc.getMap('expedition').get('title')).toBe('Clermont');
    expect(await freshView(server, `carnet/${id}/note/alice/n1`, tokens.organiser, body)).toBe('mine');
    expect(await freshView(server, `carnet/${id}/structure`, tokens.alice, (doc) => doc.getMap('expedition').get('title'))).toBe('Clermont');
    // Never acknowledged: Bob's app does not believe it saved.
    expect(bobOnAlice.provider.unsyncedChanges).toBeGreaterThan(0);
  });

  it("drops a participant's forged chunk of another's original, and their forged announcement of it", async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const chunk = `carnet/${id}/photo/alice/${'a'.repeat(64)}-0`;
    const bobOnChunk = open(server.url, chunk, tokens.bob);
    const bobOnAlice = open(server.url, `carnet/${id}/participant/alice`, tokens.bob);
    await Promise.all([synced(bobOnChunk), synced(bobOnAlice)]);
    expect(bobOnChunk.provider.authorizedScope).toBe('readonly');
    bobOnChunk.doc.getMap('photo').set('bytes', new Uint8Array(1000));
    bobOnAlice.doc.getMap('originals').set('p1', { sha256: 'a'.repeat(64), size: 1000, chunks: 1 });
    await waitFor(() => server.logs.length === 2, 'both refusals to be logged');
    expect(server.logs.every((line) => line.includes('from participant "bob"') && line.endsWith('a write to a document it may only read'))).toBe(true);
    expect(await freshView(server, chunk, tokens.alice, (doc) => doc.getMap('photo').has('bytes'))).toBe(false);
    expect(await freshView(server, `carnet/${id}/participant/alice`, tokens.alice, (doc) => doc.getMap('originals').size)).toBe(0);
  });

  it('keeps the access document from participants, and the organiser out of notes', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    expect(await refused(open(server.url, `carnet/${id}/access`, tokens.alice))).toBe('forbidden');
    const organiserOnAlice = open(server.url, `carnet/${id}/participant/alice`, tokens.organiser);
    await synced(organiserOnAlice);
    expect(organiserOnAlice.provider.authorizedScope).toBe('readonly');
    expect(server.logs).toEqual([
      `refused "carnet/${id}/access" to participant "alice" of "${id}" (::ffff:127.0.0.1): only the organiser opens the access document`,
    ]);
  });

  it('refuses unknown tokens, other expeditions and names outside the table', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    await createExpedition(server, 'exp2');
    expect(await refused(open(server.url, `carnet/${id}/structure`, newToken()))).toBe('unknown-token');
    expect(await refused(open(server.url, `carnet/${id}/structure`, ''))).toBe('unknown-token');
    expect(await refused(open(server.url, 'carnet/exp2/structure', tokens.alice))).toBe('unknown-token');
    expect(await refused(open(server.url, 'carnet/nowhere/structure', tokens.alice))).toBe('unknown-token');
    expect(await refused(open(server.url, `carnet/${id}/secrets`, tokens.alice))).toBe('invalid-document');
    expect(await refused(open(server.url, `carnet/${id}/note/alice/n1\u001b]0;pwned\u0007\u202e`, tokens.alice))).toBe('invalid-document');
    expect(server.logs).toEqual([
      `refused "carnet/${id}/structure" to a client (::ffff:127.0.0.1): no participant of the expedition has this token`,
      `refused "carnet/${id}/structure" to a client (::ffff:127.0.0.1): no participant of the expedition has this token`,
      'refused "carnet/exp2/structure" to a client (::ffff:127.0.0.1): no participant of the expedition has this token',
      'refused "carnet/nowhere/structure" to a client (::ffff:127.0.0.1): no participant of the expedition has this token',
      `refused "carnet/${id}/secrets" to a client (::ffff:127.0.0.1): not a document of Carnet`,
      // Control characters reach the log escaped, bidirectional marks as U+FFFD.
      `refused "carnet/${id}/note/alice/n1\\u001b]0;pwned\\u0007\ufffd" to a client (::ffff:127.0.0.1): not a document of Carnet`,
    ]);
  });

  it("closes a revoked participant's open connections and refuses the token from then on", async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const bobSocket = socketTo(server.url);
    const bobNote = open(bobSocket, `carnet/${id}/note/bob/n1`, tokens.bob);
    const bobGroup = open(bobSocket, `carnet/${id}/group/lesson1`, tokens.bob);
    const alice = open(server.url, `carnet/${id}/group/lesson1`, tokens.alice);
    const access = open(server.url, `carnet/${id}/access`, tokens.organiser);
    await Promise.all([bobNote, bobGroup, alice, access].map(synced));
    write(bobGroup, 'before. ');
    await waitFor(() => body(alice.doc) === 'before. ', 'Bob to be heard');

    revokeParticipant(access.doc, 'bob');
    await saved(access);
    // The socket closes; the provider reconnects and is refused.
    expect(await refused(bobGroup)).toBe('revoked');
    expect(await refused(bobNote)).toBe('revoked');
    expect(bobGroup.closes.length).toBeGreaterThan(0);
    write(bobGroup, 'after revocation. ');
    expect(await refused(open(server.url, `carnet/${id}/structure`, tokens.bob))).toBe('revoked');

    expect(body(alice.doc)).toBe('before. ');
    expect(await freshView(server, `carnet/${id}/group/lesson1`, tokens.alice, body)).toBe('before. ');
    expect(server.logs[0]).toBe(`closed the connections of participant "bob" of expedition "${id}": revoked`);
    expect(server.logs).toContain(`refused "carnet/${id}/structure" to participant "bob" of "${id}" (::ffff:127.0.0.1): revoked`);
  });

  it('closes the connections of a participant whose token was replaced', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const bob = open(server.url, `carnet/${id}/note/bob/n1`, tokens.bob);
    const access = open(server.url, `carnet/${id}/access`, tokens.organiser);
    await Promise.all([synced(bob), synced(access)]);
    const newBobToken = newToken();
    addParticipant(access.doc, { id: 'bob', name: 'Bob', role: 'participant', tokenHash: await hashToken(newBobToken) });
    expect(await refused(bob)).toBe('unknown-token');
    const renewed = open(server.url, `carnet/${id}/note/bob/n1`, newBobToken);
    await synced(renewed);
    expect(server.logs[0]).toBe(`closed the connections of participant "bob" of expedition "${id}": access changed`);
  });

  it('records when each participant was last seen', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const access = open(server.url, `carnet/${id}/access`, tokens.organiser);
    await synced(access);
    const lastSeen = (): number => readParticipant(access.doc, 'alice')?.lastSeen ?? -1;
    expect(lastSeen()).toBe(0);
    const before = Date.now();
    const aliceSocket = socketTo(server.url);
    open(aliceSocket, `carnet/${id}/note/alice/n1`, tokens.alice);
    await waitFor(() => lastSeen() >= before, 'lastSeen on connection');
    const connectedAt = lastSeen();
    await new Promise((resolve) => setTimeout(resolve, 5));
    aliceSocket.disconnect();
    await waitFor(() => lastSeen() > connectedAt, 'lastSeen on disconnection');
    // Written by the server into the document, so it is saved like any update.
    await server.close();
    const again = await startServer(server.dataDir);
    expect(await freshView(again, `carnet/${id}/access`, tokens.organiser, (doc) => readParticipant(doc, 'alice')?.lastSeen)).toBe(lastSeen());
  });
});

describe('sync server: the admin key', () => {
  it('creates an access document once and cannot change it after', async () => {
    const server = await startServer();
    const { id } = await createExpedition(server);
    const adminKey = server.adminKey ?? '';
    expect(await refused(open(server.url, `carnet/${id}/access`, adminKey))).toBe('access-exists');
    expect(await refused(open(server.url, `carnet/${id}/structure`, adminKey))).toBe('forbidden');
    expect(server.logs).toEqual([
      `refused "carnet/${id}/access" to the admin key (::ffff:127.0.0.1): the expedition has its access document already`,
      `refused "carnet/${id}/structure" to the admin key (::ffff:127.0.0.1): the admin key opens only access documents`,
    ]);
  });

  it('is replaced by a new one on request, and the old one stops working', async () => {
    const first = await startServer();
    const oldKey = first.adminKey ?? '';
    await first.close();
    const server = await startServer(first.dataDir, true);
    expect(server.adminKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(server.adminKey).not.toBe(oldKey);
    expect(await refused(open(server.url, 'carnet/exp1/access', oldKey))).toBe('unknown-token');
    await createExpedition(server);
  });

  it('lets only the first of two admin connections write a new access document', async () => {
    const server = await startServer();
    const adminKey = server.adminKey ?? '';
    const first = open(server.url, 'carnet/exp9/access', adminKey);
    const second = open(server.url, 'carnet/exp9/access', adminKey);
    await Promise.all([synced(first), synced(second)]);
    const organiserToken = newToken();
    addParticipant(first.doc, { id: 'olga', name: 'Olga', role: 'organiser', tokenHash: await hashToken(organiserToken) });
    await saved(first);
    addParticipant(second.doc, { id: 'mallory', name: 'Mallory', role: 'organiser', tokenHash: await hashToken(newToken()) });
    await waitFor(() => server.logs.length > 0, 'the refusal');
    expect(server.logs[0]).toBe(
      'refused a message to "carnet/exp9/access" from the admin key (::ffff:127.0.0.1): the expedition has its access document already',
    );
    expect(await freshView(server, 'carnet/exp9/access', organiserToken, (doc) => [...participantsOf(doc).keys()])).toEqual(['olga']);
  });
});

describe('sync server: limits', () => {
  it('accepts a photo of 3 MB in one update, and refuses an update over 4 MiB without applying it', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const photo = open(server.url, `carnet/${id}/photo/alice/p1`, tokens.alice);
    await synced(photo);
    const bytes = new Uint8Array(3_000_000).map((_, i) => i % 251);
    photo.doc.getMap('photo').set('display', bytes);
    await saved(photo);
    const copy = await freshView(server, `carnet/${id}/photo/alice/p1`, tokens.bob, (doc) => doc.getMap('photo').get('display'));
    expect(copy instanceof Uint8Array && Buffer.from(copy).equals(bytes)).toBe(true);

    const note = open(server.url, `carnet/${id}/note/alice/n1`, tokens.alice);
    await synced(note);
    write(note, 'x'.repeat(MAX_MESSAGE_BYTES + 1));
    await waitFor(() => server.logs.length > 0, 'the refusal');
    note.provider.destroy();
    expect(server.logs[0]).toMatch(
      new RegExp(
        `^refused a message to "carnet/${id}/note/alice/n1" from participant "alice" of "${id}" \\(::ffff:127\\.0\\.0\\.1\\): message of \\d+ bytes, over the limit of ${MAX_MESSAGE_BYTES}$`,
      ),
    );
    expect(await freshView(server, `carnet/${id}/note/alice/n1`, tokens.bob, body)).toBe('');
  });

  it.each([
    ['an update Yjs cannot read', (name: string) => frame(name, 0, 2, new Uint8Array([1, 1, 200, 7, 3, 9]))],
    ['a message cut short', (name: string) => frame(name, 0, 2, 40).subarray(0, -1)],
    ['a valid update followed by stray bytes', (name: string) => new Uint8Array([...frame(name, 0, 2, validUpdate()), 0])],
    ['a broadcast to every reader', (name: string) => frame(name, 6, 'hello everyone')],
    ['an awareness update that is not JSON', (name: string) => frame(name, 1, frame(1, 123, 1, '{not json'))],
  ])('refuses %s: the socket is closed, nothing is applied, one line is logged', async (_, message) => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const name = `carnet/${id}/note/alice/n1`;
    const client = await rawClient(server.url, name, tokens.alice);
    client.send(message(name));
    expect((await client.closed).code).toBe(1008);
    expect(server.logs).toHaveLength(1);
    expect(server.logs[0]).toMatch(
      new RegExp(`^refused a message to "${name}" from participant "alice" of "${id}" \\(::ffff:127\\.0\\.0\\.1\\): malformed message: .+$`),
    );
    expect(await freshView(server, name, tokens.bob, body)).toBe('');
  });

  it('applies a well-formed update sent the same way', async () => {
    const server = await startServer();
    const { id, tokens } = await createExpedition(server);
    const name = `carnet/${id}/note/alice/n1`;
    const client = await rawClient(server.url, name, tokens.alice);
    client.send(frame(name, 0, 2, validUpdate()));
    await waitFor(() => false, 'nothing', 300).catch(() => undefined);
    expect(await freshView(server, name, tokens.bob, body)).toBe('valid');
    expect(server.logs).toEqual([]);
  });
});

function validUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('body').insert(0, 'valid');
  return Y.encodeStateAsUpdate(doc);
}
