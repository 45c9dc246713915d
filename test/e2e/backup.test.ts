// Backups in the app (issues 5 and 7): a snapshot taken now and on quit, restored from
// Settings; an empty notebook offered its newest snapshot; a .carnet file merged through
// File › Import.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample, startEmptyExpedition } from './onboarding';
import { readStore } from './pageData';

afterAll(stopHarness);

const SAMPLE_BACKUP = resolve(__dirname, '../fixtures/sample.carnet');

async function notesTexts(page: Page): Promise<string[]> {
  return (await readStore<{ text: string; deletedAt: number | null }>(page, 'notes'))
    .filter((n) => n.deletedAt === null)
    .map((n) => n.text)
    .sort();
}

describe('backups', () => {
  it('snapshots the notebook, restores a snapshot, and offers it when the notebook is empty', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'carnet-data-'));
    let session = await launchCarnet({ dataDir });
    let page = session.page;
    await openSample(page, 'Camille');

    await page.getByRole('button', { name: 'Réglages' }).click();
    const settings = page.getByRole('dialog', { name: 'Réglages' });
    await settings.getByRole('button', { name: 'Sauvegarder maintenant' }).click();
    await settings.getByRole('status').filter({ hasText: 'Sauvegarde enregistrée.' }).waitFor();
    await expect.poll(() => settings.getByRole('list', { name: 'Sauvegardes automatiques' }).getByRole('listitem').count()).toBe(1);
    await settings.getByRole('button', { name: 'Fermer' }).click();
    const saved = await notesTexts(page);

    // Write more, then put the snapshot back: the new note goes, the rest is as saved.
    await page.getByRole('button', { name: 'Nouvelle note' }).click();
    await page.keyboard.type('Écrite après la sauvegarde');
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await page.waitForTimeout(1100);
    expect(await notesTexts(page)).toContain('Écrite après la sauvegarde');
    await page.getByRole('button', { name: 'Réglages' }).click();
    await settings.getByRole('button', { name: /^Restaurer la sauvegarde Innover ensemble en Auvergne/ }).click();
    const restore = page.getByRole('dialog', { name: 'Sauvegarde Carnet' });
    await restore.getByText('1 élément(s) écrit(s) depuis la sauvegarde seront retirés.').waitFor();
    await restore.getByRole('button', { name: 'Restaurer', exact: true }).click();
    await restore.getByRole('status').filter({ hasText: 'Sauvegarde appliquée.' }).waitFor();
    expect(await notesTexts(page)).toEqual(saved);

    // Quitting takes a last snapshot, then tells main it may close.
    await session.menu('snapshotBeforeQuit');
    await expect.poll(() => session.platform.quitsReady).toBe(1);
    await session.close();

    // A new, empty profile with the same data folder: the newest snapshot is offered.
    session = await launchCarnet({ dataDir });
    page = session.page;
    await page.getByRole('heading', { name: 'Bienvenue dans Carnet' }).waitFor();
    await page.getByRole('button', { name: 'Restaurer la plus récente' }).click();
    await page.getByRole('dialog', { name: 'Sauvegarde Carnet' }).getByRole('button', { name: 'Restaurer', exact: true }).click();
    // The restored expedition opens at once, in place of the welcome screen.
    await page.getByRole('heading', { name: 'Innover ensemble en Auvergne' }).waitFor();
    expect(await notesTexts(page)).toEqual(saved);
    await page.screenshot({ path: resolve(__dirname, '../../test-results/backup-restored.png') });
    await session.close();
  });

  it('merges a .carnet file from File › Import, saying what it adds', async () => {
    const session = await launchCarnet();
    const { page } = session;
    await startEmptyExpedition(page, 'Sam', 'Vide');
    session.platform.dialogAnswers.push([SAMPLE_BACKUP]);
    await page.getByRole('button', { name: 'Importer…' }).click();
    await page
      .getByRole('dialog', { name: 'Importer' })
      .getByRole('button', { name: /Sauvegarde Carnet/ })
      .click();
    const merge = page.getByRole('dialog', { name: 'Sauvegarde Carnet' });
    await merge
      .getByRole('list', { name: 'Ce que cela fera' })
      .getByText(/^Notes : \d+ ajouté\(s\), 0 mis à jour/)
      .waitFor();
    await merge.getByRole('button', { name: 'Fusionner', exact: true }).click();
    await merge.getByRole('status').filter({ hasText: 'Sauvegarde appliquée.' }).waitFor();
    expect((await readStore(page, 'expeditions')).length).toBe(2);
    expect((await readStore(page, 'attachments')).length).toBeGreaterThan(0);
    await session.close();
  });
});
