// The sample expedition shared live, as people do it: the organiser shares it with a sync
// server on loopback (a wrong address refused first) and invites participants, who join
// with the invitation's code (a code cut short refused first). Used by the sharing tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startSyncServer } from '../../src/main/sync/server';
import { launchCarnet, type CarnetSession } from './harness';
import { openSample } from './onboarding';

const DURING_MICHELIN = Date.parse('2024-11-20T10:00:00+01:00');
const TITLE = 'Innover ensemble en Auvergne';

/** In the open sharing dialog: the server and its admin key, then Share. The page reloads
 *  to allow the server; resolves with the dialog once it offers to invite participants. */
export async function shareFromDialog(page: Page, url: string, adminKey: string): Promise<Locator> {
  const before = page.getByRole('dialog', { name: 'Expédition partagée' });
  await before.getByLabel('Adresse du serveur').fill(url);
  await before.getByLabel('Clé d’administration du serveur').fill(adminKey);
  await before.getByRole('button', { name: 'Partager', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Expédition partagée' });
  await dialog.getByLabel('Nom du participant').waitFor({ timeout: 30_000 });
  return dialog;
}

export async function syncStatus(page: Page): Promise<string> {
  return page.getByTitle('État de la synchronisation').innerText();
}

async function invite(page: Page, name: string): Promise<{ code: string; link: string }> {
  const dialog = page.getByRole('dialog', { name: 'Expédition partagée' });
  await dialog.getByLabel('Nom du participant').fill(name);
  await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
  const card = dialog.getByRole('region', { name: `Invitation de ${name}` });
  await card.getByRole('img', { name: `QR code de l’invitation de ${name}` }).waitFor();
  return { code: await card.getByRole('textbox', { name: 'Code' }).inputValue(), link: await card.getByRole('textbox', { name: 'Lien' }).inputValue() };
}

/** A new notebook; once it shows the expedition from the server, synchronised. */
async function joined(session: CarnetSession): Promise<CarnetSession> {
  // The page reloads to allow the server; the expedition then arrives from it.
  await session.page.getByRole('heading', { name: TITLE }).waitFor({ timeout: 30_000 });
  await expect.poll(() => syncStatus(session.page), { timeout: 30_000 }).toBe('Synchronisé');
  return session;
}

async function joinWithCode(code: string, cleanups: (() => unknown)[]): Promise<CarnetSession> {
  const session = await launchCarnet({ now: DURING_MICHELIN });
  cleanups.push(() => session.close().catch(() => undefined));
  const { page } = session;
  await page.getByRole('button', { name: 'Rejoindre une expédition' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rejoindre une expédition' });
  // A code cut by a chat is refused with a reason, nothing stored.
  await dialog.getByLabel('Lien ou code d’invitation').fill(code.slice(0, 30));
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  await dialog.getByRole('alert').filter({ hasText: 'Ce n’est pas une invitation Carnet complète' }).waitFor();
  expect(await dialog.getByRole('status').count()).toBe(0);
  await dialog.getByLabel('Lien ou code d’invitation').fill(code);
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  return joined(session);
}

/** The invitation's link opened on a computer where Carnet has just started: the system
 *  hands it to main, which tells the page; the join dialog shows it, to confirm. */
async function joinWithLink(link: string, cleanups: (() => unknown)[]): Promise<CarnetSession> {
  const session = await launchCarnet({ now: DURING_MICHELIN });
  cleanups.push(() => session.close().catch(() => undefined));
  await session.page.getByRole('button', { name: 'Rejoindre une expédition' }).waitFor();
  expect(session.platform.invitations.receive(link)).toBe(true);
  await session.menu('openInvitation');
  const dialog = session.page.getByRole('dialog', { name: 'Rejoindre une expédition' });
  expect(await dialog.getByLabel('Lien ou code d’invitation').inputValue()).toBe(link);
  // What the link says, to be confirmed: whom it is for and which server.
  await dialog
    .getByRole('status')
    .filter({ hasText: /^Invitation au nom de [^,]+, sur le serveur 127\.0\.0\.1:\d+\.$/ })
    .waitFor();
  await dialog.getByRole('button', { name: 'Rejoindre' }).click();
  return joined(session);
}

/** The sync server on loopback, in a scratch folder, that the tests of a file share (the
 *  pages of the harness allow one server's origin, which every notebook of a file keeps). */
let server: Promise<{ url: string; adminKey: string }> | null = null;
function syncServer(cleanups: (() => unknown)[]): Promise<{ url: string; adminKey: string }> {
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

/** The organiser ("Olga Martin") sharing the sample expedition, and a notebook per
 *  participant joined: the first pastes the invitation's code, the others open its link
 *  (carnet://join?…) as the system would hand it to Carnet. `cleanups` gets what stops
 *  them and the server. */
export async function shareSampleLive(
  names: string[],
  cleanups: (() => unknown)[],
  /** Invited, never joining. */
  absent: string[] = [],
  /** What the organiser does in the sample before sharing it. */
  beforeSharing: (page: Page) => Promise<void> = async () => undefined,
): Promise<{ organiser: CarnetSession; participants: CarnetSession[] }> {
  const { url, adminKey } = await syncServer(cleanups);
  const organiser = await launchCarnet({ now: DURING_MICHELIN });
  cleanups.push(() => organiser.close().catch(() => undefined));
  const olga = organiser.page;
  await openSample(olga, 'Olga Martin');
  await beforeSharing(olga);
  await olga.getByRole('button', { name: 'Partager l’expédition' }).click();
  const before = olga.getByRole('dialog', { name: 'Expédition partagée' });
  await before.getByLabel('Adresse du serveur').fill('http://127.0.0.1:1');
  await before.getByRole('button', { name: 'Partager', exact: true }).click();
  await before.getByRole('alert').filter({ hasText: 'doit commencer par ws:// ou wss://' }).waitFor();
  // Allowing the server reloads the page; the dialog carries on and registers.
  const dialog = await shareFromDialog(olga, url, adminKey);
  await expect.poll(() => syncStatus(olga), { timeout: 30_000 }).toBe('Synchronisé');
  const invitations: { code: string; link: string }[] = [];
  for (const name of names) invitations.push(await invite(olga, name));
  for (const name of absent) await invite(olga, name);
  await dialog.getByRole('button', { name: 'Fermer' }).click();

  const participants: CarnetSession[] = [];
  for (const [index, invitation] of invitations.entries())
    participants.push(await (index === 0 ? joinWithCode(invitation.code, cleanups) : joinWithLink(invitation.link, cleanups)));
  return { organiser, participants };
}
/** Exports the HTML journal with these notes; its text. */
export async function exportJournal(session: CarnetSession, name: string, whose: string, structure?: RegExp): Promise<string> {
  const { page, platform } = session;
  const path = join(platform.saveDir, name);
  platform.saveAnswers.push(path);
  await session.menu('exportJournal');
  const dialog = page.getByRole('dialog', { name: 'Exporter le cahier de voyage' });
  await dialog.getByLabel('Format').selectOption({ label: 'HTML (un seul fichier)' });
  await dialog.getByRole('radio', { name: whose }).check();
  if (structure) await dialog.getByRole('radio', { name: structure }).check();
  await dialog.getByRole('button', { name: 'Exporter' }).click();
  await dialog.getByRole('status').filter({ hasText: 'Cahier exporté' }).waitFor({ timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
  return readFileSync(path, 'utf8');
}
