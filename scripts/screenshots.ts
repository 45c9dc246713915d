// Takes the README's screenshots again from the app as it is: the main window and a
// lesson page (the built renderer in Chromium through the browser host), and two pages
// of the sample's PDF journal (the built CLI, then pdftoppm). Run: npm run build, then
// npx tsx scripts/screenshots.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launchCarnet, stopHarness } from '../src/main/platform/browser';

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
    await stopHarness();
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
  .then(journalScreenshots)
  .then(
    () => console.log(`screenshots written to ${OUT}`),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
