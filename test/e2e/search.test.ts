import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';

afterAll(stopHarness);

describe('search', () => {
  it('finds a note by an unaccented prefix as you type, highlights it, and opens it with Enter', async () => {
    const session = await launchCarnet({ locale: 'fr-FR' });
    const { page } = session;
    await openSample(page, 'Camille Dupont');

    await page.keyboard.press('Control+k');
    const box = page.getByRole('combobox', { name: 'Rechercher dans les notes' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('competen');
    const results = page.getByRole('listbox', { name: 'Résultats de la recherche' });
    await results
      .locator('mark', { hasText: /^compétences$/i })
      .first()
      .waitFor();
    await page.screenshot({ path: resolve(__dirname, '../../test-results/search-fr.png') });

    // Hostile input answers at once, without an error.
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await box.fill('.*+?^${}()|[]\\ 😀');
    await page.getByText('Aucune note trouvée.').waitFor();
    await box.fill('x'.repeat(10_000));
    await page.getByText('Aucune note trouvée.').waitFor();
    expect(errors).toEqual([]);

    await box.fill('');
    await box.focus();
    await page.keyboard.type('competen');
    await results.locator('mark').first().waitFor();
    await page.keyboard.press('Enter');
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.innerText()).toMatch(/compétences/i);

    // The index is kept in a worker, which sees the page's writes: a word typed in the
    // note is found once the note is saved.
    expect(page.workers().some((worker) => worker.url().includes('search.worker'))).toBe(true);
    await editor.click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' zinzolin');
    await page.keyboard.press('Control+k');
    await page.keyboard.type('zinzol');
    await results
      .locator('mark', { hasText: /^zinzolin$/i })
      .first()
      .waitFor();

    // The worker saves its index; after a restart it starts from it and still finds the word.
    await expect
      .poll(
        () =>
          page.evaluate(
            () =>
              new Promise<number>((resolve) => {
                const request = indexedDB.open('carnet');
                request.onsuccess = () => {
                  const count = request.result.transaction('searchIndexes').objectStore('searchIndexes').count();
                  count.onsuccess = () => resolve(count.result);
                  request.result.close();
                };
              }),
          ),
        { timeout: 20_000 },
      )
      .toBe(1);
    await page.reload();
    await box.fill('zinzol');
    await results
      .locator('mark', { hasText: /^zinzolin$/i })
      .first()
      .waitFor();
    expect(errors).toEqual([]);
    await session.close();
  });

  it('takes in a note typed while the system clock stands still', async () => {
    // The harness freezes Date.now (timers run): the index's typing hold is measured on a
    // monotonic clock, so it still ends.
    const session = await launchCarnet({ locale: 'fr-FR', now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await openSample(page, 'Camille Dupont');
    await page.keyboard.press('Control+Shift+N');
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type('Le vulcanisateur nous montre la presse', { delay: 30 });
    await page.keyboard.press('Control+k');
    await page.keyboard.type('vulcanis');
    const results = page.getByRole('listbox', { name: 'Résultats de la recherche' });
    await results
      .locator('mark', { hasText: /^vulcanisateur$/i })
      .first()
      .waitFor({ timeout: 15_000 });
    await session.close();
  });

  it('opens the search with Ctrl+K from every view: the matrix, a lesson, the tags, the trash and the settings', async () => {
    const session = await launchCarnet({ locale: 'fr-FR' });
    const { page } = session;
    await openSample(page, 'Camille Dupont');
    const box = page.getByRole('combobox', { name: 'Rechercher dans les notes' });
    const sidebar = page.getByRole('complementary');
    const views: [string, () => Promise<void>][] = [
      ['the matrix', () => sidebar.getByRole('button', { name: 'Matrice visites × enseignements' }).click()],
      ['a lesson', () => page.getByRole('list', { name: 'Enseignements' }).getByRole('button').first().click()],
      ['the tags', () => sidebar.getByRole('button', { name: 'Étiquettes' }).click()],
      ['the trash', () => sidebar.getByRole('button', { name: 'Corbeille', exact: true }).click()],
      ['the settings', () => sidebar.getByRole('button', { name: 'Réglages' }).click()],
    ];
    for (const [view, open] of views) {
      await open();
      await page.waitForTimeout(200);
      await page.keyboard.press('Control+k');
      await expect.poll(() => box.evaluate((el) => el === document.activeElement), { message: view }).toBe(true);
      await page.keyboard.type('competen');
      await page.getByRole('listbox', { name: 'Résultats de la recherche' }).locator('mark').first().waitFor();
      await box.fill('');
    }
    expect(await page.getByRole('dialog').count()).toBe(0);
    await session.close();
  });
});
