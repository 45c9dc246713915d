// Search in the app, for information: a query typed into the app's search box to the
// frame showing its results (the index query, figure `search`, is the target).
import type { Page } from 'playwright-core';
import { appOnLongNote, ms, type Context } from '../session';
import { summary, type Figure } from '../stats';
import { SEARCHED } from './search';

export async function searchUi(ctx: Context): Promise<Figure> {
  const label = 'search in the app: query typed → results painted';
  const page = await appOnLongNote(ctx);
  if (!(await page.locator('input.search-input').count()))
    return { id: 'searchUi', label, unit: 'ms', target: 'info', pass: null, notMeasured: 'no search box in the app' };
  await page
    .waitForFunction(() => !/…|en cours|building/i.test(document.querySelector('.search-status')?.textContent ?? ''), undefined, { timeout: 300_000 })
    .catch(() => undefined);
  const stuck: string[] = [];
  const samples: number[] = [];
  for (const query of Object.values(SEARCHED).flat()) samples.push(await typeQuery(page, query, stuck));
  await typeQuery(page, '', stuck);
  if (samples.every(Number.isNaN))
    return { id: 'searchUi', label, unit: 'ms', target: 'info', pass: null, notMeasured: `no results shown within 15 s (${stuck.slice(0, 2).join(' | ')})` };
  return {
    id: 'searchUi',
    label,
    unit: 'ms',
    target: 'info (index query above is the target)',
    pass: null,
    value: summary(samples.filter((x) => !Number.isNaN(x))),
    detail: { samplesMs: samples.map(ms), stuck },
  };
}

/** Query typed into the app's search box → the frame showing its results; NaN (and the
 *  status line in `stuck`) when nothing shows within 15 s. */
export async function typeQuery(page: Page, query: string, stuck: string[] = []): Promise<number> {
  const answer = await page.evaluate(async (query) => {
    const deadline = performance.now() + 15_000;
    const box = document.querySelector<HTMLInputElement>('input.search-input')!;
    const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const frame = () => new Promise<number>((done) => requestAnimationFrame(() => done(performance.now())));
    setValue.call(box, '');
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const tick = () => new Promise<void>((done) => setTimeout(done, 5));
    while (document.querySelector('.search-results') && performance.now() < deadline) await tick();
    if (query === '') return { ms: 0, status: '' };
    await frame();
    const t0 = performance.now();
    setValue.call(box, query);
    box.dispatchEvent(new Event('input', { bubbles: true }));
    const found = await new Promise<boolean>((done) => {
      const timer = setTimeout(
        () => {
          observer.disconnect();
          done(false);
        },
        Math.max(0, deadline - performance.now()),
      );
      const check = () => {
        const status = document.querySelector('.search-status')?.textContent ?? '';
        const results = document.querySelectorAll('.search-results li').length;
        if (results > 0 || /aucune|no note/i.test(status)) {
          observer.disconnect();
          clearTimeout(timer);
          done(true);
        }
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
      check();
    });
    const status = `${document.querySelector('.search-status')?.textContent ?? 'no status'}; visible: ${document.visibilityState}`;
    return found ? { ms: (await frame()) - t0, status } : { ms: Number.NaN, status };
  }, query);
  if (Number.isNaN(answer.ms)) stuck.push(`${query}: ${answer.status}`);
  return answer.ms;
}
