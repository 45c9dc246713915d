// JS heap of the app's tab (CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage),
// after start and a search. No limit beside it: the heap is a count of the app's own
// objects, the same on any machine; a blank page's heap would not say anything about it.
import { NOTES, LARGE } from '../options';
import { appOnLongNote, heapUsedMB, type Context } from '../session';
import { summary, type Figure } from '../stats';
import { typeQuery } from './searchUi';

export async function heap(ctx: Context): Promise<Figure> {
  const page = await appOnLongNote(ctx);
  if (await page.locator('input.search-input').count()) await typeQuery(page, 'territoire');
  const samples = [await heapUsedMB(ctx, page)];
  await page.waitForTimeout(500);
  samples.push(await heapUsedMB(ctx, page));
  const value = summary(samples);
  return {
    id: 'heap',
    label: `JS heap after start and search at ${NOTES.toLocaleString('en')} notes`,
    unit: 'MB',
    target: '≤ 150 MB (at 10k)',
    pass: LARGE ? null : value.median <= 150,
    value,
    detail: { note: 'CDP Runtime.getHeapUsage after HeapProfiler.collectGarbage, the app tab only' },
  };
}
