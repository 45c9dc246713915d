// Planning an import in a worker thread, so that a time budget can really stop it: the
// parsers check their Deadline in every loop (cheap, and the answer names the budget),
// but one long library call never reaches the check — ical.js parses a 95 MB calendar
// that passes every limit in one call of ~17 s. The host gives the worker its budget plus
// LIMITS.workerGraceMs, then terminates it. Planning in a worker also keeps the Electron
// main process answering while a vault of thousands of notes is converted.
//
// The worker's heap is capped too, but only as a best effort: Node terminates a worker at
// its limit for most allocations, yet some (a parse of that calendar under a 64 MB cap)
// abort the whole process (nodejs/node#47224). So the cap sits far above what an import
// needs (a 10,000-note vault: under 256 MB); a bound that must hold — the fuzzing
// harness's 300 MB — needs a process of its own (the CLI run with --max-old-space-size).
//
// Measured on the 2 shared cores here: starting the worker and loading the parsers takes
// 0.2-0.45 s, and handing a 10,000-note plan back 0.35-0.4 s (the planning itself, 3.2-
// 3.7 s, is the same as in main). A sample backup is inspected in 0.55 s instead of 0.3 s.
import { basename } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ImportPlan } from '../../shared/importPlan';
import { fail, type Result } from '../../shared/ipc';
import { gaveUp, ImportFailure, LIMITS } from './limits';
import type { PlanRequest } from './planRequest';

export interface WorkerLimits {
  /** Time allowed past the plan's budget before the worker is terminated. */
  graceMs?: number;
  /** The worker's JavaScript heap, in MB (file bytes are counted apart, ≤ 100 MB); a best
   *  effort, see above. */
  maxMemoryMb?: number;
}

/** Messages from importWorker.js. */
export type WorkerMessage = { extended: number } | { result: Result<ImportPlan> };

/** Plans in a worker thread running `workerFile` (the build's importWorker.js), within
 *  the request's budget and the limits; never throws. */
export function planInWorker(workerFile: string, request: PlanRequest, limits: WorkerLimits = {}): Promise<Result<ImportPlan>> {
  const budgetMs = request.options.budgetMs ?? LIMITS.budgetMs;
  const maxMemoryMb = limits.maxMemoryMb ?? LIMITS.workerMemoryMb;
  let allowedMs = budgetMs + (limits.graceMs ?? LIMITS.workerGraceMs);
  const started = performance.now();
  return new Promise((resolve) => {
    // The worker's console is not the CLI's: stdout carries only the plan.
    const worker = new Worker(workerFile, { workerData: request, resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb }, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    let timer: NodeJS.Timeout | undefined;
    const finish = (result: Result<ImportPlan>): void => {
      clearTimeout(timer);
      worker.removeAllListeners();
      worker.on('error', () => undefined);
      void worker.terminate();
      resolve(result);
    };
    // Checked again when due, as a large folder's budget may have grown meanwhile.
    const watch = (): void => {
      const left = started + allowedMs - performance.now();
      if (left > 0) timer = setTimeout(watch, left);
      else finish({ ok: false, error: gaveUp(budgetMs).toCarnetError() });
    };
    watch();
    worker.on('message', (message: WorkerMessage) => {
      if ('extended' in message) allowedMs += message.extended;
      else finish(message.result);
    });
    worker.on('error', (error: Error & { code?: string }) => {
      const name = basename(request.path);
      if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') {
        const failure = new ImportFailure('fileTooLarge', `${name} needs more than ${maxMemoryMb} MB of memory to be read: it is too large or too complex.`, {
          name,
          megabytes: maxMemoryMb,
        });
        finish({ ok: false, error: failure.toCarnetError() });
      } else {
        finish(fail('internal', `Something went wrong while reading ${name}.`, { name, reason: `${error.name}: ${error.message}`.slice(0, 200) }));
      }
    });
    worker.on('exit', () => finish(fail('internal', `Reading ${basename(request.path)} stopped without an answer.`, { name: basename(request.path) })));
  });
}
