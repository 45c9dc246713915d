// Sharing the expedition on screen as its organiser, with a sync server on loopback.
import type { Locator, Page } from 'playwright-core';

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
