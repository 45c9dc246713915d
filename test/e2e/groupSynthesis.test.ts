// The group's synthesis of a lesson written together (issue 18): an organiser and two
// participants type into it key by key, at once — in the same paragraph and in different
// ones — one of them offline for a while; each sees where the others write; evidence is
// sent into it as a quotation with its back reference. All three end with one text, no
// character lost or doubled, and the same copy in their notebooks.
import { resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { stopHarness, type CarnetSession } from './harness';
import { readStore } from './pageData';
import { exportJournal, shareSampleLive, syncStatus } from './sharedExpedition';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await stopHarness();
});

const LESSON = 'Savoir valoriser ses ressources';

function synthesisOf(page: Page) {
  return page.getByRole('region', { name: 'Synthèse du groupe' }).getByRole('textbox', { name: 'Synthèse du groupe' });
}

/** The synthesis as each block reads on screen. */
async function blocksOf(page: Page): Promise<string[]> {
  // An empty paragraph reads as its line break.
  return (await synthesisOf(page).locator(':scope > *').allInnerTexts()).map((text) => (text === '\n' ? '' : text));
}

/** Puts the caret at the start or end of the synthesis, then types key by key. */
async function typeAt(page: Page, where: 'start' | 'end', text: string, delay: number): Promise<void> {
  await synthesisOf(page).focus();
  // As a person looks where the caret went before typing: right after an editor's first
  // focus, the key that moves the caret was sometimes without effect (seen in CI).
  await expect
    .poll(async () => {
      await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
      return caretAtEdge(page, where);
    })
    .toBe(true);
  await page.keyboard.type(text, { delay });
}

/** Whether the caret is at the start or end of the synthesis's text. */
function caretAtEdge(page: Page, where: 'start' | 'end'): Promise<boolean> {
  return synthesisOf(page).evaluate((editor, edge) => {
    const selection = window.getSelection();
    if (!selection?.focusNode || !editor.contains(selection.focusNode)) return false;
    const rest = document.createRange();
    rest.selectNodeContents(editor);
    if (edge === 'start') rest.setEnd(selection.focusNode, selection.focusOffset);
    else rest.setStart(selection.focusNode, selection.focusOffset);
    return rest.toString() === '';
  }, where);
}

describe('the group’s synthesis of a lesson', () => {
  it('is one text that an organiser and two participants write at once, one of them offline for a while', async () => {
    const { organiser, participants } = await shareSampleLive(['Alice Bernard', 'Bruno Petit'], cleanups);
    const [alice, bruno] = participants as [CarnetSession, CarnetSession];
    const pages = [organiser.page, alice.page, bruno.page];
    const [olga] = pages as [Page];
    for (const page of pages) {
      await page.getByRole('list', { name: 'Enseignements' }).getByRole('button', { name: LESSON }).click();
      await synthesisOf(page).waitFor();
    }
    const everyone = async (expected: string[]) => {
      for (const page of pages) await expect.poll(() => blocksOf(page), { timeout: 30_000 }).toEqual(expected);
    };

    await typeAt(olga, 'end', 'Le groupe retient trois choses.', 30);
    await everyone(['Le groupe retient trois choses.']);

    // The same paragraph, at once: Alice at its start, the organiser at its end.
    await Promise.all([typeAt(alice.page, 'start', 'Constat : ', 45), typeAt(olga, 'end', ' Michelin ouvre ses ateliers.', 25)]);
    const first = 'Constat : Le groupe retient trois choses. Michelin ouvre ses ateliers.';
    await everyone([first]);
    // Alice's cursor, with her name, is where she typed, on the organiser's screen.
    await olga.locator('.collab-cursors').getByText('Alice Bernard', { exact: true }).waitFor({ timeout: 15_000 });
    await olga.screenshot({ path: resolve(__dirname, '../../test-results/group-synthesis-fr.png') });

    // Bruno adds a paragraph; then two paragraphs are written at once, by Alice and Bruno.
    await typeAt(bruno.page, 'end', '', 0);
    await bruno.page.keyboard.press('Enter');
    await bruno.page.keyboard.type('Les start-up trouvent des clients.', { delay: 30 });
    await everyone([first, 'Les start-up trouvent des clients.']);
    await Promise.all([typeAt(alice.page, 'start', 'En bref. ', 35), typeAt(bruno.page, 'end', ' Et des locaux.', 30)]);
    const together = [`En bref. ${first}`, 'Les start-up trouvent des clients. Et des locaux.'];
    await everyone(together);

    // Bruno offline writes on; meanwhile the organiser completes the first paragraph.
    await bruno.context.setOffline(true);
    await expect.poll(() => syncStatus(bruno.page), { timeout: 30_000 }).toMatch(/^Hors ligne/);
    await typeAt(bruno.page, 'end', ' Vu hors ligne, à l’atelier.', 30);
    await typeAt(olga, 'start', '', 0);
    await olga.keyboard.press('End');
    await olga.keyboard.type(' Ensemble.', { delay: 30 });
    await expect.poll(() => blocksOf(alice.page), { timeout: 30_000 }).toEqual([`${together[0]} Ensemble.`, together[1]]);
    await bruno.context.setOffline(false);
    const merged = [`${together[0]} Ensemble.`, `${together[1]} Vu hors ligne, à l’atelier.`];
    await everyone(merged);

    // A quote sent from the evidence arrives with its speaker, visit, day and author.
    await alice.page
      .getByRole('region', { name: 'Ce que les visites en ont montré' })
      .getByRole('button', { name: /^Citer « On ne demande pas aux gens/ })
      .click();
    const quoted =
      '« On ne demande pas aux gens de changer de métier, on leur donne de l’air. »\n— Claire Vernet, Michelin, 20 nov. 2024 (noté par Olga Martin)';
    await everyone([...merged, quoted, '']);
    // On every screen, "Citer" now says the quote is in (a click would quote it again).
    await bruno.page
      .getByRole('region', { name: 'Ce que les visites en ont montré' })
      .getByRole('button', { name: /^Citer encore « On ne demande pas aux gens.* : déjà dans la synthèse du groupe$/ })
      .filter({ hasText: 'Déjà dans la synthèse ✓' })
      .waitFor({ timeout: 30_000 });

    // A note dragged from the evidence onto the synthesis arrives as a quotation too.
    // (The drag's events are dispatched in the page: headless Chromium starts no native
    // drag from the harness's mouse. What the app does at each end is what runs.)
    const source = bruno.page.locator('.evidence-note', { hasText: 'Les compétences des salariés au service de l’innovation' });
    const transfer = await bruno.page.evaluateHandle(() => new DataTransfer());
    await source.dispatchEvent('dragstart', { dataTransfer: transfer });
    await synthesisOf(bruno.page).locator(':scope > *').first().dispatchEvent('drop', { dataTransfer: transfer });
    for (const page of pages) {
      await expect
        .poll(async () => (await blocksOf(page)).find((block) => block.includes('Les salariés peuvent proposer des projets')) ?? '', { timeout: 30_000 })
        .toMatch(/\n— Michelin, 20 nov\. 2024 \(noté par Olga Martin\)$/);
    }

    // Where the group agrees, beside it: who linked what at each visit.
    await alice.page
      .getByRole('region', { name: 'Où le groupe converge' })
      .getByRole('list', { name: 'Participants ayant relié quelque chose, par visite' })
      .getByText(/Michelin — pratiques d’innovation ouverte — 1 participant : Olga Martin \(2\)/)
      .waitFor();

    // Every notebook keeps the same copy, for the journal.
    const stored = async (page: Page) =>
      (await readStore<{ lessonId: string; state: string }>(page, 'groupSyntheses')).map(({ lessonId, state }) => ({ lessonId, state }));
    await expect
      .poll(async () => JSON.stringify(await stored(olga)), { timeout: 30_000 })
      .toMatch(/Claire Vernet.*Les salariés peuvent proposer|Les salariés peuvent proposer.*Claire Vernet/);
    const reference = await stored(olga);
    expect(reference).toHaveLength(1);
    for (const page of [alice.page, bruno.page]) await expect.poll(() => stored(page), { timeout: 30_000 }).toEqual(reference);

    // The expedition's book opens with the group's synthesis, its quote and back reference.
    const book = await exportJournal(bruno, 'livre.html', 'Celles de tout le groupe, chacune avec son auteur', /^Le livre de l’expédition/);
    // Its words, French typography's narrow spaces read as spaces.
    const words = (text: string) => text.replace(/<[^>]+>/g, ' ').replace(/[\u202f\u00a0\s]+/g, ' ');
    for (const text of [...merged, '— Claire Vernet, Michelin, 20 nov. 2024 (noté par Olga Martin)']) expect(words(book)).toContain(words(text));
  }, 300_000);
});
