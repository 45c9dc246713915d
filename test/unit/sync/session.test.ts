// A shared expedition between two notebooks through the real server on loopback: the
// organiser's notebook shares the sample expedition, a participant's empty notebook joins
// it and sees the programme, the lessons and the organiser's notes; each writes a note
// the other receives; the participant, offline for a while, catches up.
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
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
import type { ParticipantEntry } from '../../../src/shared/sync/access';
import { createExpedition, NodeWebSocket, startServer, waitFor } from './helpers';

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
