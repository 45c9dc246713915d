// Import through the app (issue 5): the sample expedition's programme, lessons and notes
// folder, each previewed then confirmed, then seen in the app; a broken file is refused
// with a message and nothing changes.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness, type CarnetSession } from './harness';
import { startEmptyExpedition } from './onboarding';

afterAll(stopHarness);

const FIXTURES = resolve(__dirname, '../fixtures/sample-expedition');

async function importFile(session: CarnetSession, kind: RegExp, path: string): Promise<Page> {
  const { page } = session;
  session.platform.dialogAnswers.push([path]);
  await page.getByRole('button', { name: 'Importer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importer' });
  await dialog.getByRole('button', { name: kind }).click();
  await dialog.getByRole('region', { name: 'Aperçu de l’import' }).waitFor();
  return page;
}

describe('import through the app', () => {
  it('imports the programme, the lessons and a notes folder, and refuses a broken file', async () => {
    const session = await launchCarnet();
    const { page } = session;
    await startEmptyExpedition(page, 'Camille', 'Clermont 2024');
    const dialog = page.getByRole('dialog', { name: 'Importer' });

    // A truncated calendar: a clear message, nothing written.
    const broken = join(mkdtempSync(join(tmpdir(), 'carnet-broken-')), 'programme.ics');
    writeFileSync(broken, 'BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nSUMMARY:Coup');
    session.platform.dialogAnswers.push([broken]);
    await page.getByRole('button', { name: 'Importer…' }).click();
    await dialog.getByRole('button', { name: /Programme des visites/ }).click();
    await dialog.getByRole('alert').filter({ hasText: 'Rien n’a été enregistré.' }).waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).click();

    await importFile(session, /Programme des visites/, join(FIXTURES, 'programme.ics'));
    await dialog.getByRole('status').filter({ hasText: 'À importer : 5 visite(s), 0 enseignement(s), 0 note(s).' }).waitFor();
    await dialog.getByRole('cell', { name: /^Michelin — pratiques/ }).waitFor();
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: /Importé : 5 visite\(s\).*0 ignoré\(s\) sur 5/ })
      .waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    // The same programme again: the preview says every visit is already there, and adds none.
    await importFile(session, /Programme des visites/, join(FIXTURES, 'programme.ics'));
    await dialog
      .getByRole('status')
      .filter({
        hasText: 'À importer : 0 visite(s), 0 enseignement(s), 0 note(s). Déjà dans le carnet, ne seront pas ajoutés : 5 visite(s), 0 enseignement(s).',
      })
      .waitFor();
    await dialog.getByRole('cell', { name: /^Michelin — pratiques.*déjà dans le carnet$/ }).waitFor();
    await dialog.getByRole('button', { name: 'Annuler' }).click();

    await importFile(session, /^Enseignements/, join(FIXTURES, 'lessons.md'));
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: /4 enseignement\(s\)/ })
      .waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    await importFile(session, /Dossier de notes/, join(FIXTURES, 'notes'));
    await dialog.getByRole('status').filter({ hasText: '3 note(s)' }).waitFor();
    await page.screenshot({ path: resolve(__dirname, '../../test-results/import-preview-fr.png') });
    await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
    await dialog
      .getByRole('status')
      .filter({ hasText: /3 note\(s\)/ })
      .waitFor();
    await dialog.getByRole('button', { name: 'Fermer' }).last().click();

    // What was imported is in the app.
    const visits = page.getByRole('navigation', { name: 'Visites' });
    await expect.poll(() => visits.getByRole('button').count()).toBe(5);
    await expect.poll(() => page.getByRole('list', { name: 'Enseignements' }).getByRole('button').count()).toBe(4);
    await visits.getByRole('button', { name: /Village by CA/ }).click();
    await page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Un village qui réunit/ })
      .click();
    const lessons = page.getByRole('group', { name: 'Enseignements liés à la note' });
    await lessons.getByText('Identifier les combinaisons gagnantes').waitFor();
    await lessons.getByText('Prendre soin avec exigence de son territoire').waitFor();
    await expect
      .poll(() => page.locator('.Carnet__hashtag').allInnerTexts())
      .toEqual(expect.arrayContaining(['#gagnant-gagnant', '#start-ups', '#écosystème']));
    await session.close();
  });
});
