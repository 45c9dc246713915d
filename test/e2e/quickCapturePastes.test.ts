// Issue "Pastes lost in a long session": what is pasted or typed into a note just created
// by quick capture must land in it, however long the note takes to open and whatever the
// search box was still doing. Each case makes deterministic a delay that long walks hit by
// chance (a busy database, a busy search worker), then pastes and types as a person does,
// with the system clipboard and Ctrl+V.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { HOST_ORIGIN, launchCarnet, stopHarness, type CarnetSession } from './harness';
import { openSample } from './onboarding';
import { drawnImage, editorOf, holdNotes, readStore } from './pageData';
import { editorState, waitSaved } from './typing/check';
import { blocksOfState } from './typing/readState';

afterAll(stopHarness);

const DURING_MICHELIN = Date.parse('2024-11-20T10:00:00+01:00');

async function start(): Promise<CarnetSession> {
  const session = await launchCarnet({ now: DURING_MICHELIN });
  await session.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: HOST_ORIGIN });
  // Answers of the search worker can be held back (window.__searchDelay ms), as when the
  // worker is busy indexing an import or saving its index.
  await session.context.addInitScript(() => {
    const add = Worker.prototype.addEventListener;
    Worker.prototype.addEventListener = function (
      this: Worker,
      type: string,
      listener: EventListenerOrEventListenerObject,
      options?: boolean | AddEventListenerOptions,
    ) {
      if (type !== 'message' || typeof listener !== 'function') return add.call(this, type, listener, options);
      const delayed = (event: Event) => {
        const delay = (window as unknown as { __searchDelay?: number }).__searchDelay ?? 0;
        if (delay > 0 && (event as MessageEvent<{ type?: string }>).data?.type === 'answer') setTimeout(() => listener.call(this, event), delay);
        else listener.call(this, event);
      };
      return add.call(this, type, delayed, options);
    } as typeof Worker.prototype.addEventListener;
  });
  await session.page.reload();
  await openSample(session.page, 'Camille');
  return session;
}

async function copyImage(page: Page, bytes: Uint8Array): Promise<void> {
  await page.evaluate(async (base64) => {
    const blob = new Blob([Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))], { type: 'image/png' });
    await navigator.clipboard.write([new ClipboardItem({ 'image/png': blob })]);
  }, Buffer.from(bytes).toString('base64'));
}

async function copyHtml(page: Page, html: string, text: string): Promise<void> {
  await page.evaluate(
    async ({ html, text }) =>
      navigator.clipboard.write([
        new ClipboardItem({ 'text/html': new Blob([html], { type: 'text/html' }), 'text/plain': new Blob([text], { type: 'text/plain' }) }),
      ]),
    { html, text },
  );
}

const shown = async (page: Page) => blocksOfState(await editorState(page)).map((block) => (block.kind === 'image' ? '[photo]' : block.text));

describe('pastes into a note that quick capture is still opening', () => {
  it('keeps a photo pasted after the first words, the database being busy', async () => {
    const session = await start();
    const { page } = session;
    await copyImage(page, await drawnImage(page, 'image/png', 320, 200));
    await holdNotes(page, 600);
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.type('Le four', { delay: 25 });
    await page.keyboard.press('Control+V');
    await expect.poll(() => editorOf(page).evaluate((el) => el === document.activeElement), { timeout: 5000 }).toBe(true);
    await page.waitForTimeout(1500);
    await waitSaved(page);
    // Seen: ["Le four"] — the photo went to the hidden type-ahead field, no message.
    expect(await shown(page)).toEqual(['Le four', '[photo]', '']);
    expect(await readStore(page, 'attachments')).toHaveLength(1);
    await session.close();
  });

  it('keeps the formatting of HTML pasted while the note opens', async () => {
    const session = await start();
    const { page } = session;
    await copyHtml(page, '<p>Un <b>four</b> de 12 m</p>', 'Un four de 12 m');
    await holdNotes(page, 600);
    await page.keyboard.press('Control+Shift+N');
    await page.keyboard.press('Control+V');
    await expect.poll(() => editorOf(page).evaluate((el) => el === document.activeElement), { timeout: 5000 }).toBe(true);
    await waitSaved(page);
    const paragraph = (JSON.parse(await editorState(page)) as { root: { children: { children: { text: string; format: number }[] }[] } }).root.children[0]!;
    // Seen: one plain text node — the bold is lost.
    expect(paragraph.children.map((node) => [node.text, node.format])).toEqual([
      ['Un ', 0],
      ['four', 1],
      [' de 12 m', 0],
    ]);
    await session.close();
  });
});

describe('a search left behind', () => {
  it('does not open a search result over a note captured after Enter and Escape', async () => {
    const session = await start();
    const { page } = session;
    await page.evaluate(() => ((window as unknown as { __searchDelay: number }).__searchDelay = 800));
    await page.keyboard.press('Control+k');
    await page.keyboard.type('competen', { delay: 20 });
    await page.keyboard.press('Enter'); // before the answer: "open when it comes"
    await page.keyboard.press('Escape'); // changed my mind
    await page.keyboard.press('Control+Shift+N');
    await expect.poll(() => editorOf(page).evaluate((el) => el === document.activeElement), { timeout: 5000 }).toBe(true);
    await page.keyboard.type('Capturée après la recherche', { delay: 40 });
    await page.waitForTimeout(1500);
    // Seen: the newest note of the sample ("Envoyer au Pr Roux…") replaces the new one
    // about 0.8 s after Enter; the keys typed since go nowhere.
    expect(await editorOf(page).innerText()).toBe('Capturée après la recherche');
    const notes = await readStore<{ text: string }>(page, 'notes');
    expect(notes.filter((note) => note.text === 'Capturée après la recherche')).toHaveLength(1);
    await session.close();
  });
});
