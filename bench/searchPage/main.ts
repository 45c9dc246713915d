// The page bench/searchDesigns.ts drives in Chromium. It exposes, on window.bench, the
// two designs over the same generated notes:
//   A: Carnet's LiveNoteIndex (MiniSearch in memory, built in slices from IndexedDB);
//   B: a Dexie multiEntry index of folded words ('*words') queried with startsWith.
import Dexie from 'dexie';
import type { Note } from '../../src/shared/model';
import { searchWords } from '../../src/shared/text/fold';
import { AppDB } from '../../src/renderer/db/AppDB';
import { putNotes } from '../../src/renderer/db/notes';
import { SCHEMA_VERSIONS } from '../../src/renderer/db/schema';
import { LiveNoteIndex } from '../../src/renderer/features/search/liveNoteIndex';
import { queryWords } from '../../src/renderer/features/search/noteIndex';
import { makeNotes } from './corpus';
import { timeQueries, watchMainThread } from './measure';

const EXPEDITION = 'exp-bench';
const VISITS = Array.from({ length: 20 }, (_, i) => `visit-${i}`);
const LESSONS = Array.from({ length: 6 }, (_, i) => `lesson-${i}`);
const WRITE_CHUNK = 2_000;

type WordNote = Note & { words: string[] };

/** Design B's database: Carnet's schema plus a multiEntry index of folded words. */
class WordsDB extends Dexie {
  notes!: Dexie.Table<WordNote, string>;
  constructor(name: string) {
    super(name);
    // The notes table as Carnet's schema last defines it (a version names only what it changes).
    const notes = [...SCHEMA_VERSIONS].reverse().find((version) => version.stores['notes'])!.stores['notes'];
    this.version(1).stores({ notes: `${notes}, *words` });
  }
}

let appDb: AppDB | null = null;
let wordsDb: WordsDB | null = null;
let live: LiveNoteIndex | null = null;

/** Writes `count` notes in chunks; returns the milliseconds spent in bulkPut only. */
async function seed(design: 'A' | 'B', count: number): Promise<{ writeMs: number; wordsMs: number }> {
  const database = design === 'A' ? (appDb = new AppDB('bench-a')) : (wordsDb = new WordsDB('bench-b'));
  await database.open();
  let writeMs = 0;
  let wordsMs = 0;
  for (let at = 0; at < count; at += WRITE_CHUNK) {
    const notes = makeNotes(Math.min(WRITE_CHUNK, count - at), EXPEDITION, VISITS, LESSONS, 7, at);
    let records: Note[] = notes;
    if (design === 'B') {
      const started = performance.now();
      records = notes.map((note) => ({ ...note, words: searchWords(note.text, note.title, note.tags) }));
      wordsMs += performance.now() - started;
    }
    const started = performance.now();
    // Design A is Carnet's own layout: each note's summary and state in their two tables.
    if (design === 'A') await putNotes(appDb!, records);
    else await database.table('notes').bulkPut(records);
    writeMs += performance.now() - started;
  }
  return { writeMs, wordsMs };
}

/** Design A: time until the index is ready, and the longest the main thread was held
 *  meanwhile (what a keystroke would wait at worst), measured by a 4 ms ticker. */
async function buildA(): Promise<{ readyMs: number; longestStallMs: number; size: number }> {
  appDb ??= new AppDB('bench-a');
  const mainThread = watchMainThread();
  const started = performance.now();
  live = new LiveNoteIndex(appDb, EXPEDITION);
  await live.ready;
  const readyMs = performance.now() - started;
  return { readyMs, longestStallMs: mainThread.stop(), size: live.index.size };
}

function queryA(query: string): number {
  return live!.index.search(query, {}, 50).total;
}

/** Design B: each word as a prefix of the words index, candidates intersected, trash removed. */
async function queryB(query: string): Promise<number> {
  const database = wordsDb!;
  const words = queryWords(query);
  let found: Set<string> | null = null;
  for (const word of words) {
    const keys = await database.notes.where('words').startsWith(word).primaryKeys();
    const current: Set<string> = found ?? new Set(keys);
    found = found ? new Set(keys.filter((key) => current.has(key))) : current;
    if (found.size === 0) break;
  }
  const trashed = new Set(await database.notes.where('deletedAt').above(0).primaryKeys());
  return [...(found ?? [])].filter((id) => !trashed.has(id)).length;
}

/** Reading the first 20 results' records to display them (both designs must). */
async function readResults(design: 'A' | 'B', query: string): Promise<number> {
  const database = design === 'A' ? appDb! : wordsDb!;
  const ids = design === 'A' ? live!.index.search(query, {}, 20).hits.map((hit) => hit.id) : [];
  if (design === 'B') {
    const first = queryWords(query)[0] ?? '';
    ids.push(...(await database.table('notes').where('words').startsWith(first).limit(20).primaryKeys()).map(String));
  }
  return (await database.table('notes').bulkGet(ids)).length;
}

async function reset(): Promise<void> {
  live?.dispose();
  live = null;
  appDb?.close();
  wordsDb?.close();
  appDb = wordsDb = null;
  await Dexie.delete('bench-a');
  await Dexie.delete('bench-b');
}

function usedHeap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return (performance as unknown as { memory: { usedJSHeapSize: number } }).memory.usedJSHeapSize;
}

const bench = {
  seed,
  buildA,
  reset,
  usedHeap,
  readResults,
  timeA: (queries: string[], repeat: number) => timeQueries(queryA, queries, repeat),
  timeB: (queries: string[], repeat: number) => timeQueries(queryB, queries, repeat),
  reopenB: async () => {
    wordsDb?.close();
    wordsDb = new WordsDB('bench-b');
    const started = performance.now();
    await wordsDb.open();
    await wordsDb.notes.where('words').startsWith('a').limit(1).primaryKeys();
    return performance.now() - started;
  },
};
export type SearchDesignsPage = typeof bench;
(window as unknown as { bench: SearchDesignsPage }).bench = bench;
