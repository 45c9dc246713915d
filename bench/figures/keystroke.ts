// Keystroke to next frame: keydown's timestamp to a task posted from the next animation
// frame (so that frame's style, layout and paint are in), typing a sentence with real key
// events at the end of the 5,000-word note, right after it is opened — in a run of
// --only=keystroke while the app's search index is still being built. Its limit: the same
// sentence typed the same way into a bare contenteditable holding as many words, in the
// same browser, once the app's index answers (so that its build does not run under it).
// Beside the durations, the main-thread CPU time a key costs on average, in both (Linux).
import type { Page } from 'playwright-core';
import { LARGE, LONG_NOTE_WORDS } from '../options';
import { appOnLongNote, ms, newTab, profiled, rendererCpuDuring, type Context } from '../session';
import { limitBeside, summary, type Figure } from '../stats';

const TYPED = 'Le directeur explique que l’usine recycle 80 % de ses déchets depuis 2019, grâce aux salariés. ';

export async function keystroke(ctx: Context): Promise<Figure> {
  const page = await appOnLongNote(ctx);
  // Back to the long note if another was opened.
  await page.locator('.note-list .note-item', { hasText: 'Compte rendu complet' }).first().click();
  await page.waitForFunction(() => (document.querySelector('.editor-input')?.textContent ?? '').length > 20_000);
  const editor = page.locator('.editor-input[contenteditable="true"]');
  await editor.click();
  await page.keyboard.press('Control+End');
  const { result: app, cpuMs: appCpu } = await rendererCpuDuring(ctx, () => profiled(ctx, page, 'keystroke', () => typeAndTime(page, TYPED, 50)));
  const words = await editor.evaluate((el) => (el.textContent ?? '').split(/\s+/).length);

  await untilIndexAnswers(page);
  const bare = await newTab(ctx);
  await bare.goto(ctx.blankUrl);
  await bare.evaluate((words) => {
    const div = document.createElement('div');
    div.contentEditable = 'true';
    div.style.cssText = 'width: 600px; font: 16px serif; padding: 8px';
    const paragraph = 'Lors de la visite de l’entreprise, les salariés ont présenté leur démarche d’innovation territoriale et écologique. ';
    for (let i = 0; i < words / 100; i++) {
      const p = document.createElement('p');
      p.textContent = paragraph.repeat(7);
      div.append(p);
    }
    document.body.append(div);
  }, words);
  await bare.locator('[contenteditable]').click();
  await bare.keyboard.press('Control+End');
  const { result: limit, cpuMs: bareCpu } = await rendererCpuDuring(ctx, () => typeAndTime(bare, TYPED, 50));
  await bare.close();
  const value = summary(app);
  return {
    id: 'keystroke',
    label: `keystroke to next frame in a ${LONG_NOTE_WORDS.toLocaleString('en')}-word note`,
    unit: 'ms',
    target: 'p95 ≤ 16 ms',
    pass: value.p95 <= 16,
    value,
    limit: limitBeside(value, { label: 'bare contenteditable', value: summary(limit), at: 'p95', kind: 'times', bound: 2.5 }),
    detail: {
      wordsInNote: words,
      keys: app.length,
      mainThreadCpuMsPerKey: appCpu === null || bareCpu === null ? 'not readable here' : { app: ms(appCpu / app.length), bare: ms(bareCpu / limit.length) },
    },
  };
}

/** Keystroke → the frame that shows it: keydown's timestamp to the task after the next
 *  animation frame (so style, layout and paint of that frame are included). */
async function typeAndTime(page: Page, keys: string, delayMs: number): Promise<number[]> {
  await page.evaluate(() => {
    const w = window as unknown as { __keys: number[] };
    w.__keys = [];
    document.addEventListener(
      'keydown',
      (event) => {
        const t0 = event.timeStamp;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => w.__keys.push(performance.now() - t0);
          channel.port2.postMessage(null);
        });
      },
      { capture: true },
    );
  });
  for (const key of keys) {
    await page.keyboard.type(key);
    await page.waitForTimeout(delayMs);
  }
  await page.waitForTimeout(300);
  return page.evaluate(() => (window as unknown as { __keys: number[] }).__keys);
}

/** Waits until the app's search index is built (it answers while building, and says so),
 *  then leaves the search box empty again and gives the snapshot the index saves after a
 *  build from every note time to be written. */
async function untilIndexAnswers(page: Page): Promise<void> {
  const { fr } = await import('../../src/renderer/i18n/fr');
  const box = page.locator('input.search-input');
  if (!(await box.count())) return;
  await box.fill('territoire');
  await page.waitForFunction(
    (building) => document.querySelector('.search-results li') && document.querySelector('.search-status')?.textContent !== building,
    fr.search.building,
  );
  await box.fill('');
  // Saving the snapshot takes about a second at 10,000 notes, several at 100,000.
  await page.waitForTimeout(LARGE ? 10_000 : 3_500);
}
