// A long session, as a participant has one (issue 14): quick capture, typing, pastes and
// drops between autosaves, search, import, the trash — and every pasted photo, pasted
// HTML and typed line is still in its note at the end, on screen and stored.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness, type CarnetSession } from './harness';
import { openSample } from './onboarding';
import { drawnImage, dropFile, editorOf, pasteFile, quickCapture, readStore } from './pageData';
import { blocksOfState } from './typing/readState';
import { editorState, waitSaved } from './typing/check';
import { Typist } from './typing/keyboard';

afterAll(stopHarness);

async function importNote(session: CarnetSession, folder: string, round: number): Promise<void> {
  const { page } = session;
  const file = join(folder, `importee-${round}.md`);
  writeFileSync(file, `---\ntitle: Importée ${round}\n---\nUne note importée, tour ${round}. #import\n`);
  session.platform.dialogAnswers.push([file]);
  await page.getByRole('button', { name: 'Importer…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Importer' });
  await dialog.getByRole('button', { name: /^Notes \(fichier Markdown\)/ }).click();
  await dialog.getByRole('region', { name: 'Aperçu de l’import' }).waitFor();
  await dialog.getByRole('button', { name: 'Importer', exact: true }).click();
  await dialog
    .getByRole('status')
    .filter({ hasText: /Importé/ })
    .waitFor();
  await dialog.getByRole('button', { name: 'Fermer' }).last().click();
}

async function searchAndOpen(page: Page, words: string): Promise<void> {
  await page.keyboard.press('Control+k');
  await page.keyboard.type(words, { delay: 20 });
  await page.getByRole('listbox', { name: 'Résultats de la recherche' }).locator('mark').first().waitFor();
  await page.keyboard.press('Enter');
  await page.keyboard.press('Escape');
}

describe('a long session', () => {
  it('keeps every paste, drop and typed line of notes captured between searches, imports and the trash', async () => {
    // During the Michelin visit, the clock standing still as in a recorded walk.
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await openSample(page, 'Camille');
    const typist = await Typist.on(page, 25);
    const folder = mkdtempSync(join(tmpdir(), 'carnet-walk-'));
    const image = await drawnImage(page, 'image/png', 320, 200);
    const captured: { line: string; images: number; html: string | null }[] = [];

    for (let round = 1; round <= 4; round++) {
      // A throwaway note, trashed; a search that opens another note; an import.
      await quickCapture(page);
      await typist.type(`Brouillon ${round} à jeter`);
      await waitSaved(page);
      await page.getByRole('button', { name: 'Mettre la note à la corbeille' }).click();
      await searchAndOpen(page, 'competen');
      await importNote(session, folder, round);

      // The note that matters: a line, then pastes and drops between autosaves.
      await quickCapture(page);
      const line = `Tour ${round} : l’atelier #industrie/pneu`;
      await typist.type(line);
      const pasteNow = round % 2 === 1;
      if (!pasteNow) await waitSaved(page);
      await (round === 3 ? dropFile : pasteFile)(page, image, `photo-${round}.png`, 'image/png');
      await editorOf(page).locator('img').first().waitFor();
      await typist.press('Control+End');
      await typist.type(' suite');
      const html = round % 2 === 0 ? `Collé ${round} en gras` : null;
      if (html) await typist.paste({ 'text/html': `<p>Collé ${round} <b>en gras</b></p>`, 'text/plain': html });
      await waitSaved(page);
      captured.push({ line, images: 1, html });

      const blocks = blocksOfState(await editorState(page));
      const text = blocks.map((block) => block.text).join('\n');
      expect(text, `round ${round} on screen`).toContain(line);
      expect(
        blocks.filter((block) => block.kind === 'image'),
        `round ${round}: the photo on screen`,
      ).toHaveLength(1);
      if (html) expect(text, `round ${round}: the HTML paste on screen`).toContain(html);
    }

    // Every captured note is stored with its line, its photo and its paste.
    const notes = await readStore<{ id: string; text: string; deletedAt: number | null }>(page, 'notes');
    const states = new Map((await readStore<{ id: string; state: string }>(page, 'noteStates')).map((row) => [row.id, row.state]));
    const attachments = await readStore<{ noteId: string }>(page, 'attachments');
    for (const { line, html } of captured) {
      const note = notes.find((candidate) => candidate.text.startsWith(line));
      expect(note, `stored: ${line}`).toBeDefined();
      const blocks = blocksOfState(states.get(note!.id)!);
      expect(
        blocks.filter((block) => block.kind === 'image'),
        `stored photo: ${line}`,
      ).toHaveLength(1);
      expect(attachments.filter((attachment) => attachment.noteId === note!.id)).toHaveLength(1);
      if (html) expect(note!.text).toContain(html);
    }
    await session.close();
  });
});
