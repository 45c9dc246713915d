// What every figure of the runner works with: the browser host's session on the seeded
// notebook, its pages (the app, the bench page, a blank page of the same origin), the
// instruments installed in each, and the tools figures share (profiles, traces, heap).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { CarnetSession } from '../src/main/platform/browser';
import { CPU_SLOWDOWN, PROFILE, RESULTS, TRACE } from './options';
import type { BenchPage } from './page/main';
import { onPage, type OnPage } from './pageCall';

export interface Seeded {
  longNoteId: string;
  visitId: string;
  /** Notes in the visit on screen. */
  listCount: number;
}

export interface Context {
  session: CarnetSession;
  seeded: Seeded;
  appUrl: string;
  benchUrl: string;
  blankUrl: string;
  /** An app tab on the long note, left open by a figure for the next. */
  appPage: Page | null;
}

export const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
/** Milliseconds rounded for the results file. */
export const ms = (value: number) => Math.round(value * 100) / 100;

/** What the instruments (below) record in each page. */
export interface Instruments {
  longTasks: [number, number][];
  /** The frame after the note editor first showed a note ready for typing. */
  editorReady?: number;
  /** The frame after `load` (the blank page's first frame). */
  loaded?: number;
}
export const instrumentsOf = (page: Page): Promise<Instruments> => page.evaluate(() => (window as unknown as { __bench: Instruments }).__bench);

/** Installed on every page of the context, at document start: long tasks, the frame after
 *  `load`, and the frame after the note editor first shows a note ready for typing
 *  (editable, with its text). */
export function instruments(): void {
  const w = window as unknown as { __bench: Instruments };
  w.__bench = { longTasks: [] };
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__bench.longTasks.push([e.startTime, e.duration]);
    }).observe({ type: 'longtask' });
  } catch {
    // no long task API
  }
  addEventListener('load', () => requestAnimationFrame(() => (w.__bench.loaded = performance.now())));
  const observer = new MutationObserver(() => {
    const editor = document.querySelector('.editor-input[contenteditable="true"]');
    if (editor && (editor.textContent ?? '').length > 200) {
      observer.disconnect();
      requestAnimationFrame(() => (w.__bench.editorReady = performance.now()));
    }
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** A new tab (a new renderer process), its main thread slowed down by --cpu-slowdown. */
export async function newTab(ctx: Context): Promise<Page> {
  const page = await ctx.session.context.newPage();
  page.setDefaultTimeout(120_000);
  await slowDown(ctx, page);
  return page;
}

const slowed = new WeakSet<Page>();
async function slowDown(ctx: Context, page: Page): Promise<void> {
  if (CPU_SLOWDOWN === 1 || slowed.has(page)) return;
  slowed.add(page);
  // The session stays attached: the emulation lasts as long as it does.
  const cdp = await ctx.session.context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

/** The bench page (bench/page), on the app's origin, in the session's first tab. */
export async function benchPage(ctx: Context): Promise<{ page: Page; bench: OnPage<BenchPage> }> {
  const page = ctx.session.page;
  await slowDown(ctx, page);
  if (!page.url().startsWith(ctx.benchUrl)) {
    await page.goto(ctx.benchUrl);
    await page.waitForFunction(() => document.title === 'bench ready');
  }
  return { page, bench: onPage<BenchPage>(page) };
}

/** The blank page of the app's origin in a new tab, its first frame after `load` drawn. */
export async function blankTab(ctx: Context): Promise<Page> {
  const page = await newTab(ctx);
  await page.goto(ctx.blankUrl);
  await page.waitForFunction(() => (window as unknown as { __bench: Instruments }).__bench.loaded !== undefined);
  return page;
}

/** The app in a new tab (a new renderer process: no compiled code or memory cache from an
 *  earlier load; responses are served no-store), once its note is ready for typing. */
export async function openApp(ctx: Context): Promise<Page> {
  const page = await newTab(ctx);
  await page.goto(ctx.appUrl);
  await page.waitForFunction(() => (window as unknown as { __bench: Instruments }).__bench.editorReady !== undefined, undefined, { timeout: 120_000 });
  return page;
}

/** The app's tab left open by an earlier figure (on the long note), or a new one. */
export async function appOnLongNote(ctx: Context): Promise<Page> {
  if (ctx.appPage && !ctx.appPage.isClosed()) {
    // A tab opened since may have hidden it, and a hidden tab gets no animation frames.
    await ctx.appPage.bringToFront();
    return ctx.appPage;
  }
  ctx.appPage = await openApp(ctx);
  return ctx.appPage;
}

/** Closes the app's tab left open, before a figure opens its own. */
export async function closeApp(ctx: Context): Promise<void> {
  if (ctx.appPage && !ctx.appPage.isClosed()) await ctx.appPage.close();
  ctx.appPage = null;
}

/** Runs `work` under Chromium's CPU profiler (--profile) or tracing (--trace), written to
 *  bench/results/<name>.cpuprofile or <name>.trace.json (open them in DevTools). */
export async function profiled<T>(ctx: Context, page: Page, name: string, work: () => Promise<T>): Promise<T> {
  if (TRACE) return traced(ctx, page, name, work);
  if (!PROFILE) return work();
  const cdp = await ctx.session.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `${name}.cpuprofile`), JSON.stringify(profile));
    await cdp.detach();
  }
}

/** A performance trace: style, layout and paint, which a CPU profile lumps together as
 *  "(program)". */
async function traced<T>(ctx: Context, page: Page, name: string, work: () => Promise<T>): Promise<T> {
  const cdp = await ctx.session.context.newCDPSession(page);
  await cdp.send('Tracing.start', {
    transferMode: 'ReturnAsStream',
    traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'loading'] },
  });
  try {
    return await work();
  } finally {
    const complete = new Promise<string>((done) => cdp.once('Tracing.tracingComplete', (event) => done(event.stream ?? '')));
    await cdp.send('Tracing.end');
    const handle = await complete;
    const chunks: string[] = [];
    for (;;) {
      const chunk = await cdp.send('IO.read', { handle });
      chunks.push(chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data);
      if (chunk.eof) break;
    }
    await cdp.send('IO.close', { handle });
    mkdirSync(RESULTS, { recursive: true });
    writeFileSync(join(RESULTS, `${name}.trace.json`), chunks.join(''));
    await cdp.detach();
  }
}

/** CPU time (user + system, ms) each Chromium renderer process of the session has used on
 *  its main thread so far (Linux: read from /proc; empty where it cannot be read). */
export function rendererMainThreadCpu(ctx: Context): Map<number, number> {
  const cpu = new Map<number, number>();
  let entries: string[];
  try {
    entries = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return cpu;
  }
  for (const pid of entries) {
    try {
      // A zygote's child rewrites its command line as one string, spaces between.
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      if (!args.includes('--type=renderer') || !args.includes(`--user-data-dir=${ctx.session.profileDir}`)) continue;
      // After the command name (which may hold spaces), utime and stime are the 12th and
      // 13th fields, in clock ticks of 10 ms.
      const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

/** The main-thread CPU time the session's renderers used while `work` ran, in ms (null
 *  where /proc cannot say). A tab does not always get a new process (Chromium keeps a
 *  spare one ready), so every renderer is counted: the others are idle meanwhile. Unlike
 *  a duration, a busier machine hardly changes it. */
export async function rendererCpuDuring<T>(ctx: Context, work: () => Promise<T>): Promise<{ result: T; cpuMs: number | null }> {
  const before = rendererMainThreadCpu(ctx);
  const result = await work();
  const after = rendererMainThreadCpu(ctx);
  if (after.size === 0) return { result, cpuMs: null };
  let cpuMs = 0;
  for (const [pid, used] of after) cpuMs += used - (before.get(pid) ?? 0);
  return { result, cpuMs };
}

/** The JS heap of a tab after a garbage collection (CDP), in MB. */
export async function heapUsedMB(ctx: Context, page: Page): Promise<number> {
  const cdp = await ctx.session.context.newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / 1e6;
}
