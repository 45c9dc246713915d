// Cold start: a new tab (a new renderer process, responses served no-store) from
// navigation start to the frame after the note editor first shows the long note ready for
// typing. Its limit: a blank page of the same origin, to its first frame after `load`, in
// a new tab too — the browser's own cost of a tab, a process and a navigation. Beside the
// durations, the CPU time the tab's main thread used until then (Linux): a busier machine
// stretches a duration, hardly a CPU time, so it shows what the code costs.
import type { Page } from 'playwright-core';
import { LONG_NOTE_WORDS, RUNS } from '../options';
import { blankTab, closeApp, instrumentsOf, ms, openApp, rendererCpuDuring, type Context } from '../session';
import { limitBeside, summary, type Figure } from '../stats';

export async function coldStart(ctx: Context): Promise<Figure> {
  const app: number[] = [];
  const blank: number[] = [];
  const appCpu: number[] = [];
  const blankCpu: number[] = [];
  const scripts: number[] = [];
  const cpuOfNewTab = async (open: () => Promise<Page>, into: number[]): Promise<Page> => {
    const { result, cpuMs } = await rendererCpuDuring(ctx, open);
    if (cpuMs !== null) into.push(cpuMs);
    return result;
  };
  for (let i = 0; i < Math.max(RUNS, 5); i++) {
    // Interleaved, so that both see the same moments of the machine's load.
    const b = await cpuOfNewTab(() => blankTab(ctx), blankCpu);
    blank.push((await instrumentsOf(b)).loaded!);
    await b.close();
    await closeApp(ctx);
    const page = await cpuOfNewTab(() => openApp(ctx), appCpu);
    app.push((await instrumentsOf(page)).editorReady!);
    scripts.push(
      await page.evaluate(() => {
        // Module scripts run between domInteractive and DOMContentLoaded: loading, compiling
        // and running the bundle's top level (the app's start then waits on IndexedDB).
        const [n] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
        return n ? n.domContentLoadedEventStart - n.domInteractive : Number.NaN;
      }),
    );
    ctx.appPage = page;
  }
  const value = summary(app);
  return {
    id: 'coldStart',
    label: 'cold start: navigation to a note ready for typing',
    unit: 's',
    target: '≤ 1.0 s',
    pass: value.median <= 1000,
    value,
    limit: limitBeside(value, { label: 'blank page', value: summary(blank), at: 'median', kind: 'times', bound: 15 }),
    detail: {
      samplesMs: app.map(ms),
      blankMs: blank.map(ms),
      bundleMs: { note: 'domInteractive → DOMContentLoaded: the module scripts loaded, compiled and run', ...summary(scripts), samples: scripts.map(ms) },
      mainThreadCpuMs: appCpu.length ? { app: summary(appCpu), blank: summary(blankCpu), appSamples: appCpu, blankSamples: blankCpu } : 'not readable here',
      note: `the ${LONG_NOTE_WORDS}-word note of a visit of ${ctx.seeded.listCount} notes`,
    },
  };
}
