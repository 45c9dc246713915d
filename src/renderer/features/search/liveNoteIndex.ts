// Builds an expedition's NoteIndex from IndexedDB without blocking the interface, then
// keeps it in step with the database through Dexie live queries — which also see writes
// made by other windows or workers of the same origin.
import { liveQuery, type Subscription } from 'dexie';
import type { Id, Note } from '../../../shared/model';
import type { AppDB } from '../../db/AppDB';
import { NoteIndex } from './NoteIndex';

/** Notes read from IndexedDB at a time while building. */
const READ_CHUNK = 100;
/** Longest stretch of indexing between two yields to the event loop: well under a frame,
 *  so typing and painting go on while the index is built. */
const SLICE_MS = 8;

export type IndexStatus = 'building' | 'ready' | 'failed';

export class LiveNoteIndex {
  readonly index = new NoteIndex();
  status: IndexStatus = 'building';
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;
  readonly ready: Promise<void>;
  private readonly listeners = new Set<() => void>();
  private readonly subscriptions: Subscription[] = [];
  private disposed = false;

  constructor(
    private readonly database: AppDB,
    readonly expeditionId: Id,
  ) {
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

  dispose(): void {
    this.disposed = true;
    for (const subscription of this.subscriptions.splice(0)) subscription.unsubscribe();
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
    const startedAt = Date.now();
    // Watching the trash first: a note trashed during the build is hidden at once.
    this.watch(
      () => this.database.notes.where('deletedAt').above(0).primaryKeys(),
      (ids) => this.index.setTrashed(new Set(ids)),
    );
    const ids = await this.database.notes.where('expeditionId').equals(this.expeditionId).primaryKeys();
    for (let at = 0; at < ids.length && !this.disposed; at += READ_CHUNK) {
      const notes = await this.database.notes.bulkGet(ids.slice(at, at + READ_CHUNK));
      await this.addInSlices(notes);
    }
    if (this.disposed) return;
    // Notes written since the build began, and from then on every edit (saves bump updatedAt).
    this.watch(
      () => this.database.notes.where('updatedAt').aboveOrEqual(startedAt - 1).toArray(),
      (notes) => this.apply(notes),
    );
    // Notes added or erased by any other path (import, purge), whatever their updatedAt.
    this.watch(
      () => this.database.notes.where('expeditionId').equals(this.expeditionId).primaryKeys(),
      (current) => void this.reconcile(current),
    );
  }

  private async addInSlices(notes: (Note | undefined)[]): Promise<void> {
    let sliceStart = performance.now();
    for (const note of notes) {
      if (note) this.index.upsert(note);
      if (performance.now() - sliceStart > SLICE_MS) {
        await yieldToEventLoop();
        sliceStart = performance.now();
      }
    }
    await yieldToEventLoop();
  }

  private apply(notes: Note[]): void {
    for (const note of notes) {
      if (note.expeditionId === this.expeditionId) this.index.upsert(note);
      else this.index.remove(note.id);
    }
  }

  private async reconcile(current: Id[]): Promise<void> {
    const present = new Set(current);
    for (const id of [...this.index.ids()]) if (!present.has(id)) this.index.remove(id);
    const missing = current.filter((id) => !this.index.has(id));
    for (let at = 0; at < missing.length && !this.disposed; at += READ_CHUNK) {
      await this.addInSlices(await this.database.notes.bulkGet(missing.slice(at, at + READ_CHUNK)));
    }
    this.changed();
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
