// Lessons and tags (issue 4): link a passage and a whole note to lessons, read the lesson
// view and the matrix, merge two tags and check the notes' text.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';

afterAll(stopHarness);

/** Selects `phrase` inside the note editor, as a mouse drag would. */
async function selectPhrase(page: Page, phrase: string): Promise<void> {
  await page.getByRole('textbox', { name: 'Texte de la note' }).evaluate((root, text) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.textContent?.indexOf(text) ?? -1;
      if (at >= 0) {
        (root as HTMLElement).focus();
        const range = document.createRange();
        range.setStart(node, at);
        range.setEnd(node, at + text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return;
      }
    }
    throw new Error(`not found: ${text}`);
  }, phrase);
  await page.waitForTimeout(100);
}

async function selectionRect(page: Page): Promise<{ left: number; bottom: number }> {
  return page.evaluate(() => {
    const rect = window.getSelection()!.getRangeAt(0).getBoundingClientRect();
    return { left: rect.left, bottom: rect.bottom };
  });
}

/** The passage's lesson picker opened right under the selection (moved left only as far
 *  as the window's edge asks). */
async function expectPickerUnder(page: Page, selected: { left: number; bottom: number }): Promise<void> {
  const picker = page.locator('.popover', { has: page.getByRole('combobox', { name: 'Lier le passage à un enseignement' }) });
  const box = (await picker.boundingBox())!;
  expect(box.x).toBeCloseTo(Math.min(selected.left, page.viewportSize()!.width - box.width - 8), 0);
  expect(box.y).toBeCloseTo(selected.bottom + 6, 0);
}

/** The sample's note on Michelin's employees, from the visits' list. */
async function openSalariesNote(page: Page): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Visites' })
    .getByRole('button', { name: /Michelin/ })
    .click();
  await page
    .getByRole('list', { name: 'Notes' })
    .getByRole('button', { name: /Les compétences des salariés/ })
    .click();
}

describe('lessons, passages, matrix and tags', () => {
  it('links a passage and a note to lessons, shows the evidence, and merges tags', async () => {
    const session = await launchCarnet();
    const { page } = session;
    await openSample(page, 'Camille');
    await openSalariesNote(page);

    // A passage, by keyboard shortcut.
    await selectPhrase(page, 'consacrer une partie de leur temps');
    let selected = await selectionRect(page);
    await page.keyboard.press('Control+Shift+L');
    await expectPickerUnder(page, selected);
    // The picker takes the keys: typed, they filter the lessons and leave the passage alone.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Lier le passage à un enseignement');
    await page.keyboard.type('autres', { delay: 30 });
    await page.keyboard.press('Enter');
    const mark = page.locator('mark.Carnet__mark', { hasText: 'consacrer une partie de leur temps' });
    await mark.waitFor();
    await expect.poll(() => mark.evaluate((el) => getComputedStyle(el).borderBottomColor)).toBe('rgb(126, 34, 206)');

    // A second lesson on another passage, from the toolbar.
    await selectPhrase(page, 'start-ups du territoire');
    selected = await selectionRect(page);
    await page.getByRole('button', { name: 'Lier le passage à un enseignement' }).click();
    await expectPickerUnder(page, selected);
    await page.getByRole('option', { name: 'Identifier les combinaisons gagnantes' }).click();
    await page.locator('mark.Carnet__mark', { hasText: 'start-ups du territoire' }).waitFor();

    // The whole note, from its header.
    await page.getByRole('button', { name: '+ Lier à un enseignement' }).click();
    await page.getByRole('combobox', { name: 'Lier à un enseignement' }).fill('territ');
    await page.keyboard.press('Enter');
    await page.getByRole('group', { name: 'Enseignements liés à la note' }).getByText('Prendre soin avec exigence de son territoire').waitFor();
    await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
    await page.waitForTimeout(1100);

    // Clicking a passage lists its lessons; unlinking one keeps the text.
    await page.locator('mark.Carnet__mark', { hasText: 'start-ups du territoire' }).click();
    const passage = page.getByRole('dialog', { name: 'Enseignements du passage' });
    await passage.getByRole('button', { name: 'Délier le passage de « Identifier les combinaisons gagnantes »' }).click();
    await expect.poll(() => page.locator('mark.Carnet__mark').count()).toBe(1);
    await expect.poll(() => page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toContain('start-ups du territoire');

    // The lesson view shows the passage, quoted, under its visit.
    await page.getByRole('list', { name: 'Enseignements' }).getByRole('button', { name: 'Apprendre des autres' }).click();
    const lesson = page.getByRole('article', { name: 'Apprendre des autres' });
    await lesson.getByRole('heading', { name: /Michelin — pratiques/ }).waitFor();
    await lesson.locator('blockquote', { hasText: 'consacrer une partie de leur temps' }).waitFor();
    await lesson.getByRole('heading', { name: /Université Clermont Auvergne/ }).waitFor();
    await page.screenshot({ path: resolve(__dirname, '../../test-results/lesson-fr.png') });

    // The matrix counts it, and a cell lists its evidence.
    await page.getByRole('button', { name: 'Matrice visites × enseignements' }).click();
    const cell = page.getByRole('button', { name: /^2 éléments : Michelin — pratiques d’innovation ouverte × Savoir valoriser/ });
    await cell.waitFor();
    await page.getByRole('button', { name: /^1 élément : Michelin — pratiques d’innovation ouverte × Apprendre des autres/ }).click();
    await page.getByRole('region', { name: 'Éléments de la case choisie' }).locator('blockquote', { hasText: 'consacrer une partie' }).waitFor();
    await page.getByRole('button', { name: 'Enregistrer en CSV…' }).click();
    await page.getByRole('status').filter({ hasText: 'matrice-enseignements.csv' }).waitFor();
    await page.screenshot({ path: resolve(__dirname, '../../test-results/matrix-fr.png') });

    // Merge #rh into #intrapreneuriat: the note's text changes.
    await page.getByRole('button', { name: 'Étiquettes', exact: true }).click();
    await page.getByRole('button', { name: 'Fusionner #rh dans une autre étiquette' }).click();
    await page.getByRole('combobox', { name: 'Fusionner #rh dans' }).selectOption('intrapreneuriat');
    await page.getByRole('button', { name: 'Fusionner', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '1 note modifiée.' }).waitFor();
    await expect.poll(() => page.getByRole('list', { name: 'Étiquettes' }).getByText('#rh', { exact: true }).count()).toBe(0);

    await openSalariesNote(page);
    await expect.poll(() => page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toMatch(/#intrapreneuriat #intrapreneuriat/);
    await expect.poll(() => page.locator('mark.Carnet__mark').count()).toBe(1);
    await session.close();
  });

  it('keeps the lesson picker and the lessons of a passage inside the window, near its right and bottom edges', async () => {
    const session = await launchCarnet();
    const { page } = session;
    await openSample(page, 'Camille');
    await openSalariesNote(page);
    // The smallest window main allows.
    await page.setViewportSize({ width: 900, height: 560 });

    // The word farthest right among those on screen, and on the lowest line of them.
    const word = await page.getByRole('textbox', { name: 'Texte de la note' }).evaluate((root) => {
      const candidates: { text: string; left: number; right: number; top: number; bottom: number }[] = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        for (const match of (node.textContent ?? '').matchAll(/\p{L}{4,}/gu)) {
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const rect = range.getBoundingClientRect();
          if (rect.bottom < window.innerHeight - 4) candidates.push({ text: match[0], left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom });
        }
      }
      const lowest = Math.max(...candidates.map((c) => c.bottom));
      return candidates.filter((c) => c.bottom > lowest - 40).sort((a, b) => b.right - a.right)[0]!;
    });
    await selectPhrase(page, word.text);
    const before = await page.getByRole('textbox', { name: 'Texte de la note' }).innerText();
    // Escape closes the picker and gives the keys back to the note, the passage still selected.
    await page.keyboard.press('Control+Shift+L');
    await page.getByRole('combobox', { name: 'Lier le passage à un enseignement' }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByRole('combobox', { name: 'Lier le passage à un enseignement' }).count()).toBe(0);
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe(word.text);
    await page.keyboard.press('Control+Shift+L');
    const picker = page.locator('.popover', { has: page.getByRole('combobox', { name: 'Lier le passage à un enseignement' }) });
    await picker.waitFor();
    const box = (await picker.boundingBox())!;
    const viewport = page.viewportSize()!;
    // Opened where the word is, it would have run past the right edge and the bottom.
    expect(word.left + box.width).toBeGreaterThan(viewport.width);
    expect(word.bottom + box.height).toBeGreaterThan(viewport.height);
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
    expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
    // Just above the word, against the right edge.
    expect(box.y + box.height).toBeCloseTo(word.top - 6, 0);
    expect(box.x + box.width).toBeCloseTo(viewport.width - 8, 0);
    await page.keyboard.type('Appr', { delay: 30 });
    await page.keyboard.press('Enter');
    expect(await page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toBe(before);
    const mark = page.locator('mark.Carnet__mark', { hasText: word.text });
    await mark.click();
    const passage = page.getByRole('dialog', { name: 'Enseignements du passage' });
    const dialogBox = (await passage.boundingBox())!;
    const marked = (await mark.boundingBox())!;
    expect(dialogBox.y + dialogBox.height).toBeCloseTo(marked.y - 6, 0);
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(viewport.width);
    expect(dialogBox.y + dialogBox.height).toBeLessThanOrEqual(viewport.height);
    await page.screenshot({ path: resolve(__dirname, '../../test-results/passage-picker-edge-fr.png') });
    // Escape closes it too, and the keys go back to the note.
    await page.keyboard.press('Escape');
    await expect.poll(() => passage.count()).toBe(0);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Texte de la note');
    // And so does a click anywhere else.
    await mark.click();
    await passage.waitFor();
    await page
      .getByRole('heading', { name: /Michelin — pratiques/ })
      .first()
      .click();
    await expect.poll(() => passage.count()).toBe(0);
    // And a scroll of the note, which takes the passage away from it.
    await mark.click();
    await passage.waitFor();
    await page.mouse.move(700, 450);
    await page.mouse.wheel(0, 150);
    await expect.poll(() => passage.count()).toBe(0);

    await session.close();
  });
});
