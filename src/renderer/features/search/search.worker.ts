// The search index in a worker: building it (reading every note, folding and indexing
// its words) takes seconds at 10,000 notes, and here none of it holds the page's thread.
// The worker opens the app's database itself; Dexie's live queries see the page's writes
// through its cross-context broadcast, so the index follows edits as it does in the page.
import { AppDB } from '../../db/AppDB';
import { LiveNoteIndex } from './liveNoteIndex';
import type { FromWorker, ToWorker } from './searchProtocol';

/** Slices of indexing between which queries and live updates are answered. */
const WORKER_SLICE_MS = 40;

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
};

let live: LiveNoteIndex | null = null;
let lastTags = '';
let announced = false;

function announce(): void {
  if (!live) return;
  const tags = [...live.index.tagCounts()];
  const serialized = JSON.stringify(tags);
  const changed = serialized !== lastTags;
  lastTags = serialized;
  const build = live.lastBuild ?? undefined;
  scope.postMessage({ type: 'state', status: live.status, size: live.index.size, ...(changed ? { tags } : {}), ...(build ? { build } : {}) });
}

/** Many changes in one task (a live query's batch) make one message. */
function announceSoon(): void {
  if (announced) return;
  announced = true;
  queueMicrotask(() => {
    announced = false;
    announce();
  });
}

scope.addEventListener('message', ({ data }) => {
  if (data.type === 'open') {
    live?.dispose();
    live = new LiveNoteIndex(new AppDB(data.databaseName), data.expeditionId, { sliceMs: WORKER_SLICE_MS, snapshots: true });
    live.subscribe(announceSoon);
    return;
  }
  if (data.type === 'typing') {
    live?.holdForTyping();
    return;
  }
  if (!live) {
    scope.postMessage({ type: 'refused', id: data.id, message: 'The search index is not open.' });
    return;
  }
  try {
    scope.postMessage({ type: 'answer', id: data.id, answer: live.index.search(data.query, data.filters, data.limit) });
  } catch (error) {
    scope.postMessage({ type: 'refused', id: data.id, message: error instanceof Error ? error.message : String(error) });
  }
});
