// Timing helpers of the search bench pages (searchPage, searchWorkerPage).

export interface Timing {
  p50: number;
  p95: number;
  max: number;
  /** Results of each query, on average. */
  found: number;
}

/** Each query `repeat` times through `run` (which returns how many results it found). */
export async function timeQueries(run: (query: string) => unknown, queries: string[], repeat: number): Promise<Timing> {
  const times: number[] = [];
  let found = 0;
  for (let r = 0; r < repeat; r++) {
    for (const query of queries) {
      const started = performance.now();
      const count = await run(query);
      times.push(performance.now() - started);
      if (r === 0) found += Number(count);
    }
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: times.at(-1)!, found: Math.round(found / queries.length) };
}

/** Watches the page's main thread with a 4 ms ticker; `stop()` returns the longest it was
 *  held meanwhile (what a keystroke would wait at worst). */
export function watchMainThread(): { stop(): number } {
  let longestStallMs = 0;
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    longestStallMs = Math.max(longestStallMs, now - last - 4);
    last = now;
  }, 4);
  return {
    stop() {
      clearInterval(ticker);
      return longestStallMs;
    },
  };
}
