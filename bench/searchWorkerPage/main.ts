// The page bench/searchWorker.ts drives in Chromium: Carnet's SearchIndex over generated
// notes, built in its worker or on the page, with its queries timed from the page.
import Dexie from 'dexie';
import { AppDB } from '../../src/renderer/db/AppDB';
import { putNotes } from '../../src/renderer/db/notes';
import { NoteIndex } from '../../src/renderer/features/search/noteIndex';
import { SearchIndex } from '../../src/renderer/features/search/searchIndex';
import { indexWords } from '../../src/shared/text/fold';
import { makeNotes } from '../searchPage/corpus';
import { timeQueries, watchMainThread, type Timing } from '../searchPage/measure';

const EXPEDITION = 'exp-bench';
const VISITS = Array.from({ length: 20 }, (_, i) => `visit-${i}`);
const LESSONS = Array.from({ length: 6 }, (_, i) => `lesson-${i}`);
const NAME = 'bench-worker';
const WRITE_CHUNK = 2_000;

let database: AppDB | null = null;
let index: SearchIndex | null = null;
const open = () => (database ??= new AppDB(NAME));

async function seed(count: number): Promise<number> {
  const started = performance.now();
  for (let at = 0; at < count; at += WRITE_CHUNK) {
    await putNotes(open(), makeNotes(Math.min(WRITE_CHUNK, count - at), EXPEDITION, VISITS, LESSONS, 7, at));
  }
  return performance.now() - started;
}

/** Time to ready, and the page's main thread meanwhile: the longest gap of a 4 ms ticker
 *  (what a keystroke would wait at worst) and the long tasks Chromium reports. */
async function build(
  worker: boolean,
): Promise<{ readyMs: number; longestStallMs: number; longTasks: number; size: number; where: string; lastBuild: unknown; busiestMessageMs: number }> {
  index?.dispose();
  const mainThread = watchMainThread();
  // The page's share of indexing: handling the worker's messages.
  let busiestMessageMs = 0;
  const internals = SearchIndex.prototype as unknown as { receive(message: unknown): void };
  const receive = internals.receive;
  internals.receive = function (this: SearchIndex, message: unknown) {
    const started = performance.now();
    receive.call(this, message);
    busiestMessageMs = Math.max(busiestMessageMs, performance.now() - started);
  };
  let longTasks = 0;
  const observer = new PerformanceObserver((list) => (longTasks += list.getEntries().length));
  observer.observe({ type: 'longtask' });
  const started = performance.now();
  index = new SearchIndex(open(), EXPEDITION, { worker });
  await index.ready;
  const readyMs = performance.now() - started;
  const longestStallMs = mainThread.stop();
  observer.disconnect();
  internals.receive = receive;
  return { readyMs, longestStallMs, longTasks, size: index.size, where: index.where, lastBuild: index.lastBuild, busiestMessageMs };
}

function time(queries: string[], repeat: number): Promise<Timing> {
  return timeQueries(async (query) => (await index!.search(query, {}, 50)).total, queries, repeat);
}

/** A note edited on the page: how long until the index finds it by a new word. */
async function freshness(): Promise<number> {
  const [note] = makeNotes(1, EXPEDITION, VISITS, LESSONS, 99, 0);
  const word = `zyxwvu${Date.now()}`;
  const started = performance.now();
  await putNotes(open(), [{ ...note!, id: 'fresh-note', text: `${note!.text} ${word}`, updatedAt: Date.now() }]);
  for (;;) {
    if ((await index!.search(word)).total === 1) return performance.now() - started;
    await new Promise((resume) => setTimeout(resume, 2));
  }
}

async function reset(): Promise<void> {
  index?.dispose();
  index = null;
  database?.close();
  database = null;
  await Dexie.delete(NAME);
}

function usedHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
}

/** Waits until the worker has saved its snapshot; its size in bytes, roughly. */
async function snapshotSaved(): Promise<number> {
  for (;;) {
    const saved = await open().searchIndexes.get(EXPEDITION);
    if (saved) {
      const data = saved.data as { terms: string[]; postings: Int32Array; facts: string; meta: string };
      return data.postings.byteLength + 2 * (data.terms.join('').length + data.facts.length + data.meta.length);
    }
    await new Promise((resume) => setTimeout(resume, 100));
  }
}

/** Where a build's time goes: reading the notes (two ways), folding their words, indexing. */
async function profile(): Promise<Record<string, number>> {
  const table = open().notes;
  const out: Record<string, number> = {};
  let t = performance.now();
  const ids = await table.where('expeditionId').equals(EXPEDITION).primaryKeys();
  out['keysMs'] = performance.now() - t;
  t = performance.now();
  const notes = [];
  for (let at = 0; at < ids.length; at += 250) notes.push(...(await table.bulkGet(ids.slice(at, at + 250))));
  out['bulkGet250Ms'] = performance.now() - t;
  t = performance.now();
  await table.toArray();
  out['toArrayMs'] = performance.now() - t;
  t = performance.now();
  let words = 0;
  for (const note of notes) words += indexWords(note!.text).length + indexWords(note!.title).length;
  out['foldMs'] = performance.now() - t;
  out['words'] = words;
  t = performance.now();
  const index = new NoteIndex();
  for (const note of notes) index.upsert(note!);
  out['indexMs'] = performance.now() - t;
  t = performance.now();
  const data = index.serialize();
  out['serializeMs'] = performance.now() - t;
  out['snapshotMB'] = (data.postings.byteLength + 2 * data.terms.join('').length + 2 * data.facts.length + 2 * data.meta.length) / 1e6;
  t = performance.now();
  new NoteIndex().load(data);
  out['loadMs'] = performance.now() - t;
  t = performance.now();
  await open().searchIndexes.put({ expeditionId: 'profile', format: 0, takenAt: 0, count: 0, data });
  out['putMs'] = performance.now() - t;
  t = performance.now();
  await open().searchIndexes.get('profile');
  out['getMs'] = performance.now() - t;
  await open().searchIndexes.delete('profile');
  return out;
}

const bench = { seed, build, time, freshness, reset, usedHeap, snapshotSaved, profile, count: () => open().notes.count() };
export type SearchWorkerPage = typeof bench;
(window as unknown as { bench: SearchWorkerPage }).bench = bench;
