// Where the keys go around quick capture (found by a long walk, issue 14): the search box
// after Ctrl+K, a new note opened over the trash, the first of two notes captured in a row.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { addVisit, fillVisit, openSample, startEmptyExpedition } from './onboarding';
import { editorOf, holdNotes, quickCapture, readStore } from './pageData';
import { editorState, waitSaved } from './typing/check';
import { blocksOfState } from './typing/readState';

afterAll(stopHarness);

const texts = async (page: Page) => blocksOfState(await editorState(page)).map((b) => (b.kind === 'image' ? '[img]' : b.text));

describe('focus around quick capture', () => {
  it('the search box keeps the keys typed after Ctrl+K from the matrix, a quick note being open', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await openSample(page, 'Camille');
    await quickCapture(page);
    await page.keyboard.type('Note rapide', { delay: 30 });
    await waitSaved(page);
    await page.getByRole('complementary').getByRole('button', { name: 'Matrice visites × enseignements' }).click();
    await page.waitForTimeout(300);
    await page.keyboard.press('Control+k');
    await page.keyboard.type('competen', { delay: 30 });
    await page.waitForTimeout(800);
    const box = await page.getByRole('combobox', { name: 'Rechercher dans les notes' }).inputValue();
    const note = await editorOf(page)
      .innerText()
      .catch(() => null);
    expect({ box, note }).toEqual({ box: 'competen', note: 'Note rapide' });
    await session.close();
  });

  it('quick capture with the trash open: the keys typed go into the new note', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await openSample(page, 'Camille');
    await page.getByRole('complementary').getByRole('button', { name: 'Corbeille', exact: true }).click();
    await page.getByRole('dialog', { name: 'Corbeille' }).waitFor();
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('Dite pendant la corbeille', { delay: 30 });
    await page.waitForTimeout(1500);
    expect(await page.getByRole('dialog').count()).toBe(0);
    const notes = (await readStore<{ text: string }>(page, 'notes')).filter((n) => n.text.includes('Dite'));
    expect(notes.map((note) => note.text)).toEqual(['Dite pendant la corbeille']);
    await session.close();
  });

  it('two quick captures in a row: the words typed after the first one are kept', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await openSample(page, 'Camille');
    // The first note takes a moment to open (the database is busy): the second shortcut
    // comes before it has taken the words typed for it.
    await holdNotes(page, 400);
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('abc', { delay: 5 });
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('def', { delay: 5 });
    await page.waitForTimeout(1500);
    const notes = (await readStore<{ text: string; createdAt: number }>(page, 'notes')).map((n) => n.text).filter((t) => /abc|def/.test(t));
    expect(notes.sort()).toEqual(['abc', 'def']);
    expect(await texts(page)).toEqual(['def']);
    await session.close();
  });

  it('Markdown shortcuts typed while the note opens take effect, as they do once it is open', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await openSample(page, 'Camille');
    await holdNotes(page, 400);
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('# Titre du jour\n- un\ndeux\n\n> cité **fort**', { delay: 20 });
    await waitSaved(page);
    const blocks = blocksOfState(await editorState(page)).map(({ kind, text, bold }) => ({ kind, text, bold }));
    expect(blocks).toEqual([
      { kind: 'h1', text: 'Titre du jour', bold: '.............' },
      { kind: 'bullet', text: 'un', bold: '..' },
      { kind: 'bullet', text: 'deux', bold: '....' },
      { kind: 'quote', text: 'cité fort', bold: '.....bbbb' },
    ]);
    await session.close();
  });

  it('with no visit yet, the visit is made first and the note opens on it with what was typed', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await startEmptyExpedition(page, 'Camille', 'Auvergne 2024');
    await page.keyboard.press('Control+Shift+N');
    const typed = 'Le directeur parle';
    await page.keyboard.type(typed);
    const dialog = page.getByRole('dialog', { name: 'Nouvelle visite' });
    await dialog.getByText('Créez d’abord la visite : votre note s’y ouvrira ensuite.').waitFor();
    // The keys went to the note until the form took them, then to the visit's title:
    // none is lost.
    const title = dialog.getByLabel('Titre');
    const inTitle = await title.inputValue();
    expect(typed.endsWith(inTitle)).toBe(true);
    const forNote = typed.slice(0, typed.length - inTitle.length);
    expect(forNote).not.toBe('');
    await fillVisit(dialog, { title: 'Michelin', date: '2024-11-20', start: '09:15' });
    await page.getByRole('heading', { name: 'Michelin', level: 2 }).waitFor();
    const editor = page.getByRole('textbox', { name: 'Texte de la note' });
    await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.type(' de ses équipes.', { delay: 20 });
    await waitSaved(page);
    const notes = (await readStore<{ text: string }>(page, 'notes')).map((note) => note.text);
    expect(notes).toEqual([`${forNote} de ses équipes.`]);

    await session.close();
  });

  it('with no visit yet, cancelling the visit form drops what was typed for the note', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await startEmptyExpedition(page, 'Camille', 'Auvergne 2024');
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('abc');
    const dialog = page.getByRole('dialog', { name: 'Nouvelle visite' });
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    // A visit made afterwards, from its button, opens no note with those keys.
    await addVisit(page, { title: 'Michelin', date: '2024-11-20', start: '09:15' });
    await page.getByRole('heading', { name: 'Michelin', level: 2 }).waitFor();
    await page.waitForTimeout(800);
    expect(await readStore(page, 'notes')).toEqual([]);
    await session.close();
  });
});
