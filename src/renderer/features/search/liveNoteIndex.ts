// Builds an expedition's NoteIndex from IndexedDB without blocking the interface, then
// keeps it in step with the database: Dexie says which notes each write touched (its
// storagemutated event, which also carries the writes of other windows and workers of
// the same origin), and those notes are read again. Nothing here compares times of day:
// notes are dated by whoever wrote them, with a clock that may be frozen, or set back.
import Dexie, { liveQuery, RangeSet, type ObservabilitySet, type Subscription } from 'dexie';
import type { Id, NoteSummary } from '../../../shared/model';
import type { AppDB, SearchIndexRecord } from '../../db/AppDB';
import { NoteIndex, SNAPSHOT_FORMAT, type IndexSnapshot } from './noteIndex';

/** Notes read from IndexedDB at a time while building. */
const READ_CHUNK = 250;
/** Longest stretch of indexing between two yields to the event loop: well under a frame,
 *  so typing and painting go on while the index is built on the page's thread. */
const SLICE_MS = 8;

export type IndexStatus = 'building' | 'ready' | 'failed';

/** How a build went: from a snapshot or from every note, notes indexed, milliseconds. */
export interface BuildReport {
  from: 'snapshot' | 'notes';
  reindexed: number;
  loadMs: number;
  totalMs: number;
}

export interface LiveNoteIndexOptions {
  /** Longest stretch of indexing between two yields. In a worker nothing waits on its
   *  thread but the index's own messages, so it can work in longer slices. */
  sliceMs?: number;
  /** Load the index from the snapshot saved in the database, and save one when it has
   *  changed. Saving serializes the whole index at once: for a worker only. */
  snapshots?: boolean;
}

/** Quiet time after a change before the snapshot is saved again. Saving holds the worker
 *  for about a second at 10,000 notes, and a start re-indexes whatever changed since the
 *  last snapshot anyway, so it is not done often. */
const SNAPSHOT_DELAY_MS = 60_000;
/** After a build, the snapshot is saved this soon (not at once: the first queries come first). */
const FIRST_SAVE_DELAY_MS = 2_000;
/** How long building and saving wait after a keystroke in a note (signalled every 0.2 s
 *  while typing goes on, editor/typingActivity.ts). On two cores, a build beside the
 *  typing (the first start after an import: seconds of reading and indexing) made the
 *  first seconds of typing twice as slow to show. */
export const TYPING_HOLD_MS = 600;

export class LiveNoteIndex {
  readonly index = new NoteIndex();
  status: IndexStatus = 'building';
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;
  readonly ready: Promise<void>;
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions: Subscription[] = [];
  private disposed = false;
  private readonly sliceMs: number;
  private readonly snapshots: boolean;
  /** The index differs from the saved snapshot. */
  private unsaved = false;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private saveAfterBuild = false;
  /** Notes written and not yet read again (kept while the index builds); `everything`
   *  when a write touched a range of keys (a large import, a cleared table). */
  private readonly written = new Set<Id>();
  private everythingWritten = false;
  private building = true;
  /** Reading written notes again, one round at a time. */
  private rereading: Promise<void> | null = null;
  /** How the last build went, for measuring: where it started from and how long it took. */
  lastBuild: BuildReport | null = null;
  /** Until then (performance.now()) someone is typing: the build and the snapshot wait. A
   *  monotonic clock: with the system clock frozen or set back, the hold still ends. */
  private heldUntil = 0;

  constructor(
    private readonly database: AppDB,
    readonly expeditionId: Id,
    options: LiveNoteIndexOptions = {},
  ) {
    this.sliceMs = options.sliceMs ?? SLICE_MS;
    this.snapshots = options.snapshots ?? false;
    this.ready = this.build().then(
      () => this.settle('ready'),
      (error: unknown) => {
        console.error('Search index', error);
        this.settle('failed');
      },
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Someone is typing a note: building and saving wait until TYPING_HOLD_MS after the
   *  last call. Live updates and queries go on. */
  holdForTyping(): void {
    this.heldUntil = performance.now() + TYPING_HOLD_MS;
  }

  private async untilNotHeld(): Promise<void> {
    for (let wait = this.heldUntil - performance.now(); wait > 0 && !this.disposed; wait = this.heldUntil - performance.now()) {
      await new Promise((resume) => setTimeout(resume, wait));
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.saveTimer) clearTimeout(this.saveTimer);
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
    Dexie.on('storagemutated').unsubscribe(this.onMutated);
    this.listeners.clear();
  }

  private settle(status: IndexStatus): void {
    if (this.disposed) return;
    this.status = status;
    this.changed();
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }

  private async build(): Promise<void> {
    // From the first moment: writes made while the build reads are read again after it.
    Dexie.on('storagemutated', this.onMutated);
    // Watching the trash first: a note trashed during the build is hidden at once.
    this.watch(
      () => this.database.notes.where('deletedAt').above(0).primaryKeys(),
      (ids) => this.index.setTrashed(new Set(ids)),
    );
    await this.untilNotHeld();
    const loadStarted = performance.now();
    const fromSnapshot = this.snapshots && (await this.loadSnapshot());
    const loadMs = performance.now() - loadStarted;
    let reindexed = 0;
    if (fromSnapshot) {
      // Notes edited since the snapshot: their updatedAt is not the one indexed. Read off
      // the updatedAt index alone, without the notes themselves.
      const stale: Id[] = [];
      await this.database.notes.orderBy('updatedAt').eachKey((updatedAt, cursor) => {
        const id = cursor.primaryKey as Id;
        if (this.index.has(id) && this.index.updatedAt(id) !== updatedAt) stale.push(id);
      });
      reindexed += stale.length;
      for (let at = 0; at < stale.length && !this.disposed; at += READ_CHUNK) {
        await this.addInSlices(await this.database.notes.bulkGet(stale.slice(at, at + READ_CHUNK)));
      }
    }
    // Then notes added or erased since.
    const ids = await this.database.notes.where('expeditionId').equals(this.expeditionId).primaryKeys();
    reindexed += await this.reconcileIds(ids);
    if (this.disposed) return;
    this.lastBuild = { from: fromSnapshot ? 'snapshot' : 'notes', reindexed, loadMs, totalMs: performance.now() - loadStarted };
    if (reindexed > 0) this.unsaved = true;
    // After a build from every note the snapshot is saved soon; after a start from one, the
    // few notes indexed again would be again at the next start, so there is no hurry
    // (saving holds the worker for seconds at 100,000 notes).
    if (!fromSnapshot) this.scheduleSave(FIRST_SAVE_DELAY_MS, true);
    else this.scheduleSave(SNAPSHOT_DELAY_MS);
    this.building = false;
    await this.rereadWritten();
  }

  /** Dexie's word that notes were written: which keys, or a whole range. */
  private readonly onMutated = (parts: ObservabilitySet): void => {
    const keys = parts[`idb://${this.database.name}/notes/`];
    if (!keys || this.disposed) return;
    // A plain tree when it comes from another window or worker: wrapped to be walked.
    for (const node of RangeSet(keys)) {
      if (node.from === node.to && typeof node.from === 'string') this.written.add(node.from);
      else this.everythingWritten = true;
    }
    if (!this.building) void this.rereadWritten();
  };

  /** Reads again the notes written since the last round, one round at a time. */
  private rereadWritten(): Promise<void> {
    this.rereading ??= this.rereadRounds().finally(() => {
      this.rereading = null;
      // Written while the last round was ending: another round.
      if (!this.disposed && (this.written.size > 0 || this.everythingWritten)) void this.rereadWritten();
    });
    return this.rereading;
  }

  private async rereadRounds(): Promise<void> {
    try {
      while (!this.disposed && (this.written.size > 0 || this.everythingWritten)) {
        const everything = this.everythingWritten;
        const ids = [...this.written];
        this.written.clear();
        this.everythingWritten = false;
        if (everything) {
          const current = await this.database.notes.where('expeditionId').equals(this.expeditionId).primaryKeys();
          await this.reconcileIds(current);
          ids.push(...current);
        }
        for (let at = 0; at < ids.length && !this.disposed; at += READ_CHUNK) {
          const chunk = ids.slice(at, at + READ_CHUNK);
          this.apply(await this.database.notes.bulkGet(chunk), chunk);
        }
        this.changed();
      }
    } catch (error) {
      console.error('Search index', error);
    }
  }

  private async addInSlices(notes: (NoteSummary | undefined)[]): Promise<void> {
    let sliceStart = performance.now();
    for (const note of notes) {
      if (!note) continue;
      if (note.expeditionId === this.expeditionId) this.index.upsert(note);
      else this.index.remove(note.id);
      if (performance.now() - sliceStart > this.sliceMs) {
        await yieldToEventLoop();
        await this.untilNotHeld();
        sliceStart = performance.now();
      }
    }
    await yieldToEventLoop();
  }

  /** Notes read again by id (undefined: erased). */
  private apply(notes: (NoteSummary | undefined)[], ids: Id[]): void {
    notes.forEach((note, at) => {
      if (note && note.expeditionId === this.expeditionId) {
        if (note.updatedAt !== this.index.updatedAt(note.id)) this.unsaved = true;
        this.index.upsert(note);
      } else if (this.index.has(ids[at]!)) {
        this.index.remove(ids[at]!);
        this.unsaved = true;
      }
    });
    this.scheduleSave(SNAPSHOT_DELAY_MS);
  }

  /** Removes the notes no longer there, indexes those not yet indexed; how many changed. */
  private async reconcileIds(current: Id[]): Promise<number> {
    const present = new Set(current);
    let changes = 0;
    for (const id of [...this.index.ids()]) {
      if (!present.has(id)) {
        this.index.remove(id);
        changes += 1;
      }
    }
    const missing = current.filter((id) => !this.index.has(id));
    for (let at = 0; at < missing.length && !this.disposed; at += READ_CHUNK) {
      await this.untilNotHeld();
      await this.addInSlices(await this.database.notes.bulkGet(missing.slice(at, at + READ_CHUNK)));
    }
    return changes + missing.length;
  }

  /** The saved index, if there is one of this format: loaded (true), else false. */
  private async loadSnapshot(): Promise<boolean> {
    try {
      const saved = await this.database.searchIndexes.get(this.expeditionId);
      if (!saved || saved.format !== SNAPSHOT_FORMAT) return false;
      this.index.load(saved.data as IndexSnapshot);
      return true;
    } catch (error) {
      // A damaged snapshot costs a rebuild, nothing more.
      console.warn('Search index snapshot ignored', error);
      return false;
    }
  }

  /** Saves the snapshot after `delayMs` of quiet: each change puts the save off again,
   *  except the first save after a build, which is kept. */
  private scheduleSave(delayMs: number, afterBuild = false): void {
    if (!this.snapshots || this.disposed || !this.unsaved) return;
    if (this.saveTimer) {
      if (this.saveAfterBuild) return;
      clearTimeout(this.saveTimer);
    }
    this.saveAfterBuild = afterBuild;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.saveAfterBuild = false;
      // Serialising the index holds its thread for a second at 10,000 notes: not while typing.
      void this.untilNotHeld().then(() => this.save());
    }, delayMs);
  }

  /** Saves the snapshot now if the index changed since the last one (normally on a timer). */
  async save(): Promise<void> {
    if (!this.snapshots || this.disposed || !this.unsaved) return;
    this.unsaved = false;
    // takenAt says when, for a person: a start compares each note's updatedAt instead.
    const record: SearchIndexRecord = {
      expeditionId: this.expeditionId,
      format: SNAPSHOT_FORMAT,
      takenAt: Date.now(),
      count: this.index.size,
      data: this.index.serialize(),
    };
    try {
      await this.database.searchIndexes.put(record);
    } catch (error) {
      this.unsaved = true;
      console.warn('Search index snapshot not saved', error);
    }
  }

  private watch<T>(query: () => Promise<T>, onResult: (value: T) => void): void {
    if (this.disposed) return;
    const subscription = liveQuery(query).subscribe({
      next: (value) => {
        if (this.disposed) return;
        onResult(value);
        this.changed();
      },
      error: (error: unknown) => console.error('Search index', error),
    });
    this.subscriptions.push(subscription);
  }
}

/** Lets pending input and rendering run before the next slice of work. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resume) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resume();
    };
    channel.port2.postMessage(null);
  });
}
