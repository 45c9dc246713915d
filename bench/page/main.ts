// The bench page: served on the harness's origin (so it shares the app's IndexedDB), it
// exposes on window.bench what the runner (bench/run.ts) cannot do from outside: seed the
// notebook with the app's own Dexie schema and Lexical conversion, run the importer's
// renderer half (buildImportRecords + applyImport) beside a raw bulkPut, time the search
// index (the app's LiveNoteIndex) and make 12 MP photos with the app's image pipeline.
import { AppDB } from '../../src/renderer/db/AppDB';
import { applyImport, buildImportRecords, type ImportRecords } from '../../src/renderer/db/importApply';
import { noteSummary, putNotes } from '../../src/renderer/db/notes';
import { processImage } from '../../src/renderer/photos/processImage';
import { SearchIndex } from '../../src/renderer/features/search/searchIndex';
import { createHeadlessNoteEditor } from '../../src/shared/editor/markdown';
import type { ImportPlan } from '../../src/shared/importPlan';
import type { Note } from '../../src/shared/model';
import { convert } from '../convert';
import { EXPEDITION_ID, longMarkdown, noteSeeds, TIME_ZONE } from '../corpus';
import { expedition, lessons, toNote, visits } from '../records';

const WRITE_CHUNK = 1_000;

async function freshDatabase(name: string): Promise<AppDB> {
  await new AppDB(name).delete();
  const database = new AppDB(name);
  await database.open();
  return database;
}

/** The notebook the app opens: `count` notes (+ one long note, the one on screen). */
async function seed(
  count: number,
  longWords: number,
): Promise<{ ms: number; convertMs: number; writeMs: number; longNoteId: string; visitId: string; listCount: number }> {
  const started = performance.now();
  const database = await freshDatabase('carnet');
  const vs = visits();
  const ls = lessons();
  const visitIds = vs.map((v) => v.id);
  const lessonIds = ls.map((l) => l.id);
  await database.transaction('rw', [database.expeditions, database.visits, database.lessons], async () => {
    await database.expeditions.put(expedition());
    await database.visits.bulkPut(vs);
    await database.lessons.bulkPut(ls);
  });
  const editor = createHeadlessNoteEditor();
  let convertMs = 0;
  let writeMs = 0;
  for (let at = 0; at < count; at += WRITE_CHUNK) {
    const t0 = performance.now();
    const notes = noteSeeds(Math.min(WRITE_CHUNK, count - at), 7, at).map((s) => toNote(editor, s, visitIds, lessonIds));
    const t1 = performance.now();
    await putNotes(database, notes);
    writeMs += performance.now() - t1;
    convertMs += t1 - t0;
  }
  // The long note, in the visit with the fewest notes, opened at start.
  const visit = vs[0]!;
  const long: Note = {
    id: 'bench-long-note',
    expeditionId: EXPEDITION_ID,
    visitId: visit.id,
    kind: 'observation',
    title: 'Compte rendu complet de la journée',
    speaker: '',
    ...convert(editor, longMarkdown(longWords), null),
    lessonIds: [],
    pinned: true,
    author: 'Camille Dupont',
    createdAt: visit.start + 60_000,
    updatedAt: visit.start + 60_000,
    deletedAt: null,
  };
  await putNotes(database, [long]);
  await database.settings.bulkPut([
    { key: 'locale', value: 'fr' },
    { key: 'currentExpeditionId', value: EXPEDITION_ID },
    { key: 'currentVisitId', value: visit.id },
    { key: 'currentNoteId', value: long.id },
  ]);
  const listCount = await database.notes.where('visitId').equals(visit.id).count();
  database.close();
  return { ms: performance.now() - started, convertMs, writeMs, longNoteId: long.id, visitId: visit.id, listCount };
}

/** Points the app at another note (of the same visit) before a reload. */
async function setCurrentNote(noteId: string): Promise<void> {
  const database = new AppDB('carnet');
  await database.settings.put({ key: 'currentNoteId', value: noteId });
  database.close();
}

let lastRecords: ImportRecords | null = null;

/** The plan as the app's preview holds it, until the import is confirmed. */
let receivedPlan: ImportPlan | null = null;

/** Each run writes into databases of its own, deleted only once every run is done: a run
 *  that deleted the last run's 100 MB first wrote 20-30 % slower (the store's tombstones),
 *  a cost no import in the app has. */
const runDatabases: string[] = [];
function runDatabase(kind: 'import' | 'raw'): string {
  const name = `carnet-bench-${kind}-${runDatabases.length}`;
  runDatabases.push(name);
  return name;
}

function receivePlan(plan: ImportPlan): void {
  receivedPlan = plan;
}

/** What the app does once the import is confirmed: records built, then one transaction. */
async function importPlan(): Promise<{ buildMs: number; writeMs: number; notes: number; skipped: number }> {
  const plan = receivedPlan;
  if (!plan) throw new Error('receivePlan first');
  receivedPlan = null;
  const database = await freshDatabase(runDatabase('import'));
  const exp = expedition();
  const vs = visits();
  await database.expeditions.put(exp);
  await database.visits.bulkPut(vs);
  const t0 = performance.now();
  const records = buildImportRecords(plan, { expedition: exp, visits: vs, lessons: [], unassignedVisitTitle: 'Notes importées', now: Date.now() });
  const t1 = performance.now();
  const report = await applyImport(database, plan, records);
  const t2 = performance.now();
  lastRecords = records;
  database.close();
  return { buildMs: t1 - t0, writeMs: t2 - t1, notes: report.imported.notes, skipped: report.skipped.length };
}

/** The limit: the same records, written by a bare Dexie bulkPut in one transaction. */
async function rawBulkPut(): Promise<{ ms: number; notes: number }> {
  if (!lastRecords) throw new Error('importPlan first');
  const records = lastRecords;
  const database = await freshDatabase(runDatabase('raw'));
  // The same records as Carnet stores them: each note in its two tables.
  const summaries = records.notes.map(noteSummary);
  const states = records.notes.map(({ id, state }) => ({ id, state }));
  const t0 = performance.now();
  await database.transaction('rw', [database.visits, database.lessons, database.notes, database.noteStates], async () => {
    await database.visits.bulkPut(records.visits);
    await database.lessons.bulkPut(records.lessons);
    await database.noteStates.bulkPut(states);
    await database.notes.bulkPut(summaries);
  });
  const ms = performance.now() - t0;
  database.close();
  return { ms, notes: records.notes.length };
}

async function dropBenchDatabases(): Promise<void> {
  lastRecords = null;
  for (const name of runDatabases.splice(0)) await new AppDB(name).delete();
}

/** The app's search index as the app opens it (SearchIndex: a worker holding
 *  LiveNoteIndex, loaded from its snapshot when there is one), then its queries, each
 *  timed as the page sees it: the round trip to the worker included. */
let live: SearchIndex | null = null;
async function buildIndex(fresh: boolean): Promise<{ readyMs: number; longestStallMs: number; size: number; where: string; build: unknown }> {
  live?.dispose();
  const database = new AppDB('carnet');
  if (fresh) await database.searchIndexes.clear();
  let longest = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (running) setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  const t0 = performance.now();
  live = new SearchIndex(database, EXPEDITION_ID);
  await live.ready;
  const readyMs = performance.now() - t0;
  running = false;
  return { readyMs, longestStallMs: longest, size: live.size, where: live.where, build: live.lastBuild };
}

async function timeQueries(queries: string[], repeat: number): Promise<{ samples: number[]; found: number }> {
  if (!live) throw new Error('buildIndex first');
  const samples: number[] = [];
  let found = 0;
  for (let r = 0; r < repeat; r++) {
    for (const query of queries) {
      const t0 = performance.now();
      const { total } = await live.search(query, {}, 50);
      samples.push(performance.now() - t0);
      found += total > 0 ? 1 : 0;
    }
  }
  return { samples, found };
}

/** Waits until the worker has saved its snapshot (it does so ~2 s after a build). */
async function waitForSnapshot(timeoutMs: number): Promise<boolean> {
  const database = new AppDB('carnet');
  const until = performance.now() + timeoutMs;
  while (performance.now() < until) {
    if (await database.searchIndexes.get(EXPEDITION_ID)) return true;
    await new Promise((done) => setTimeout(done, 250));
  }
  return false;
}

function disposeIndex(): void {
  live?.dispose();
  live = null;
}

/** 12 MP photos made by a canvas (sky, hills, noise: compresses like a photo), then run
 *  through the app's image pipeline for their 2,000 px display copy. */
async function makePhotos(count: number): Promise<{ name: string; width: number; height: number; original: string; display: string }[]> {
  const out = [];
  for (let i = 0; i < count; i++) {
    const canvas = new OffscreenCanvas(4000, 3000);
    const g = canvas.getContext('2d')!;
    const sky = g.createLinearGradient(0, 0, 0, 3000);
    sky.addColorStop(0, `hsl(${200 + i * 7}, 60%, 70%)`);
    sky.addColorStop(1, `hsl(${90 + i * 11}, 35%, 35%)`);
    g.fillStyle = sky;
    g.fillRect(0, 0, 4000, 3000);
    for (let h = 0; h < 6; h++) {
      g.fillStyle = `hsl(${100 + h * 20 + i * 5}, 30%, ${25 + h * 6}%)`;
      g.beginPath();
      g.moveTo(0, 3000);
      for (let x = 0; x <= 4000; x += 50) g.lineTo(x, 1500 + h * 200 + Math.sin((x + i * 300) / (300 + h * 90)) * 250);
      g.lineTo(4000, 3000);
      g.fill();
    }
    const noise = g.getImageData(0, 0, 4000, 3000);
    for (let p = 0; p < noise.data.length; p += 4) {
      const n = (Math.random() - 0.5) * 28;
      noise.data[p]! += n;
      noise.data[p + 1]! += n;
      noise.data[p + 2]! += n;
    }
    g.putImageData(noise, 0, 0);
    const blob = await canvas.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
    const processed = await processImage(new File([blob], `IMG_${1000 + i}.jpg`, { type: 'image/jpeg' }), `IMG_${1000 + i}.jpg`, TIME_ZONE);
    if (!processed.ok || !processed.image.display) throw new Error(`photo ${i}: ${processed.ok ? 'no display copy' : processed.problem}`);
    out.push({
      name: processed.image.name,
      width: processed.image.width,
      height: processed.image.height,
      original: await base64(processed.image.blob),
      display: await base64(processed.image.display),
    });
  }
  return out;
}

async function base64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

const bench = {
  seed,
  setCurrentNote,
  receivePlan,
  importPlan,
  rawBulkPut,
  dropBenchDatabases,
  buildIndex,
  timeQueries,
  waitForSnapshot,
  disposeIndex,
  makePhotos,
};
export type BenchPage = typeof bench;
(window as unknown as { bench: BenchPage }).bench = bench;
document.title = 'bench ready';
