// The page's handle on an expedition's search index. The index itself lives in a worker
// (search.worker.ts) so that building it never holds the page's thread; where there is no
// Worker (jsdom in tests) or the worker cannot start or open the database, the same
// LiveNoteIndex runs on the page instead, in slices, as a fallback.
import type { Id } from '../../../shared/model';
import type { AppDB } from '../../db/AppDB';
import { onNoteTyping } from '../../editor/typingActivity';
import type { SearchFilters } from './filters';
import { LiveNoteIndex, type BuildReport, type IndexStatus } from './liveNoteIndex';
import type { FromWorker, SearchAnswer, ToWorker } from './searchProtocol';

export type { SearchAnswer } from './searchProtocol';

interface Pending {
  query: string;
  filters: SearchFilters;
  limit: number;
  resolve: (answer: SearchAnswer) => void;
}

export interface SearchIndexOptions {
  /** false: build on the page's thread (what happens anyway when Worker is missing). */
  worker?: boolean;
}

export class SearchIndex {
  status: IndexStatus = 'building';
  /** Bumped on every change, for React's useSyncExternalStore. */
  version = 0;
  /** Notes indexed (trash included). */
  size = 0;
  /** Resolves once the index is ready (or has failed). */
  readonly ready: Promise<void>;
  /** 'worker' or 'page': where the index is kept. */
  where: 'worker' | 'page' = 'page';
  /** How the index was built (from a snapshot or every note), once it is ready. */
  lastBuild: BuildReport | null = null;
  private tags = new Map<string, number>();
  private readonly listeners = new Set<() => void>();
  private worker: Worker | null = null;
  private local: LiveNoteIndex | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private disposed = false;
  private settleReady: () => void = () => undefined;
  private readonly stopTypingSignals: () => void;

  constructor(
    private readonly database: AppDB,
    readonly expeditionId: Id,
    options: SearchIndexOptions = {},
  ) {
    this.ready = new Promise((resolve) => (this.settleReady = resolve));
    if (options.worker !== false && typeof Worker !== 'undefined') this.startWorker();
    else this.startLocal();
    // Building and saving the index wait while a note is being typed.
    this.stopTypingSignals = onNoteTyping(() => {
      if (this.local) this.local.holdForTyping();
      else this.post({ type: 'typing' });
    });
  }

  get databaseName(): string {
    return this.database.name;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Notes matching the query among those the filters let through, best first. */
  search(query: string, filters: SearchFilters = {}, limit = 50): Promise<SearchAnswer> {
    if (this.local) return Promise.resolve(this.local.index.search(query, filters, limit));
    return new Promise((resolve) => {
      const id = this.nextId++;
      this.pending.set(id, { query, filters, limit, resolve });
      this.post({ type: 'search', id, query, filters, limit });
    });
  }

  /** Every known tag with its number of notes (trash excluded), for the tag filter. */
  tagCounts(): ReadonlyMap<string, number> {
    return this.local ? this.local.index.tagCounts() : this.tags;
  }

  dispose(): void {
    this.disposed = true;
    this.stopTypingSignals();
    this.worker?.terminate();
    this.worker = null;
    this.local?.dispose();
    this.listeners.clear();
    for (const { resolve } of this.pending.values()) resolve({ hits: [], total: 0 });
    this.pending.clear();
  }

  private startWorker(): void {
    try {
      this.worker = new Worker(new URL('./search.worker.ts', import.meta.url), { type: 'module', name: 'carnet-search' });
    } catch (error) {
      this.fallBack(error);
      return;
    }
    this.where = 'worker';
    this.worker.addEventListener('message', (event: MessageEvent<FromWorker>) => this.receive(event.data));
    this.worker.addEventListener('error', (event) => {
      event.preventDefault();
      this.fallBack(event.message || 'the search worker failed');
    });
    this.worker.addEventListener('messageerror', () => this.fallBack('a message from the search worker could not be read'));
    this.post({ type: 'open', databaseName: this.database.name, expeditionId: this.expeditionId });
  }

  private receive(message: FromWorker): void {
    if (this.disposed || !this.worker) return;
    if (message.type === 'state') {
      if (message.status === 'failed') {
        this.fallBack('the search worker could not build the index');
        return;
      }
      this.status = message.status;
      this.size = message.size;
      if (message.tags) this.tags = new Map(message.tags);
      if (message.build) this.lastBuild = message.build;
      if (message.status === 'ready') this.settleReady();
      this.changed();
      return;
    }
    const waiting = this.pending.get(message.id);
    this.pending.delete(message.id);
    if (message.type === 'answer') waiting?.resolve(message.answer);
    else waiting?.resolve({ hits: [], total: 0 });
  }

  /** The worker is gone or cannot work: the index is built on the page instead, and the
   *  queries still waiting are answered from it once it is built. */
  private fallBack(reason: unknown): void {
    if (this.disposed || this.local) return;
    console.warn('Search worker unavailable, indexing on the page:', reason);
    this.worker?.terminate();
    this.worker = null;
    this.startLocal();
    for (const { query, filters, limit, resolve } of this.pending.values()) {
      void this.ready.then(() => this.search(query, filters, limit)).then(resolve);
    }
    this.pending.clear();
  }

  private startLocal(): void {
    const local = new LiveNoteIndex(this.database, this.expeditionId);
    this.local = local;
    this.where = 'page';
    local.subscribe(() => {
      this.status = local.status;
      this.size = local.index.size;
      this.changed();
    });
    void local.ready.then(() => {
      this.lastBuild = local.lastBuild;
      this.status = local.status;
      this.size = local.index.size;
      this.settleReady();
      this.changed();
    });
  }

  private post(message: ToWorker): void {
    this.worker?.postMessage(message);
  }

  private changed(): void {
    this.version += 1;
    for (const listener of this.listeners) listener();
  }
}
