// What the crash tests compare: every record of every IndexedDB store of the app's
// database, each reduced in the page to a SHA-256 of a canonical serialisation (object
// keys sorted, Blobs and byte arrays by their bytes), then counted and combined here.
import { createHash } from 'node:crypto';
import type { Page } from 'playwright-core';

/** store name → record key (as JSON) → hash of the record. */
export type DbState = Record<string, Record<string, string>>;

/** Reads and hashes every record of the `carnet` database through a separate connection. */
export function readDbState(page: Page): Promise<DbState> {
  return page.evaluate(async () => {
    const hex = (buffer: ArrayBuffer) => [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
    const digest = async (bytes: ArrayBuffer | Uint8Array) => hex(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
    // Canonical JSON-like text: sorted keys, typed values tagged so that 1 and "1" differ.
    const canonical = async (value: unknown): Promise<string> => {
      if (value === null || value === undefined) return String(value);
      if (typeof value === 'string') return JSON.stringify(value);
      if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value}:${String(value)}`;
      if (value instanceof Date) return `date:${value.getTime()}`;
      if (value instanceof Blob) return `blob:${value.type}:${await digest(await value.arrayBuffer())}`;
      if (value instanceof ArrayBuffer) return `bytes:${await digest(value)}`;
      if (ArrayBuffer.isView(value)) return `bytes:${await digest(new Uint8Array(value.buffer, value.byteOffset, value.byteLength).slice())}`;
      if (Array.isArray(value)) return `[${(await Promise.all(value.map(canonical))).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const parts = await Promise.all(entries.map(async ([k, v]) => `${JSON.stringify(k)}:${await canonical(v)}`));
      return `{${parts.join(',')}}`;
    };
    const db = await new Promise<IDBDatabase>((done, fail) => {
      const request = indexedDB.open('carnet');
      request.onsuccess = () => done(request.result);
      request.onerror = () => fail(request.error);
    });
    try {
      // Derived data that the app rebuilds at will (the search index) is not the user's.
      const derived = new Set(['searchIndexes']);
      const names = [...db.objectStoreNames].filter((name) => !derived.has(name)).sort();
      // One read-only transaction over every store: a consistent picture of the database.
      const transaction = db.transaction(names, 'readonly');
      const raw = await Promise.all(
        names.map(
          (name) =>
            new Promise<[string, IDBValidKey[], unknown[]]>((done, fail) => {
              const store = transaction.objectStore(name);
              const keys = store.getAllKeys();
              const values = store.getAll();
              values.onsuccess = () => done([name, keys.result, values.result]);
              values.onerror = () => fail(values.error);
            }),
        ),
      );
      const state: Record<string, Record<string, string>> = {};
      for (const [name, keys, values] of raw) {
        const records: Record<string, string> = {};
        for (const [index, key] of keys.entries()) {
          records[JSON.stringify(key)] = await digest(new TextEncoder().encode(await canonical(values[index])));
        }
        state[name] = records;
      }
      return state;
    } finally {
      db.close();
    }
  });
}

export function counts(state: DbState): Record<string, number> {
  return Object.fromEntries(Object.entries(state).map(([store, records]) => [store, Object.keys(records).length]));
}

/** One checksum over the whole database. */
export function checksum(state: DbState): string {
  const hash = createHash('sha256');
  for (const store of Object.keys(state).sort()) {
    hash.update(`${store}\n`);
    for (const key of Object.keys(state[store]!).sort()) hash.update(`${key}=${state[store]![key]}\n`);
  }
  return hash.digest('hex');
}

export interface DbDiff {
  added: Record<string, string[]>;
  removed: Record<string, string[]>;
  changed: Record<string, string[]>;
}

/** What differs from `before` to `after`, per store (stores with no difference left out). */
export function diffStates(before: DbState, after: DbState): DbDiff {
  const diff: DbDiff = { added: {}, removed: {}, changed: {} };
  const put = (into: Record<string, string[]>, store: string, key: string) => (into[store] ??= []).push(key);
  for (const store of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const a = before[store] ?? {};
    const b = after[store] ?? {};
    for (const key of Object.keys(b)) {
      if (!(key in a)) put(diff.added, store, key);
      else if (a[key] !== b[key]) put(diff.changed, store, key);
    }
    for (const key of Object.keys(a)) if (!(key in b)) put(diff.removed, store, key);
  }
  return diff;
}

/** Added record counts per store, e.g. { visits: 5 }. */
export function addedCounts(diff: DbDiff): Record<string, number> {
  return Object.fromEntries(Object.entries(diff.added).map(([store, keys]) => [store, keys.length]));
}
