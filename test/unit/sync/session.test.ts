// A shared expedition between two notebooks through the real server on loopback: the
// organiser's notebook shares the sample expedition, a participant's empty notebook joins
// it and sees the programme, the lessons and the organiser's notes; each writes a note
// the other receives; the participant, offline for a while, catches up.
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { markdownToNote, noteStateToMarkdown } from '../../../src/shared/editor/markdown';
import { noteStateToDoc } from '../../../src/shared/editor/noteBodyDoc';
import { AppDB } from '../../../src/renderer/db/AppDB';
import { addAttachment, setAttachmentCaption } from '../../../src/renderer/db/attachments';
import { updateLesson } from '../../../src/renderer/db/lessons';
import { applyBackup, planBackup } from '../../../src/renderer/db/backupApply';
import { createNote, saveNoteContent } from '../../../src/renderer/db/notes';
import { gatherRecords } from '../../../src/renderer/features/journal/exportJournal';
import { createSampleExpedition } from '../../../src/renderer/db/sample';
import { SyncSession, type ShareConfig } from '../../../src/renderer/sync/session';
import { readOriginalRequests, writeOriginal, writeOriginalRequest, writePhotoBytes } from '../../../src/renderer/sync/records';
import { attachmentMeta, printedVariant } from '../../../src/shared/journal/records';
import { sha256Hex, type ParticipantEntry } from '../../../src/shared/sync/access';
import { createExpedition, freshView, NodeWebSocket, open, saved, startServer, synced, waitFor } from './helpers';

const opened: { database: AppDB; session?: SyncSession }[] = [];
afterEach(async () => {
  for (const { database, session } of opened.splice(0)) {
    session?.stop();
    database.close();
    await Dexie.delete(database.name);
  }
});

/** A notebook's sync session on the test server, started (and stopped after the test). */
async function startSession(
  database: AppDB,
  url: string,
  expeditionId: string,
  who: Pick<ShareConfig, 'participantId' | 'role' | 'token' | 'name'>,
): Promise<SyncSession> {
  const session = new SyncSession(database, { url, expeditionId, ...who }, { WebSocketPolyfill: NodeWebSocket });
  const entry = opened.find((candidate) => candidate.database === database);
  if (entry) entry.session = session;
  await session.start();
  return session;
}

/** The organiser's notebook sharing the sample expedition on a new server, its session
 *  started, and an empty notebook for a participant. */
async function shareSample() {
  const server = await startServer();
  const organiserDb = new AppDB(`sync-organiser-${performance.now()}`);
  const participantDb = new AppDB(`sync-participant-${performance.now()}`);
  opened.push({ database: organiserDb }, { database: participantDb });
  const expedition = await createSampleExpedition(organiserDb, 'Olga');
  const { tokens } = await createExpedition(server, expedition.id);
  const organiser = await startSession(organiserDb, server.url, expedition.id, {
    participantId: 'organiser',
    role: 'organiser',
    token: tokens.organiser,
    name: 'Olga',
  });
  return { server, expedition, tokens, organiserDb, organiser, participantDb };
}

describe('a shared expedition between two notebooks', () => {
  it('brings the organiser’s expedition to a participant, and each one’s notes to the other', async () => {
    const { server, expedition, tokens, organiserDb, organiser, participantDb: aliceDb } = await shareSample();
    const sampleNotes = await organiserDb.notes.count();
    await waitFor(() => organiser.state.connection === 'online' && organiser.state.waiting === 0, 'the organiser to be saved', 60_000);

    const alice = await startSession(aliceDb, server.url, expedition.id, { participantId: 'alice', role: 'participant', token: tokens.alice, name: 'Alice' });
    await expect.poll(async () => (await aliceDb.expeditions.get(expedition.id))?.title, { timeout: 60_000 }).toBe(expedition.title);
    expect((await aliceDb.expeditions.get(expedition.id))?.participant).toBe('Alice');
    await expect.poll(() => aliceDb.visits.count(), { timeout: 60_000 }).toBe(await organiserDb.visits.count());
    await expect.poll(() => aliceDb.lessons.count(), { timeout: 60_000 }).toBe(await organiserDb.lessons.count());
    await expect.poll(() => aliceDb.notes.count(), { timeout: 60_000 }).toBe(sampleNotes);
    const someNote = (await organiserDb.notes.toArray()).find((note) => note.text.length > 20)!;
    await expect.poll(async () => (await aliceDb.notes.get(someNote.id))?.text, { timeout: 60_000 }).toBe(someNote.text);
    expect(await aliceDb.notes.get(someNote.id)).toMatchObject({ author: 'Olga', authorId: 'organiser' });

    // Alice writes a note; the organiser receives it, with her name.
    const visit = (await aliceDb.visits.toArray())[0]!;
    const hers = await createNote(aliceDb, { expeditionId: expedition.id, visitId: visit.id, author: 'Alice' });
    await saveNoteContent(aliceDb, hers.id, markdownToNote('Vu chez Michelin : #apprendre/ensemble'));
    await expect.poll(async () => (await organiserDb.notes.get(hers.id))?.text, { timeout: 60_000 }).toBe('Vu chez Michelin : #apprendre/ensemble');
    expect(await organiserDb.notes.get(hers.id)).toMatchObject({ author: 'Alice', authorId: 'alice', tags: ['apprendre/ensemble'] });

    // Her photo reaches the organiser once, bytes and all; a caption changed later follows.
    const bytes = new Uint8Array(300_000).map((_, at) => (at * 7) % 251);
    const photo = await addAttachment(aliceDb, {
      expeditionId: expedition.id,
      noteId: hers.id,
      name: 'presse.jpg',
      mime: 'image/jpeg',
      size: bytes.length,
      width: 1600,
      height: 1200,
      blob: new Blob([bytes], { type: 'image/jpeg' }),
      display: null,
      caption: 'La presse',
      capturedAt: null,
    });
    await expect.poll(async () => (await organiserDb.attachments.get(photo.id))?.caption, { timeout: 60_000 }).toBe('La presse');
    const received = (await organiserDb.attachments.get(photo.id))!;
    expect(new Uint8Array(await received.blob.arrayBuffer())).toEqual(bytes);
    expect(received).toMatchObject({ noteId: hers.id, name: 'presse.jpg', mime: 'image/jpeg', width: 1600, height: 1200 });
    await setAttachmentCaption(aliceDb, photo.id, 'La presse à vulcaniser');
    await expect.poll(async () => (await organiserDb.attachments.get(photo.id))?.caption, { timeout: 60_000 }).toBe('La presse à vulcaniser');

    // Her synthesis of a lesson stays hers; the organiser reads it beside their own.
    const lesson = (await aliceDb.lessons.toArray())[0]!;
    const synthesis = markdownToNote('Ce que j’en retiens : **ouvrir** les portes.').state;
    await updateLesson(aliceDb, lesson.id, { synthesis });
    await expect.poll(async () => (await organiserDb.syntheses.get(`${lesson.id}/alice`))?.state, { timeout: 60_000 }).toBe(synthesis);
    expect((await organiserDb.lessons.get(lesson.id))?.synthesis).not.toBe(synthesis);

    // Alice's notebook restarts: it sends nothing of anyone else's as hers.
    alice.stop();
    const again = await startSession(aliceDb, server.url, expedition.id, { participantId: 'alice', role: 'participant', token: tokens.alice, name: 'Alice' });
    await waitFor(() => again.state.connection === 'online' && again.state.waiting === 0, 'Alice to be saved again', 60_000);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    const authors = async (database: AppDB) => Object.fromEntries((await database.notes.toArray()).map((note) => [note.id, note.authorId ?? 'local']));
    const organiserAuthors = await authors(organiserDb);
    expect(Object.values(organiserAuthors).filter((author) => author === 'alice')).toHaveLength(1);
    expect((await authors(aliceDb))[someNote.id]).toBe('organiser');

    // A backup of the organiser's notebook merged into Alice's adds nothing twice, and
    // makes none of the organiser's notes hers.
    const count = await aliceDb.notes.count();
    const records = await gatherRecords(organiserDb, expedition.id);
    await applyBackup(aliceDb, await planBackup(aliceDb, { name: 'olga.carnet', createdAt: new Date().toISOString(), records, attachments: [] }, 'merge'));
    expect(await aliceDb.notes.count()).toBe(count);
    expect((await authors(aliceDb))[someNote.id]).toBe('organiser');
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(Object.values(await authors(organiserDb)).filter((author) => author === 'alice')).toHaveLength(1);

    // The organiser edits one of theirs: Alice sees the edit.
    const edited = markdownToNote('Texte revu par l’organisatrice');
    await saveNoteContent(organiserDb, someNote.id, { ...edited });
    await expect.poll(async () => (await aliceDb.notes.get(someNote.id))?.text, { timeout: 60_000 }).toBe('Texte revu par l’organisatrice');
  }, 160_000);

  it('lets the organiser invite a participant, see them join, and revoke them', async () => {
    const { server, expedition, organiser, participantDb: brunoDb } = await shareSample();
    let participants: ParticipantEntry[] = [];
    organiser.watchParticipants((list) => (participants = list));

    const invitation = await organiser.invite('Bruno');
    expect(invitation).toMatchObject({ server: server.url, expedition: expedition.id, name: 'Bruno' });
    expect(participants.find((entry) => entry.id === invitation.participant)).toMatchObject({ name: 'Bruno', revoked: false, lastSeen: 0 });

    const bruno = await startSession(brunoDb, server.url, expedition.id, {
      participantId: invitation.participant,
      role: 'participant',
      token: invitation.token,
      name: 'Bruno',
    });
    await expect.poll(async () => (await brunoDb.expeditions.get(expedition.id))?.participant, { timeout: 60_000 }).toBe('Bruno');
    // The server wrote when Bruno was last seen, and the organiser sees it.
    await waitFor(() => (participants.find((entry) => entry.id === invitation.participant)?.lastSeen ?? 0) > 0, 'Bruno to be seen', 60_000);

    organiser.revoke(invitation.participant);
    await waitFor(() => bruno.state.connection === 'refused', 'Bruno to be refused', 60_000);
    expect(bruno.state.reason).toBe('revoked');
  }, 160_000);

  it('lets everyone write the group’s synthesis of a lesson, offline too, into every notebook, and shows who is there', async () => {
    const { server, expedition, tokens, organiserDb, organiser, participantDb: aliceDb } = await shareSample();
    const alice = await startSession(aliceDb, server.url, expedition.id, { participantId: 'alice', role: 'participant', token: tokens.alice, name: 'Alice' });
    const lesson = (await organiserDb.lessons.toArray())[0]!;
    await expect.poll(() => aliceDb.lessons.get(lesson.id), { timeout: 60_000 }).toBeTruthy();
    const olgas = await organiser.groupSynthesis(lesson.id);
    const hers = await alice.groupSynthesis(lesson.id);
    const groupText = async (database: AppDB) => {
      const record = await database.groupSyntheses.get(lesson.id);
      return record ? noteStateToMarkdown(record.state).trim() : null;
    };

    noteStateToDoc(markdownToNote('Ouvrir les portes.').state, olgas.doc);
    await expect.poll(() => groupText(aliceDb), { timeout: 60_000 }).toBe('Ouvrir les portes.');

    // Alice offline adds a paragraph while the organiser adds another: both are kept, once.
    alice.pause();
    noteStateToDoc(markdownToNote('Ouvrir les portes.\n\nApprendre des start-up.').state, hers.doc);
    noteStateToDoc(markdownToNote('Ouvrir les portes.\n\nValoriser les compétences.').state, olgas.doc);
    await expect.poll(() => groupText(aliceDb), { timeout: 10_000 }).toBe('Ouvrir les portes.\n\nApprendre des start-up.');
    alice.resume();
    await expect
      .poll(async () => (await groupText(organiserDb))?.split('\n\n').sort(), { timeout: 60_000 })
      .toEqual(['Apprendre des start-up.', 'Ouvrir les portes.', 'Valoriser les compétences.']);
    await expect.poll(() => groupText(aliceDb), { timeout: 60_000 }).toBe(await groupText(organiserDb));
    expect((await aliceDb.groupSyntheses.get(lesson.id))?.expeditionId).toBe(expedition.id);

    // Presence: who edits the synthesis is seen by the others.
    hers.awareness.setLocalStateField('name', 'Alice');
    await expect
      .poll(() => [...olgas.awareness.getStates().values()].map((state) => (state as { name?: string }).name), { timeout: 30_000 })
      .toContain('Alice');
  }, 160_000);
});

/** Bytes of `length` that start as an image of `kind` announces itself. */
function imageBytes(kind: 'png' | 'jpeg', length: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(length).map((_, at) => (at * seed + (at >> 13)) % 251);
  bytes.set(kind === 'png' ? [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] : [0xff, 0xd8, 0xff, 0xe0]);
  return bytes;
}

describe('a photo’s original, on request', () => {
  it('reaches the participant who asked, once its author is online, verified and kept with the display copy; for everyone after', async () => {
    const { server, expedition, tokens, organiserDb, organiser, participantDb: aliceDb } = await shareSample();
    const warnings = vi.spyOn(console, 'warn');
    const note = (await organiserDb.notes.toArray())[0]!;
    const addPhoto = (name: string, original: Uint8Array<ArrayBuffer>, copy: Uint8Array<ArrayBuffer>) =>
      addAttachment(organiserDb, {
        expeditionId: expedition.id,
        noteId: note.id,
        name,
        mime: 'image/png',
        size: original.length,
        width: 6000,
        height: 4000,
        blob: new Blob([original], { type: 'image/png' }),
        display: new Blob([copy], { type: 'image/jpeg' }),
        caption: '',
        capturedAt: null,
      });
    const original = imageBytes('png', 10 * 1024 * 1024, 31);
    const copy = imageBytes('jpeg', 300_000, 7);
    const photo = await addPhoto('atelier.png', original, copy);
    const otherOriginal = imageBytes('png', 1_000_000, 13);
    const other = await addPhoto('presse.png', otherOriginal, imageBytes('jpeg', 100_000, 11));

    const alice = await startSession(aliceDb, server.url, expedition.id, { participantId: 'alice', role: 'participant', token: tokens.alice, name: 'Alice' });
    await expect.poll(async () => (await aliceDb.attachments.bulkGet([photo.id, other.id])).every(Boolean), { timeout: 60_000 }).toBe(true);
    await expect.poll(() => alice.originalState(photo.id), { timeout: 60_000 }).toEqual({ status: 'available', author: 'organiser', size: original.length });
    expect(new Uint8Array(await (await aliceDb.attachments.get(photo.id))!.blob.arrayBuffer())).toEqual(copy);

    // The organiser goes offline: Alice's request waits in her document.
    organiser.stop();
    alice.requestOriginal(photo.id);
    await expect.poll(() => alice.originalState(photo.id), { timeout: 60_000 }).toMatchObject({ status: 'requested', authorOnline: false });

    // A modified client of the organiser's announces an original whose chunk was tampered
    // with: Alice's notebook refuses it and keeps the photo as it was.
    const otherSha = await sha256Hex(otherOriginal);
    const tampered = otherOriginal.slice();
    tampered[500_000]! ^= 1;
    const chunk = open(server.url, `carnet/${expedition.id}/photo/organiser/${otherSha}-0`, tokens.organiser);
    await synced(chunk);
    writePhotoBytes(chunk.doc, tampered);
    await saved(chunk);
    const forger = open(server.url, `carnet/${expedition.id}/participant/organiser`, tokens.organiser);
    await synced(forger);
    writeOriginal(forger.doc, other.id, { sha256: otherSha, size: otherOriginal.length, chunks: 1 });
    await saved(forger);
    forger.provider.destroy();
    alice.requestOriginal(other.id);
    await expect.poll(() => alice.originalState(other.id).status, { timeout: 60_000 }).toBe('refused');
    expect(warnings).toHaveBeenCalledWith(`[carnet] sync: refused the original of ${other.id} from organiser: its SHA-256 is not the one announced`);
    expect((await aliceDb.attachments.get(other.id))?.display).toBeNull();

    // A request (from a modified client) for a photo the organiser does not have: harmless.
    const asker = open(server.url, `carnet/${expedition.id}/participant/alice`, tokens.alice);
    await synced(asker);
    writeOriginalRequest(asker.doc, 'no-such-photo', 'organiser');
    await saved(asker);
    asker.provider.destroy();

    // The organiser's notebook comes back: it shares the original, Alice receives it.
    const back = await startSession(organiserDb, server.url, expedition.id, {
      participantId: 'organiser',
      role: 'organiser',
      token: tokens.organiser,
      name: 'Olga',
    });
    await expect.poll(async () => Boolean((await aliceDb.attachments.get(photo.id))?.display), { timeout: 120_000 }).toBe(true);
    const received = (await aliceDb.attachments.get(photo.id))!;
    expect(await sha256Hex(new Uint8Array(await received.blob.arrayBuffer()))).toBe(await sha256Hex(original));
    expect(new Uint8Array(await received.display!.arrayBuffer())).toEqual(copy);
    expect(received).toMatchObject({ size: original.length, mime: 'image/png' });
    expect(received.blob.type).toBe('image/png');
    expect(received.display!.type).toBe('image/jpeg');
    // Its chunks were never stored in either notebook: the attachments hold the bytes.
    const chunks = `carnet/${expedition.id}/photo/organiser/${await sha256Hex(original)}-`;
    for (const database of [aliceDb, organiserDb]) expect(await database.syncDocs.where('name').startsWith(chunks).count()).toBe(0);
    // Exported as a local photo: the journal prints the display copy, a backup carries the original.
    expect(printedVariant(attachmentMeta(received))).toBe('display');
    await expect.poll(() => alice.originalState(photo.id), { timeout: 60_000 }).toEqual({ status: 'here', author: 'organiser', size: original.length });
    const requests = () => freshView(server, `carnet/${expedition.id}/participant/alice`, tokens.bob, readOriginalRequests);
    await expect.poll(async () => (await requests()).has(photo.id), { timeout: 60_000 }).toBe(false);
    expect((await requests()).get('no-such-photo')).toBe('organiser');
    await expect
      .poll(() => warnings.mock.calls.filter(([line]) => String(line).includes('no-such-photo')), { timeout: 60_000 })
      .toEqual([['[carnet] sync: alice asked for the original of no-such-photo, not a photo of this notebook with a display copy']]);
    expect((await organiserDb.attachments.get(other.id))?.display).not.toBeNull();

    // Shared once, for everyone: Bob gets it while the organiser is offline again.
    back.stop();
    const bobDb = new AppDB(`sync-bob-${performance.now()}`);
    opened.push({ database: bobDb });
    const bob = await startSession(bobDb, server.url, expedition.id, { participantId: 'bob', role: 'participant', token: tokens.bob, name: 'Bob' });
    await expect.poll(() => bob.originalState(photo.id).status, { timeout: 60_000 }).toBe('available');
    bob.requestOriginal(photo.id);
    await expect.poll(async () => Boolean((await bobDb.attachments.get(photo.id))?.display), { timeout: 120_000 }).toBe(true);
    expect(await sha256Hex(new Uint8Array(await (await bobDb.attachments.get(photo.id))!.blob.arrayBuffer()))).toBe(await sha256Hex(original));
    warnings.mockRestore();
  }, 300_000);
});
