// The journal export (issue 6) through the dialog: export a PDF of the sample expedition,
// see the progress and "Show in folder"; cancel an export midway and find no file left.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';

afterAll(stopHarness);

describe('journal export', () => {
  it('exports a PDF through the dialog, then cancels an export midway leaving nothing', async () => {
    const session = await launchCarnet();
    const { page, platform } = session;
    await openSample(page, 'Camille');
    await page.getByRole('navigation', { name: 'Visites' }).waitFor();

    // Bytes travel from the renderer to main as a Uint8Array (the schema accepts them;
    // the job is unknown).
    const transport = await page.evaluate(() =>
      (window as unknown as { carnet: { exportAttachment: (p: unknown) => Promise<{ ok: boolean; error?: { message: string } }> } }).carnet.exportAttachment({
        jobId: '00000000-0000-4000-8000-000000000000',
        attachmentId: 'x',
        variant: 'original',
        bytes: new Uint8Array([1, 2, 3]),
      }),
    );
    expect(transport.error?.message).toBe('This export is over or unknown.');

    // File › Export journal…
    await session.menu('exportJournal');
    const dialog = page.getByRole('dialog', { name: 'Exporter le cahier de voyage' });
    await expect.poll(() => dialog.getByLabel('Titre').inputValue()).toBe('Innover ensemble en Auvergne');
    await expect.poll(() => dialog.getByLabel('Auteur').inputValue()).toBe('Camille');
    await dialog.getByRole('button', { name: 'Exporter' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Cahier exporté' }).waitFor({ timeout: 30_000 });
    const pdf = join(platform.saveDir, 'innover-ensemble-en-auvergne.pdf');
    expect(existsSync(pdf)).toBe(true);
    const contents = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    expect(contents).toContain('Sommaire');
    expect(contents).toMatch(/Michelin — pratiques d’innovation ouverte\s+4/);
    await page.screenshot({ path: resolve(__dirname, '../../test-results/journal-exported-fr.png') });
    await dialog.getByRole('button', { name: 'Afficher dans le dossier' }).click();
    await expect.poll(() => platform.shownInFolder).toEqual([pdf]);
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    // A second export, held while it prints, then cancelled.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((done) => (release = done));
    const open = platform.openForPrinting;
    platform.openForPrinting = async (htmlPath: string) => {
      await gate;
      return open(htmlPath);
    };
    platform.saveAnswers.push(join(platform.saveDir, 'annule.pdf'));
    await page.getByRole('button', { name: 'Exporter le cahier de voyage' }).click();
    await dialog.getByRole('button', { name: 'Exporter' }).click();
    await dialog.getByRole('status').filter({ hasText: 'Écriture du fichier' }).waitFor();
    expect(await dialog.getByRole('progressbar', { name: 'Progression de l’export' }).isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Annuler l’export' }).click();
    release();
    await dialog.getByRole('status').filter({ hasText: 'Export annulé' }).waitFor({ timeout: 30_000 });
    // Only the first export is there: no annule.pdf, no temporary file.
    expect(readdirSync(platform.saveDir)).toEqual(['innover-ensemble-en-auvergne.pdf']);
    await session.close();
  });
});
