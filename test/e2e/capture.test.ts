// Capture during visits (issue 3): an expedition with two visits, quick capture to the
// visit happening now, a quote with its speaker and a pasted photo, moving, trashing and
// restoring a note, then a crash — and everything is still there.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { addVisit, openSample, startEmptyExpedition } from './onboarding';
import { drawnImage, pasteFile, readStore } from './pageData';

afterAll(stopHarness);

const DURING_MICHELIN = Date.parse('2024-11-20T10:00:00+01:00');

async function notesOf(page: Page): Promise<string[]> {
  return page.getByRole('list', { name: 'Notes' }).getByRole('button').allInnerTexts();
}

describe('capture during visits', () => {
  it('creates visits, captures quickly into the visit happening now, quotes, moves, trashes, restores and survives a crash', async () => {
    let session = await launchCarnet({ now: DURING_MICHELIN });
    let page = session.page;
    const { profileDir } = session;

    await startEmptyExpedition(page, 'Camille', 'Auvergne 2024');
    await page.getByText('Aucune visite pour l’instant.').first().waitFor();

    // A visit with a bad time range is refused with a message.
    await page.getByRole('button', { name: 'Nouvelle visite' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle visite' });
    await dialog.getByLabel('Titre').fill('À l’envers');
    await dialog.getByLabel('Date').fill('2024-11-20');
    await dialog.getByLabel('Début').fill('12:00');
    await dialog.getByLabel('Fin').fill('11:00');
    await dialog.getByRole('button', { name: 'Enregistrer' }).click();
    await dialog.getByRole('alert').filter({ hasText: 'La fin doit venir après le début.' }).waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    await addVisit(page, { title: 'Michelin', date: '2024-11-20', start: '09:15', end: '12:30', speaker: ['Claire Vernet', 'Responsable innovation'] });
    await addVisit(page, { title: 'Village by CA', date: '2024-11-20', start: '14:30', end: '17:30' });
    const visitList = page.getByRole('navigation', { name: 'Visites' });
    await expect
      .poll(() => visitList.getByRole('button').allInnerTexts())
      .toEqual([expect.stringMatching(/^Michelin\s*En cours\s*09:15 – 12:30$/), expect.stringMatching(/^Village by CA\s*14:30 – 17:30$/)]);

    // Quick capture from another visit goes to the one happening now.
    await visitList.getByRole('button', { name: /Village by CA/ }).click();
    await page.getByRole('heading', { name: 'Village by CA', level: 2 }).waitFor();
    await page.keyboard.press('Control+Shift+N');
    await page.getByRole('heading', { name: 'Michelin', level: 2 }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('« On leur donne de l’air. »');
    await expect.poll(() => notesOf(page)).toEqual([expect.stringContaining('« On leur donne de l’air. »')]);

    // A quote, with its speaker picked from the visit's speakers.
    await page.getByRole('combobox', { name: 'Type de note' }).selectOption('quote');
    await page.getByRole('combobox', { name: 'Intervenant cité' }).fill('Claire Vernet');
    await expect.poll(() => notesOf(page)).toEqual([expect.stringMatching(/^CITATION/)]);

    // A photo pasted into the quote's note is shown inline and kept.
    await page.getByRole('textbox', { name: 'Texte de la note' }).click();
    await page.keyboard.press('End');
    await pasteFile(page, await drawnImage(page, 'image/jpeg', 640, 480), 'atelier.jpg', 'image/jpeg');
    await page.getByRole('textbox', { name: 'Texte de la note' }).locator('img').waitFor();

    // The menu's "New note" does the same as the shortcut.
    await session.menu('newNote');
    await page.keyboard.type('Seconde note, à supprimer puis restaurer');
    await expect.poll(async () => (await notesOf(page)).length).toBe(2);

    // Trash it, then restore it from the trash.
    await page.getByRole('button', { name: 'Mettre la note à la corbeille' }).click();
    await expect.poll(async () => (await notesOf(page)).length).toBe(1);
    await page.getByRole('button', { name: 'Corbeille', exact: true }).click();
    const trash = page.getByRole('dialog', { name: 'Corbeille' });
    await trash.getByRole('button', { name: /Restaurer « Seconde note/ }).click();
    await trash.getByText('La corbeille est vide.').waitFor();
    await trash.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(async () => (await notesOf(page)).length).toBe(2);

    // Move the quote to the other visit.
    await page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Citation/ })
      .click();
    await page.getByRole('combobox', { name: 'Visite :' }).selectOption({ label: 'Village by CA' });
    await expect.poll(async () => (await notesOf(page)).length).toBe(1);
    await page.waitForTimeout(1200);

    // A crash: the browser is killed with no warning.
    await session.crash();
    session = await launchCarnet({ profileDir, now: DURING_MICHELIN });
    page = session.page;
    await page.getByRole('heading', { name: 'Auvergne 2024' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Visites' })
      .getByRole('button', { name: /Village by CA/ })
      .click();
    // The list follows the chosen visit through two live queries: give a busy machine time.
    await page.getByRole('heading', { name: 'Village by CA', level: 2 }).waitFor();
    await expect.poll(() => notesOf(page), { timeout: 10_000 }).toEqual([expect.stringMatching(/^CITATION\s*« On leur donne de l’air. »/)]);
    await page.getByRole('list', { name: 'Notes' }).getByRole('button').first().click();
    await expect.poll(() => page.getByRole('combobox', { name: 'Intervenant cité' }).inputValue()).toBe('Claire Vernet');
    await page.getByRole('textbox', { name: 'Texte de la note' }).locator('img').waitFor();
    expect(await readStore(page, 'attachments')).toHaveLength(1);
    await page
      .getByRole('navigation', { name: 'Visites' })
      .getByRole('button', { name: /Michelin/ })
      .click();
    await page.getByRole('heading', { name: 'Michelin', level: 2 }).waitFor();
    await expect.poll(() => notesOf(page), { timeout: 10_000 }).toEqual([expect.stringContaining('Seconde note, à supprimer puis restaurer')]);
    await page.screenshot({ path: resolve(__dirname, '../../test-results/capture.png') });
    await session.close();
  });

  it('loses at most the last second of typing when the browser is killed mid-sentence', async () => {
    let session = await launchCarnet();
    const { profileDir } = session;
    let page = session.page;
    await openSample(page, 'Camille');
    await page.getByRole('button', { name: 'Nouvelle note' }).click();
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);

    const sentence = 'Les partenaires du territoire apprennent ensemble en continu ';
    const typedAt: number[] = [];
    const started = Date.now();
    while (Date.now() - started < 3500) {
      const char = sentence[typedAt.length % sentence.length]!;
      await page.keyboard.type(char);
      typedAt.push(Date.now());
      await page.waitForTimeout(25);
    }
    const killedAt = Date.now();
    await session.crash();

    session = await launchCarnet({ profileDir });
    page = session.page;
    const reopened = page.getByRole('textbox', { name: 'Texte de la note' });
    await reopened.waitFor();
    const saved = (await reopened.innerText()).trim();
    const typed = typedAt.map((_, i) => sentence[i % sentence.length]).join('');
    const mustHave = typedAt.filter((at) => at <= killedAt - 1000).length;
    expect(typed.startsWith(saved)).toBe(true);
    expect(saved.length).toBeGreaterThanOrEqual(mustHave - 1);
    await session.close();
  });

  it('shows a note as last saved when its visit is left and come back to, or after another note', async () => {
    const session = await launchCarnet();
    const { page } = session;
    await openSample(page, 'Camille');
    const visits = page.getByRole('navigation', { name: 'Visites' });
    await visits.getByRole('button', { name: /Michelin/ }).click();
    const notes = page.getByRole('list', { name: 'Notes' }).getByRole('button');
    await notes.first().click();
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Ajouté pendant la visite.');
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await expect.poll(() => editor.innerText()).toContain('Ajouté pendant la visite.');

    // Another visit, then back: the note is read again, with what was typed.
    await visits.getByRole('button', { name: /Village by CA/ }).click();
    await visits.getByRole('button', { name: /Michelin/ }).click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toContain('Ajouté pendant la visite.');
    // Another note, then back.
    await notes.nth(1).click();
    await notes.first().click();
    await expect.poll(() => page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toContain('Ajouté pendant la visite.');
    await session.close();
  });
});
