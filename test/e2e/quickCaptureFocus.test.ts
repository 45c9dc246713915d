// Where the keys go around quick capture (found by a long walk, issue 14): the search box
// after Ctrl+K, a new note opened over the trash, the first of two notes captured in a row.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample, startEmptyExpedition } from './onboarding';
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

  it('with no visit yet, the note opens at once on a visit made for today, with every key typed', async () => {
    const session = await launchCarnet({ now: Date.parse('2024-11-20T10:00:00+01:00') });
    const { page } = session;
    await startEmptyExpedition(page, 'Camille', 'Auvergne 2024');
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('# Première idée\nLe directeur parle de ses équipes.', { delay: 40 });
    await waitSaved(page);
    await page.getByRole('heading', { name: 'Notes du 20 novembre 2024', level: 2 }).waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(blocksOfState(await editorState(page)).map(({ kind, text }) => ({ kind, text }))).toEqual([
      { kind: 'h1', text: 'Première idée' },
      { kind: 'paragraph', text: 'Le directeur parle de ses équipes.' },
    ]);
    // A second capture goes to the same visit: one visit for the day, not one per note.
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('Deuxième', { delay: 40 });
    await waitSaved(page);
    const visits = await readStore<{ title: string }>(page, 'visits');
    expect(visits.map((visit) => visit.title)).toEqual(['Notes du 20 novembre 2024']);
    expect((await readStore<{ text: string }>(page, 'notes')).map((note) => note.text).sort()).toEqual([
      'Deuxième',
      'Première idée\nLe directeur parle de ses équipes.',
    ]);
    await session.close();
  });
});
