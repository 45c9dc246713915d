// Takes the README's screenshots again from the app as it is: the main window, a lesson
// page, an expedition being shared and its organiser's group overview (the built renderer
// in Chromium through the browser host, a sync server on loopback), and two pages
// of the sample's PDF journal (the built CLI, then pdftoppm). Run: npm run build, then
// npx tsx scripts/screenshots.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchCarnet, stopHarness } from '../src/main/platform/browser';
import { startSyncServer } from '../src/main/sync/server';

const ROOT = resolve(__dirname, '..');
const OUT = join(ROOT, 'docs/screenshots');
/** During the Michelin visit of the sample, so that it shows as in progress. */
const DURING_MICHELIN = Date.parse('2024-11-20T10:40:00+01:00');

async function appScreenshots(): Promise<void> {
  const session = await launchCarnet({ locale: 'fr-FR', now: DURING_MICHELIN, viewport: { width: 1360, height: 820 } });
  const { page } = session;
  try {
    await page.getByLabel('Votre nom').fill('Camille Dupont');
    await page.getByRole('button', { name: /expédition exemple/ }).click();
    await page.getByRole('heading', { name: 'Innover ensemble en Auvergne' }).waitFor();
    await page
      .getByRole('navigation', { name: 'Visites' })
      .getByRole('button', { name: /Michelin/ })
      .click();
    await page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Les compétences des salariés/ })
      .click();
    await page.getByRole('textbox', { name: 'Texte de la note' }).waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(OUT, 'main-window-fr.png') });

    await page.getByRole('list', { name: 'Enseignements' }).getByRole('button').first().click();
    await page.waitForTimeout(800);
    await page.screenshot({ path: join(OUT, 'lesson-fr.png') });
  } finally {
    await session.close();
  }
}

/** The organiser's sharing dialog with an invitation, a participant reading the
 *  organiser's note, the organiser's overview of the group, and a lesson's group
 *  synthesis written by both. */
async function sharingScreenshots(): Promise<void> {
  const server = await startSyncServer({
    port: 4455,
    host: '127.0.0.1',
    dataDir: mkdtempSync(join(tmpdir(), 'carnet-screenshots-sync-')),
    newAdminKey: true,
    log: () => undefined,
  });
  const organiser = await launchCarnet({ locale: 'fr-FR', now: DURING_MICHELIN, viewport: { width: 1360, height: 820 } });
  const participant = await launchCarnet({ locale: 'fr-FR', now: DURING_MICHELIN, viewport: { width: 1360, height: 820 } });
  try {
    const olga = organiser.page;
    await olga.getByLabel('Votre nom').fill('Olga Martin');
    await olga.getByRole('button', { name: /expédition exemple/ }).click();
    await olga.getByRole('button', { name: 'Partager l’expédition' }).click();
    let dialog = olga.getByRole('dialog', { name: 'Expédition partagée' });
    await dialog.getByLabel('Adresse du serveur').fill(`ws://127.0.0.1:${server.port}`);
    await dialog.getByLabel('Clé d’administration du serveur').fill(server.adminKey ?? '');
    await dialog.getByRole('button', { name: 'Partager', exact: true }).click();
    dialog = olga.getByRole('dialog', { name: 'Expédition partagée' });
    await dialog.getByLabel('Nom du participant').waitFor({ timeout: 30_000 });
    await dialog.getByLabel('Nom du participant').fill('Alice Bernard');
    await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
    const code = await dialog.getByRole('textbox', { name: 'Code' }).inputValue();
    await dialog.getByLabel('Nom du participant').fill('Bruno Petit');
    await dialog.getByRole('button', { name: 'Créer l’invitation' }).click();
    await olga.waitForTimeout(800);
    await olga.screenshot({ path: join(OUT, 'sharing-fr.png') });

    const alice = participant.page;
    await alice.getByRole('button', { name: 'Rejoindre une expédition' }).click();
    await alice.getByLabel('Lien ou code d’invitation').fill(code);
    await alice.getByRole('button', { name: 'Rejoindre', exact: true }).click();
    await alice.getByRole('heading', { name: 'Innover ensemble en Auvergne' }).waitFor({ timeout: 30_000 });
    await alice.keyboard.press('Control+Shift+N');
    await alice.keyboard.type('Chez Michelin, la #rd/pneus avance avec les start-ups du territoire.', { delay: 10 });
    await alice
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Les compétences des salariés/ })
      .click();
    await alice.waitForTimeout(1500);
    await alice.screenshot({ path: join(OUT, 'shared-note-fr.png') });

    await olga.keyboard.press('Escape');
    await olga.getByRole('complementary').getByRole('button', { name: 'Suivi du groupe' }).click();
    await olga.getByRole('rowheader', { name: 'Alice Bernard' }).waitFor();
    await olga.waitForTimeout(800);
    await olga.screenshot({ path: join(OUT, 'group-overview-fr.png') });

    // The group's synthesis of a lesson, written by both, Alice's cursor on Olga's screen.
    for (const page of [olga, alice]) {
      await page.getByRole('list', { name: 'Enseignements' }).getByRole('button', { name: 'Savoir valoriser ses ressources' }).click();
    }
    const synthesis = (page: typeof olga) => page.getByRole('textbox', { name: 'Synthèse du groupe' });
    await synthesis(olga).focus();
    await olga.keyboard.type('Les salariés innovent avec les start-ups du territoire : on leur donne du temps et de l’air.', { delay: 5 });
    await alice.getByRole('button', { name: /^Citer « On ne demande pas aux gens/ }).click();
    await synthesis(alice).focus();
    await alice.keyboard.press('Control+End');
    await alice.keyboard.type('Le Village by CA fait de même avec ses start-ups', { delay: 5 });
    await olga.locator('.collab-cursors').getByText('Alice Bernard', { exact: true }).waitFor({ timeout: 15_000 });
    await olga.waitForTimeout(800);
    await olga.screenshot({ path: join(OUT, 'group-synthesis-fr.png') });
  } finally {
    await participant.close();
    await organiser.close();
    await server.close();
  }
}

function journalScreenshots(): void {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-screenshots-'));
  const pdf = join(dir, 'journal.pdf');
  execFileSync(process.execPath, [join(ROOT, 'out/main/cli.js'), 'journal', join(ROOT, 'test/fixtures/sample.carnet'), '--format', 'pdf', '--out', pdf]);
  const page = (number: number, name: string) => {
    execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(number), '-l', String(number), '-singlefile', pdf, join(dir, name)]);
    renameSync(join(dir, `${name}.png`), join(OUT, `${name}.png`));
  };
  page(2, 'journal-contents-fr');
  page(4, 'journal-visit-fr');
}

void appScreenshots()
  .then(sharingScreenshots)
  .then(stopHarness)
  .then(journalScreenshots)
  .then(
    () => console.log(`screenshots written to ${OUT}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
