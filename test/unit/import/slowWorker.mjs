// A stand-in for importWorker.js: asks its host for 3 s more, works for 1.5 s without
// checking anything, then answers with an empty plan.
import { parentPort } from 'node:worker_threads';

parentPort.postMessage({ extended: 3_000 });
const until = Date.now() + 1_500;
while (Date.now() < until);
parentPort.postMessage({
  result: {
    ok: true,
    value: { source: { format: 'markdown', encoding: 'utf-8', name: 'slow' }, visits: [], lessons: [], notes: [], warnings: [], skipped: [], itemCount: 0 },
  },
});
