// Compares the start of several renderer builds, interleaved in one browser so that each
// sees the same moments of the machine's load: each build served on its own port
// (CARNET_E2E_PORT + 1, + 2…; the app's CSP, no-store), opened in a new tab again and
// again; for each, the module scripts' phase (domInteractive → DOMContentLoaded: the
// bundle loaded, compiled and its top level run) and the main-thread CPU time the
// browser's renderers used until `load`. Without window.carnet the app stops right after
// (it asks main for its settings first): this is the part of the cold start a build
// changes, measured apart from the notebook.
//   npx tsx bench/compareBuilds.ts <name>=<renderer folder> … [--runs=30]
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../src/main/platform/chromium';
import { serveStatic } from '../src/main/platform/staticServer';
import { CONTENT_SECURITY_POLICY } from '../src/main/security';
import { summary } from './stats';

const builds = process.argv
  .slice(2)
  .filter((a) => !a.startsWith('--') && a.includes('='))
  .map((a) => a.split('=') as [string, string]);
const runs = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice(7) ?? 30);
const port = Number(process.env['CARNET_E2E_PORT'] ?? 47871);
const profile = mkdtempSync(join(tmpdir(), 'carnet-compare-builds-'));

/** Main-thread CPU time (ms) of every renderer of the browser, by pid (as
 *  session.ts's rendererMainThreadCpu, for a browser launched here). */
function rendererCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
      if (!args.includes('--type=renderer') || !args.includes(`--user-data-dir=${profile}`)) continue;
      const fields = readFileSync(`/proc/${pid}/task/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      cpu.set(Number(pid), (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // gone meanwhile
    }
  }
  return cpu;
}

async function main(): Promise<void> {
  const servers = await Promise.all(
    builds.map(([, root], i) =>
      serveStatic({ root, port: port + 1 + i, headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' } }),
    ),
  );
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: [...CHROMIUM_ARGS] });
  const phase: Record<string, number[]> = {};
  const cpu: Record<string, number[]> = {};
  try {
    for (let r = 0; r < runs; r++) {
      // A new order each round: no build always runs first after a pause.
      const order = builds.map((_, i) => (i + r) % builds.length);
      for (const i of order) {
        const [name] = builds[i]!;
        const before = rendererCpu();
        const page = await context.newPage();
        await page.goto(`${servers[i]!.origin}/index.html`, { waitUntil: 'load' });
        const after = rendererCpu();
        let used = 0;
        for (const [pid, value] of after) used += value - (before.get(pid) ?? 0);
        const bundle = await page.evaluate(() => {
          const [n] = performance.getEntriesByType('navigation') as PerformanceNavigationTiming[];
          return n!.domContentLoadedEventStart - n!.domInteractive;
        });
        (phase[name] ??= []).push(bundle);
        (cpu[name] ??= []).push(used);
        await page.close();
      }
    }
  } finally {
    await context.close();
    await Promise.all(servers.map((s) => s.close()));
    rmSync(profile, { recursive: true, force: true });
  }
  for (const [name] of builds) {
    const p = summary(phase[name]!);
    const c = summary(cpu[name]!);
    console.log(
      `${name}\tbundle phase median ${p.median.toFixed(0)} ms, p95 ${p.p95.toFixed(0)} ms\tmain-thread CPU to load median ${c.median} ms, p95 ${c.p95} ms\t(n=${p.n})`,
    );
  }
}

void main();
