// Every main view, checked by axe-core as a screen reader user would meet it: the first
// screen, the workspace, a lesson, the matrix, the tags, search results, the import and
// export dialogs, the settings and a visit's form, and once the expedition is shared (a
// sync server on loopback), the organiser's group overview. No serious or critical
// violation.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { startSyncServer } from '../../src/main/sync/server';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';
import { shareFromDialog } from './sharedExpedition';

afterAll(stopHarness);

const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** The serious and critical violations on the page as it is now, one line each. */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: Violation[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return found
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) => violation.nodes.map((node) => `${violation.id} (${violation.impact}) at ${node.target.join(' ')}: ${violation.help}`));
}

describe('accessibility', () => {
  it('has no serious or critical axe violation on any main view', async () => {
    const session = await launchCarnet({ locale: 'fr-FR' });
    const { page } = session;
    const seen: Record<string, string[]> = {};
    const check = async (view: string) => {
      await page.waitForTimeout(300);
      seen[view] = await violations(page);
    };

    await page.getByLabel('Votre nom').waitFor();
    await check('first screen');
    await page.getByRole('button', { name: 'Rejoindre une expédition' }).click();
    await page.getByRole('dialog', { name: 'Rejoindre une expédition' }).waitFor();
    await check('joining an expedition');
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await openSample(page, 'Camille');
    await page.getByRole('list', { name: 'Notes' }).getByRole('button').first().click();
    await page.getByRole('textbox', { name: 'Texte de la note' }).waitFor();
    await check('workspace with a note open');

    const sidebar = page.getByRole('complementary');
    await page.getByRole('list', { name: 'Enseignements' }).getByRole('button').first().click();
    await check('a lesson');
    await sidebar.getByRole('button', { name: 'Matrice visites × enseignements' }).click();
    await check('the matrix');
    await sidebar.getByRole('button', { name: 'Étiquettes' }).click();
    await check('the tags');

    await page.keyboard.press('Control+k');
    await page.keyboard.type('territoire');
    await page.getByRole('listbox', { name: 'Résultats de la recherche' }).locator('mark').first().waitFor();
    await check('search results');
    await page.keyboard.press('Escape');

    for (const [view, open, dialog] of [
      ['import', 'Importer…', 'Importer'],
      ['export', 'Exporter le cahier de voyage', 'Exporter le cahier de voyage'],
      ['settings', 'Réglages', 'Réglages'],
      ['a new visit', 'Nouvelle visite', 'Nouvelle visite'],
      ['sharing', 'Partager l’expédition', 'Expédition partagée'],
    ] as const) {
      await page.getByRole('button', { name: open, exact: true }).first().click();
      await page.getByRole('dialog', { name: dialog }).waitFor();
      await check(view);
      await page.keyboard.press('Escape');
      await page.getByRole('dialog').waitFor({ state: 'detached' });
    }

    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-a11y-sync-'));
    const server = await startSyncServer({ port: 0, host: '127.0.0.1', dataDir, newAdminKey: true, log: () => undefined });
    await page.getByRole('button', { name: 'Partager l’expédition', exact: true }).click();
    await shareFromDialog(page, `ws://127.0.0.1:${server.port}`, server.adminKey ?? '');
    await page.keyboard.press('Escape');
    await sidebar.getByRole('button', { name: 'Suivi du groupe' }).click();
    await page.getByRole('table', { name: 'Notes par participant et par visite' }).waitFor();
    await check('the group overview');

    expect(seen).toEqual(Object.fromEntries(Object.keys(seen).map((view) => [view, []])));
    // Every screen has its main landmark.
    expect(await page.getByRole('main').count()).toBe(1);
    await session.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens a dialog with the keys in its first field, and gives the focus back to what opened it', async () => {
    const session = await launchCarnet({ locale: 'fr-FR' });
    const { page } = session;
    await openSample(page, 'Camille');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? '');

    // A title typed at once, spaces included, lands in the title (the close button,
    // first in the dialog, would have closed it at the first space).
    const opener = page.getByRole('button', { name: 'Nouvelle visite', exact: true }).first();
    await opener.click();
    const dialog = page.getByRole('dialog', { name: 'Nouvelle visite' });
    await dialog.waitFor();
    await page.keyboard.type('Visite de l’usine Bosch', { delay: 30 });
    expect(await dialog.getByRole('textbox', { name: 'Titre' }).inputValue()).toBe('Visite de l’usine Bosch');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await opener.evaluate((button) => button === document.activeElement)).toBe(true);

    // From the keyboard: Enter on Réglages, Escape, and Tab goes on from Réglages.
    const settings = page.getByRole('button', { name: 'Réglages', exact: true });
    await settings.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog', { name: 'Réglages' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(await focused()).toBe('Réglages');

    // A dialog without a field opens on its first choice, not on its close button.
    await page.getByRole('button', { name: 'Importer…', exact: true }).click();
    await page.getByRole('dialog', { name: 'Importer' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('dialog') !== null && !document.activeElement?.closest('.dialog-header'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'detached' });

    // A new expedition starts with the name given for this one, the focus on its title.
    const switcher = page.getByRole('combobox', { name: 'Changer d’expédition' });
    await switcher.selectOption('__new__');
    const form = page.getByRole('dialog', { name: 'Nouvelle expédition' });
    await form.waitFor();
    expect(await form.getByRole('textbox', { name: /^Votre nom/ }).inputValue()).toBe('Camille');
    await page.keyboard.type('Lyon 2025', { delay: 20 });
    expect(await form.getByRole('textbox', { name: /^Titre/ }).inputValue()).toBe('Lyon 2025');
    await page.keyboard.press('Escape');
    await form.waitFor({ state: 'detached' });
    await session.close();
  });
});
