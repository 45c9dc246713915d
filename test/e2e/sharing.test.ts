// Sharing an expedition live (issue 17), as three people do it: an organiser shares the
// sample expedition with a sync server on loopback and invites two participants, who
// join with the invitation's code; each types a note key by key, one of them offline;
// all three end with the same notes, the same authors and the same lesson links.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startSyncServer } from '../../src/main/sync/server';
import { launchCarnet, stopHarness, type CarnetSession } from './harness';
import { openSample } from './onboarding';
import { drawnImage, editorOf, pasteFile, quickCapture, readStore, storedAttachments } from './pageData';
import { editorState, expectStateToMatch, storedStates, waitSaved } from './typing/check';
import { Typist } from './typing/keyboard';
import { generateSession } from './typing/script';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await stopHarness();
});

const DURING_MICHELIN = Date.parse('2024-11-20T10:00:00+01:00');
const TITLE = 'Innover ensemble en Auvergne';

interface StoredNote {
  id: string;
  text: string;
  author: string;
  authorId?: string;
  lessonIds: string[];
  tags: string[];
  deletedAt: number | null;
}

/** The notes as this notebook holds them, in an order every notebook shares. */
async function notesOf(page: Page): Promise<Omit<StoredNote, 'authorId'>[]> {
  const notes = await readStore<StoredNote>(page, 'notes');
  return notes
    .filter((note) => note.deletedAt === null)
    .map(({ id, text, author, lessonIds, tags, deletedAt }) => ({ id, text, author, lessonIds: [...lessonIds].sort(), tags, deletedAt }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

async function syncStatus(page: Page): Promise<string> {
  return page.getByTitle('État de la synchronisation').innerText();
}

/** The sync server on loopback, in a scratch folder, that the tests share (the app's
 *  pages allow one server's origin, which every notebook of this file keeps). */
let server: Promise<{ url: string; adminKey: string }> | null = null;
function syncServer(): Promise<{ url: string; adminKey: string }> {
  server ??= (async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-sync-e2e-'));
    const started = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir, newAdminKey: true, log: () => undefined });
    cleanups.push(
      () => rmSync(dataDir, { recursive: true, force: true }),
      () => started.close(),
    );
    return { url: `ws://127.0.0.1:${started.port}`, adminKey: started.adminKey ?? '' };
  })();
  return server;
}

/** The organiser shares the expedition on screen from the sharing dialog, open: once the
 *  page has reloaded to allow the server, the dialog, ready to invite. */
async function share(page: Page, url: string, adminKey: string) {
  // A locator finds its element again after the reload that allows the server.
  const dialog = page.getByRole('dialog', { name: 'Expédition partagée' });
  await dialog.getByLabel('Adresse du serveur').fill(url);
  await dialog.getByLabel('Clé d’administration du serveur').fill(adminKey);
  await dialog.getByRole('button', { name: 'Partager', exact: true }).click();
  await dialog.getByLabel('Nom du participant').waitFor({ timeout: 30_000 });
  await expect.poll(() => syncStatus(page), { timeout: 30_000 }).toBe('Synchronisé');
  return dialog;
}

async function invite(page: Page, name: string): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Expédition partagée' });
  await dialog.getByLabel('Nom du participant').fill(name);
  await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
  const card = dialog.getByRole('region', { name: `Invitation de ${name}` });
  await card.getByRole('img', { name: `QR code de l’invitation de ${name}` }).waitFor();
  return card.getByRole('textbox', { name: 'Code' }).inputValue();
}

async function joinWith(code: string): Promise<CarnetSession> {
  const session = await launchCarnet({ now: DURING_MICHELIN });
  cleanups.push(() => session.close().catch(() => undefined));
  const { page } = session;
  await page.getByRole('button', { name: 'Rejoindre une expédition' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rejoindre une expédition' });
  // A code cut by a chat is refused with a reason, nothing stored.
  await dialog.getByLabel('Lien ou code d’invitation').fill(code.slice(0, 30));
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Ce n’est pas une invitation Carnet complète' }).waitFor();
  await dialog.getByLabel('Lien ou code d’invitation').fill(code);
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  // The page reloads to allow the server; the expedition then arrives from it.
  await page.getByRole('heading', { name: TITLE }).waitFor({ timeout: 30_000 });
  await expect.poll(() => syncStatus(page), { timeout: 30_000 }).toBe('Synchronisé');
  return session;
}

/** A note captured in the visit happening now, typed key by key. */
async function typeNote(page: Page, text: string): Promise<void> {
  await quickCapture(page);
  await page.keyboard.type(text, { delay: 25 });
  await expect.poll(() => editorOf(page).innerText()).toBe(text);
}

/** Exports the HTML journal with these notes; its text. */
async function exportJournal(session: CarnetSession, name: string, whose: string): Promise<string> {
  const { page, platform } = session;
  const path = join(platform.saveDir, name);
  platform.saveAnswers.push(path);
  await session.menu('exportJournal');
  const dialog = page.getByRole('dialog', { name: 'Exporter le cahier de voyage' });
  await dialog.getByLabel('Format').selectOption({ label: 'HTML (un seul fichier)' });
  await dialog.getByRole('radio', { name: whose }).check();
  await dialog.getByRole('button', { name: 'Exporter' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Cahier exporté' }).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
  return readFileSync(path, 'utf8');
}

describe('an expedition shared live', () => {
  it('brings an organiser and two participants to the same notes, one of them offline for a while', async () => {
    const { url, adminKey } = await syncServer();

    // The organiser shares the sample expedition.
    const organiser = await launchCarnet({ now: DURING_MICHELIN });
    cleanups.push(() => organiser.close().catch(() => undefined));
    const olga = organiser.page;
    await openSample(olga, 'Olga Martin');
    await olga.getByRole('button', { name: 'Partager l’expédition' }).click();
    const sharing = olga.getByRole('dialog', { name: 'Expédition partagée' });
    await sharing.getByLabel('Adresse du serveur').fill('http://127.0.0.1:1');
    await sharing.getByRole('button', { name: 'Partager', exact: true }).click();
    await sharing.getByRole('alert').filter({ hasText: 'doit commencer par ws:// ou wss://' }).waitFor();
    const dialog = await share(olga, url, adminKey);
    const aliceCode = await invite(olga, 'Alice Bernard');
    const brunoCode = await invite(olga, 'Bruno Petit');
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    const alice = await joinWith(aliceCode);
    const bruno = await joinWith(brunoCode);
    // Everyone's notebook holds the sample's notes, by the organiser.
    const sample = await notesOf(olga);
    await expect.poll(() => notesOf(alice.page), { timeout: 30_000 }).toEqual(sample);
    await expect.poll(() => notesOf(bruno.page), { timeout: 30_000 }).toEqual(sample);
    expect(new Set(sample.map((note) => note.author))).toEqual(new Set(['Olga Martin']));

    // Alice writes online; Bruno writes offline, then comes back.
    await typeNote(alice.page, 'Chez Michelin, la #rd/pneus avance avec les start-ups : « on apprend ensemble ».');
    // A generated writing session (accents, elisions, nested tags, Markdown shortcuts,
    // undo, compositions…) typed into a shared note, whose editor edits its document live.
    const before = new Set((await notesOf(alice.page)).map((note) => note.id));
    const typing = generateSession(17_040, 90);
    const typist = await Typist.on(alice.page, 40);
    await quickCapture(alice.page);
    for (const step of typing.steps) await typist.play(step);
    await waitSaved(alice.page);
    expectStateToMatch(await editorState(alice.page), typing, 40, 'a shared note, bound live');
    const typedId = (await notesOf(alice.page)).find((note) => !before.has(note.id))!.id;

    await bruno.context.setOffline(true);
    await expect.poll(() => syncStatus(bruno.page), { timeout: 30_000 }).toMatch(/^Hors ligne/);
    await typeNote(bruno.page, 'Hors ligne dans l’atelier : #atelier/vulcanisation, 3 presses.');
    await expect.poll(() => syncStatus(bruno.page), { timeout: 10_000 }).toMatch(/^Hors ligne — \d+ modification/);
    await typeNote(olga, 'Synthèse du matin : ouvrir les portes, #confiance.');
    await bruno.context.setOffline(false);

    // Converged: the three notebooks hold the same notes, each with its text.
    const texts = ['Chez Michelin, la #rd/pneus', 'Hors ligne dans l’atelier', 'Synthèse du matin'];
    const converged = async () => {
      const [a, b, c] = await Promise.all([olga, alice.page, bruno.page].map(notesOf));
      const same = JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(b) === JSON.stringify(c);
      return same && texts.every((text) => a?.some((note) => note.text.startsWith(text)));
    };
    await expect.poll(converged, { timeout: 60_000 }).toBe(true);
    const final = await notesOf(olga);
    expect(final).toHaveLength(sample.length + 4);
    // What Alice typed is, character for character, what the organiser's notebook holds.
    expectStateToMatch((await storedStates(olga)).get(typedId) ?? '{"root":{}}', typing, 40, 'the organiser’s copy');
    const written = final.filter((note) => !sample.some((known) => known.id === note.id));
    expect(written.map((note) => [note.author, note.tags])).toEqual(
      expect.arrayContaining([
        ['Alice Bernard', ['rd/pneus']],
        ['Bruno Petit', ['atelier/vulcanisation']],
        ['Olga Martin', ['confiance']],
      ]),
    );

    // Another's note shows its author, and cannot be edited.
    await alice.page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Hors ligne dans l’atelier/ })
      .click();
    await alice.page.getByText('Note de Bruno Petit : vous pouvez la lire et la citer').waitFor();
    expect(await editorOf(alice.page).getAttribute('contenteditable')).toBe('false');

    // Whose notes: Alice's alone (her two).
    await alice.page.getByLabel('Notes affichées').selectOption({ label: 'Mes notes' });
    await expect.poll(() => alice.page.getByRole('list', { name: 'Notes' }).getByRole('button').count()).toBe(2);

    // The same collective journal from every notebook; a personal one holds only mine.
    const journals = [];
    for (const [who, session] of [
      ['olga', organiser],
      ['alice', alice],
      ['bruno', bruno],
    ] as const) {
      journals.push(await exportJournal(session, `${who}-groupe.html`, 'Celles de tout le groupe, chacune avec son auteur'));
    }
    expect(journals[1]).toBe(journals[0]);
    expect(journals[2]).toBe(journals[0]);
    for (const author of ['Olga Martin', 'Alice Bernard', 'Bruno Petit']) expect(journals[0]).toContain(author);
    const personal = await exportJournal(alice, 'alice.html', 'Les miennes');
    expect(personal).toContain('Chez Michelin, la');
    expect(personal).not.toContain('Hors ligne dans l’atelier');

    // The organiser sees who joined.
    await olga.getByTitle('État de la synchronisation').click();
    const participants = olga.getByRole('dialog', { name: 'Expédition partagée' }).getByRole('region', { name: 'Participants' });
    await expect.poll(() => participants.innerText()).toMatch(/Alice Bernard\s*vu le/);
  }, 240_000);

  it('brings the original of a photo to a participant who asks for it', async () => {
    const { url, adminKey } = await syncServer();
    const organiser = await launchCarnet({ now: DURING_MICHELIN });
    cleanups.push(() => organiser.close().catch(() => undefined));
    const olga = organiser.page;
    await openSample(olga, 'Olga Martin');
    // A photo larger than 2,000 px: the group receives its display copy.
    await quickCapture(olga);
    await olga.keyboard.type('Panorama de l’atelier', { delay: 10 });
    const large = await drawnImage(olga, 'image/png', 3000, 1500);
    await pasteFile(olga, large, 'panorama.png', 'image/png');
    await expect.poll(async () => (await storedAttachments(olga)).map((photo) => photo.display !== null)).toEqual([true]);
    await olga.getByRole('button', { name: 'Partager l’expédition' }).click();
    const dialog = await share(olga, url, adminKey);
    const aliceCode = await invite(olga, 'Alice Bernard');
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    const alice = await joinWith(aliceCode);
    await expect
      .poll(async () => (await storedAttachments(alice.page)).map(({ blobSize, display }) => ({ blobSize, display: display !== null })), { timeout: 30_000 })
      .toEqual([{ blobSize: expect.any(Number), display: false }]);
    await alice.page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Panorama de l’atelier/ })
      .click();
    await alice.page.getByRole('button', { name: /^Demander l’original \(\d/ }).click({ timeout: 30_000 });
    await alice.page.getByText(/^Original reçu \(/).waitFor({ timeout: 60_000 });
    const [received] = await storedAttachments(alice.page);
    expect(received).toMatchObject({ name: 'panorama.png', mime: 'image/png', size: large.length, blobSize: large.length, blobHead: [0x89, 0x50, 0x4e, 0x47] });
    expect(received?.display).toMatchObject({ width: 2000, height: 1000, head: [0xff, 0xd8, 0xff, 0xe0] });
  }, 240_000);
});
