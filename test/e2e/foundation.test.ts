import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';

const SHOTS = resolve(__dirname, '../../test-results');
mkdirSync(SHOTS, { recursive: true });

afterAll(stopHarness);

describe('first launch, writing, and nothing lost', () => {
  it('speaks the system language first, opens the sample, and keeps typed notes across reloads and restarts', async () => {
    let session = await launchCarnet({ locale: 'fr-FR' });
    const { page, profileDir } = session;
    await page.getByRole('heading', { name: 'Bienvenue dans Carnet' }).waitFor();
    await openSample(session.page, 'Camille Dupont');

    await page.getByRole('button', { name: /Michelin — pratiques/ }).click();
    await expect.poll(() => page.getByRole('list', { name: 'Notes' }).getByRole('listitem').count()).toBe(3);

    await page.getByRole('button', { name: 'Nouvelle note' }).click();
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Première ligne tapée au clavier #énergie');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Deuxième ligne');
    await expect.poll(() => page.locator('.Carnet__hashtag', { hasText: '#énergie' }).count()).toBe(1);
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await page.waitForTimeout(1100);

    await page.reload();
    await page.getByRole('textbox', { name: 'Texte de la note' }).waitFor();
    await expect.poll(() => page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toContain('Deuxième ligne');
    await page.screenshot({ path: resolve(SHOTS, 'main-window-fr.png') });
    await session.close();

    session = await launchCarnet({ profileDir, locale: 'fr-FR' });
    const after = session.page;
    const list = after.getByRole('list', { name: 'Notes' });
    await list.getByRole('button', { name: /Première ligne tapée au clavier/ }).waitFor();
    await expect.poll(() => list.getByRole('listitem').count()).toBe(4);
    await expect
      .poll(() => after.getByRole('textbox', { name: 'Texte de la note' }).innerText())
      .toMatch(/Première ligne tapée au clavier #énergie\s+Deuxième ligne/);
    await session.close();
  });

  it('starts in English on an English system and can switch language', async () => {
    const session = await launchCarnet({ locale: 'en-GB' });
    const { page } = session;
    await page.getByRole('heading', { name: 'Welcome to Carnet' }).waitFor();
    await openSample(session.page, 'Sam Taylor');
    await page.getByRole('button', { name: /Village by CA/ }).click();
    await page.getByRole('list', { name: 'Notes' }).getByRole('button').first().click();
    await page.getByRole('textbox', { name: 'Note text' }).waitFor();
    await page.screenshot({ path: resolve(SHOTS, 'main-window-en.png') });
    await page.getByRole('button', { name: 'Settings' }).click();
    const settings = page.getByRole('dialog', { name: 'Settings' });
    await settings
      .getByRole('status')
      .filter({ hasText: /Persistent storage|Storage not persistent/ })
      .waitFor();
    await settings.getByRole('combobox', { name: 'Language' }).selectOption('fr');
    await page
      .getByRole('dialog', { name: 'Réglages' })
      .getByText(/Espace utilisé/)
      .waitFor();
    await page.getByRole('button', { name: 'Nouvelle note' }).waitFor();
    expect(session.platform.menuLanguage).toBe('fr');
    await session.close();
  });
});
