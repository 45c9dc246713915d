// The import worker (the build's importWorker.js): plans one request sent by
// planInWorker, telling the host when the budget grows, then answers with the Result.
import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage } from './isolated';
import { runPlanRequest, type PlanRequest } from './planRequest';

const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

void runPlanRequest(workerData as PlanRequest, (ms) => post({ extended: ms })).then((result) => post({ result }));
