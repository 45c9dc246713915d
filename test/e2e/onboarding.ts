// The first screen, as a new user goes through it: a name, then the sample expedition or
// an empty one of their own.
import type { Page } from 'playwright-core';

export async function openSample(page: Page, name: string): Promise<void> {
  await page.getByLabel(/Votre nom|Your name/).fill(name);
  await page.getByRole('button', { name: /expédition exemple|sample expedition/ }).click();
  await page.getByRole('heading', { name: 'Innover ensemble en Auvergne' }).waitFor();
}

export async function startEmptyExpedition(page: Page, name: string, title: string): Promise<void> {
  await page.getByLabel('Votre nom').fill(name);
  await page.getByLabel('Titre de l’expédition').fill(title);
  await page.getByRole('button', { name: 'Créer une expédition vide' }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}
