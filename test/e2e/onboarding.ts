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

export interface VisitFields {
  title: string;
  date: string;
  start: string;
  end?: string;
  speaker?: [string, string];
}

/** A new visit, from its button, its form filled and saved. */
export async function addVisit(page: Page, visit: VisitFields): Promise<void> {
  await page.getByRole('button', { name: 'Nouvelle visite' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Nouvelle visite' });
  await dialog.getByLabel('Titre').fill(visit.title);
  await dialog.getByLabel('Date').fill(visit.date);
  await dialog.getByLabel('Début').fill(visit.start);
  if (visit.end) await dialog.getByLabel('Fin').fill(visit.end);
  if (visit.speaker) {
    await dialog.getByRole('button', { name: 'Ajouter un intervenant' }).click();
    await dialog.getByRole('textbox', { name: 'Nom' }).fill(visit.speaker[0]);
    await dialog.getByRole('textbox', { name: 'Fonction' }).fill(visit.speaker[1]);
  }
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await dialog.waitFor({ state: 'detached' });
}
