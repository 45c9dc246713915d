// One input's run of the built CLI in a process of its own, so that both limits of the
// budget are real: its peak resident memory and its CPU time are measured by the process
// itself (resourceUsage.mjs), and a run still going after its hang limit is killed.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export const CLI = resolve(__dirname, '../../../out/main/cli.js');
const USAGE_PRELOAD = resolve(__dirname, 'resourceUsage.mjs');

/** What one input may cost (SECURITY.md lists them). */
export const BUDGET = {
  /** CPU time of a run, every thread counted: the shared 2-core machine's load stretches
   *  wall-clock times several-fold, CPU time hardly. Node's start and the CLI's modules
   *  take about 0.5 s of it. */
  cpuMs: 2_000,
  /** Peak resident memory of the CLI process (Chromium, printing a PDF, is apart). */
  rssMb: 300,
  /** The JavaScript heap the CLI is started with, under the memory budget. */
  heapMb: 256,
  /** Wall-clock time after which a run is a hang: the CLI promises an answer within
   *  10 s whatever the file; a PDF first starts Chromium. */
  hangMs: { inspect: 10_000, journal: 15_000, pdf: 30_000 },
  /** A run over budget is tried again this many times in all: a failure is an input
   *  that is over budget every time, not a moment when the machine was busy. */
  tries: 3,
} as const;

export interface CliRun {
  args: string[];
  /** Exit code, null when a signal ended the run. */
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Killed at its hang limit. */
  hung: boolean;
  /** What the process reported at its exit; null when it could not (killed, crashed). */
  usage: { maxRssKb: number; cpuMs: number } | null;
}

interface RunPlace {
  /** The working directory of the run. */
  cwd: string;
  /** The run's TMPDIR, empty before, checked empty after. */
  tmpDir: string;
  /** Where the process writes its usage (outside the folders checked). */
  usageFile: string;
  hangMs: number;
}

/** Runs `carnet <args>` once. */
function runCarnetOnce(args: string[], place: RunPlace): Promise<CliRun> {
  rmSync(place.usageFile, { force: true });
  const started = performance.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${BUDGET.heapMb}`, '--import', USAGE_PRELOAD, CLI, ...args], {
    cwd: place.cwd,
    env: { ...process.env, TMPDIR: place.tmpDir, CARNET_USAGE_FILE: place.usageFile },
    // A group of its own, so that a hang is killed with the Chromium it may have started.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let hung = false;
  const timer = setTimeout(() => {
    hung = true;
    killGroup(child.pid);
  }, place.hangMs);
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      // Whatever the CLI left running in its group (a Chromium it did not close) goes too.
      killGroup(child.pid);
      done({
        args,
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
        wallMs: performance.now() - started,
        hung,
        usage: existsSync(place.usageFile) ? (JSON.parse(readFileSync(place.usageFile, 'utf8')) as CliRun['usage']) : null,
      });
    });
  });
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // The group is already gone.
  }
}

/** How a run went over its budget; [] when it did not. */
export function overBudget(run: CliRun): string[] {
  if (run.hung) return [`no answer after ${(run.wallMs / 1000).toFixed(1)} s (killed as a hang)`];
  if (!run.usage) return [];
  const problems: string[] = [];
  if (run.usage.cpuMs > BUDGET.cpuMs) problems.push(`${(run.usage.cpuMs / 1000).toFixed(2)} s of CPU (budget ${BUDGET.cpuMs / 1000} s)`);
  const rssMb = run.usage.maxRssKb / 1024;
  if (rssMb > BUDGET.rssMb) problems.push(`${rssMb.toFixed(0)} MB resident (budget ${BUDGET.rssMb} MB)`);
  return problems;
}

/** Runs `carnet <args>`, again while over budget, up to BUDGET.tries times; answers the
 *  last run. `reset` puts the places back as they were before each try. */
export async function runCarnet(args: string[], place: RunPlace, reset: () => void): Promise<CliRun> {
  let run = await runCarnetOnce(args, place);
  for (let tries = 1; tries < BUDGET.tries && overBudget(run).length > 0; tries++) {
    reset();
    run = await runCarnetOnce(args, place);
  }
  return run;
}

let ticksPerSecond: number | undefined;

/** The CPU time, in ms, used so far by this process and every process it started — those
 *  that ended included, as a process's own count takes in the children it waited for —
 *  where /proc tells it (Linux): what a writer run in this process costs, with the
 *  Chromium that prints PDFs (whose end, when it closes, then takes nothing away). */
export function cpuOfProcessTree(): number {
  if (!existsSync('/proc/self/stat')) {
    const own = process.cpuUsage();
    return (own.user + own.system) / 1000;
  }
  ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }));
  const processes = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${name}/stat`, 'utf8');
    } catch {
      continue; // ended meanwhile
    }
    // Fields after the command's closing parenthesis: state, ppid, … utime (the 14th
    // field), stime, cutime, cstime (the time of the children it waited for).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = [11, 12, 13, 14].reduce((sum, field) => sum + Number(fields[field]), 0);
    processes.set(Number(name), { parent: Number(fields[1]), ticks });
  }
  let ticks = 0;
  for (const [pid, { ticks: own }] of processes) {
    for (let at: number | undefined = pid; at !== undefined && at > 1; at = processes.get(at)?.parent) {
      if (at === process.pid) {
        ticks += own;
        break;
      }
    }
  }
  return (ticks * 1000) / ticksPerSecond;
}

/** Collects the garbage the harness made, so that collecting it is not counted in the
 *  CPU time of the writer measured next. */
export const collectGarbage: () => void = (() => {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();
