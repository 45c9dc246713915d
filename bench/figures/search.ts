// Search: the app's SearchIndex (its worker) opened on the app's database in the bench
// page, each query (one word, prefix, unaccented) timed on the page, round trip to the
// worker included; built once from the notes (snapshot cleared), then again from the
// snapshot the worker saves, as at a later start. No limit beside it: the issue names
// none, and a query's few milliseconds are the index's own work, with no floor to share.
import { LARGE } from '../options';
import { QUERIES } from '../searchBench';
import { benchPage, ms, type Context } from '../session';
import { summary, type Figure, type Summary } from '../stats';

/** The queries of the search figures: words of varied frequency, prefixes, unaccented. */
export const SEARCHED = { oneWord: QUERIES.oneWord, prefix: QUERIES.prefix, unaccented: QUERIES.unaccented };

export async function search(ctx: Context): Promise<Figure> {
  const { bench } = await benchPage(ctx);
  // As at the first start after an import (no snapshot), then as at any later start.
  const fresh = await bench.buildIndex(true);
  const saved = await bench.waitForSnapshot(60_000);
  const built = saved ? await bench.buildIndex(false) : fresh;
  await bench.timeQueries(Object.values(SEARCHED).flat(), 2); // warm-up
  const byKind: Record<string, Summary> = {};
  const samples: number[] = [];
  for (const [kind, queries] of Object.entries(SEARCHED)) {
    const timed = await bench.timeQueries(queries, 12);
    byKind[kind] = summary(timed.samples);
    samples.push(...timed.samples);
  }
  await bench.disposeIndex();
  const value = summary(samples);
  return {
    id: 'search',
    label: 'search, one word or prefix, accents folded (index query)',
    unit: 'ms',
    target: LARGE ? 'p95 ≤ 50 ms at 100k' : 'p95 ≤ 10 ms',
    pass: value.p95 <= (LARGE ? 50 : 10),
    value,
    detail: {
      byKind,
      indexed: built.size,
      where: built.where,
      buildFromNotes: { readyMs: ms(fresh.readyMs), longestPageStallMs: ms(fresh.longestStallMs), report: fresh.build },
      loadFromSnapshot: saved
        ? { readyMs: ms(built.readyMs), longestPageStallMs: ms(built.longestStallMs), report: built.build }
        : 'no snapshot saved within 60 s',
      note: 'each query timed on the page: SearchIndex.search, round trip to the worker included',
    },
  };
}
