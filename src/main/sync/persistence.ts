// The server's documents on disk, plain files in `<data>/documents/`: for each document
// a snapshot (its whole state, replaced atomically) and a journal (the updates since,
// each appended and flushed before the server applies and acknowledges it). Loading
// replays the journal on top of the snapshot; compacting folds the journal into a new
// snapshot. Applying a Yjs update twice changes nothing, so every step may repeat after
// a crash: the files never hold less than what clients were told is saved.
//
// Both files are a header line naming the document, then records of
// [payload length: u32 LE][CRC-32 of the payload: u32 LE][payload]; a snapshot holds one
// record. A record cut short by a crash fails its length or CRC and ends the journal.
import { createHash } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import * as Y from 'yjs';
import { writeFileAtomic } from '../atomicFiles';

/** The origin of updates the persistence applies to a live document (see compact). */
export const PERSISTENCE_ORIGIN = Symbol('carnet persistence');

const RECORD_HEADER_BYTES = 8;

export class DocumentFiles {
  private readonly folder: string;
  /** One queue per document: loading, appending and compacting never overlap. */
  private readonly queues = new Map<string, Promise<unknown>>();

  constructor(
    dataDir: string,
    private readonly log: (line: string) => void,
  ) {
    this.folder = join(dataDir, 'documents');
  }

  async init(): Promise<void> {
    await mkdir(this.folder, { recursive: true });
  }

  /** True when something of the document was ever saved. */
  async exists(name: string): Promise<boolean> {
    const { snapshot, journal } = this.paths(name);
    const found = await Promise.all(
      [snapshot, journal].map((path) =>
        stat(path).then(
          () => true,
          () => false,
        ),
      ),
    );
    return found.includes(true);
  }

  /** Applies the saved state to `doc`: the snapshot, then the journal. A journal's
   *  unfinished last record (a crash while appending, never acknowledged) is cut off,
   *  so that the next append follows the last whole record. */
  load(name: string, doc: Y.Doc): Promise<void> {
    return this.exclusive(name, async () => {
      const { snapshot, journal } = this.paths(name);
      const saved = await readRecords(snapshot, name);
      // Snapshots are renamed into place whole: one that is not was damaged on disk, and
      // serving the document without it would hide the loss.
      if (saved.validBytes < saved.fileBytes) throw new Error(`the snapshot of ${name} is damaged (${snapshot})`);
      const updates = await readRecords(journal, name);
      this.applyAll(name, doc, [...saved.records, ...updates.records]);
      if (updates.validBytes < updates.fileBytes) {
        await truncateFile(journal, updates.validBytes);
        this.log(`${name}: ${updates.fileBytes - updates.validBytes} bytes of an unfinished write removed from the journal`);
      }
    });
  }

  /** Appends an update to the document's journal and flushes it to disk. */
  append(name: string, update: Uint8Array): Promise<void> {
    return this.exclusive(name, async () => {
      const { journal } = this.paths(name);
      const handle = await open(journal, 'a');
      try {
        const created = (await handle.stat()).size === 0;
        await handle.appendFile(created ? concat(header(name), record(update)) : record(update));
        await handle.datasync();
        if (created) await syncFolder(this.folder);
      } finally {
        await handle.close();
      }
    });
  }

  /** Folds the journal into a new snapshot of `doc`. The journal's records are applied
   *  to `doc` first: an update appended but not yet applied by the server (in flight
   *  between its journal write and Hocuspocus's apply) is then in the snapshot too,
   *  and the journal can be emptied without losing it. */
  compact(name: string, doc: Y.Doc): Promise<void> {
    return this.exclusive(name, async () => {
      const { snapshot, journal } = this.paths(name);
      const pending = await readRecords(journal, name);
      if (pending.records.length === 0) return;
      this.applyAll(name, doc, pending.records);
      await writeFileAtomic(snapshot, concat(header(name), record(Y.encodeStateAsUpdate(doc))));
      await syncFolder(this.folder);
      await truncateFile(journal, header(name).length);
    });
  }

  /** Resolves when no file operation is under way. */
  async idle(): Promise<void> {
    while (this.queues.size > 0) await Promise.allSettled([...this.queues.values()]);
  }

  /** Applies saved updates; one that Yjs rejects (none should: each was read whole before
   *  it was journaled) is logged and skipped rather than make the document unloadable. */
  private applyAll(name: string, doc: Y.Doc, updates: Uint8Array[]): void {
    for (const update of updates) {
      try {
        Y.applyUpdate(doc, update, PERSISTENCE_ORIGIN);
      } catch (error) {
        this.log(`${name}: a saved update could not be applied and is skipped (${(error as Error).message})`);
      }
    }
  }

  private paths(name: string): { snapshot: string; journal: string } {
    // Hashed: document names hold slashes, and ids that differ only in case would meet
    // on a case-insensitive disk. The header inside each file names its document.
    const base = join(this.folder, createHash('sha256').update(name).digest('hex'));
    return { snapshot: `${base}.ydoc`, journal: `${base}.journal` };
  }

  private exclusive<T>(name: string, task: () => Promise<T>): Promise<T> {
    const result = (this.queues.get(name) ?? Promise.resolve()).then(task);
    const settled = result.catch(() => undefined);
    this.queues.set(name, settled);
    void settled.then(() => {
      if (this.queues.get(name) === settled) this.queues.delete(name);
    });
    return result;
  }
}

function header(name: string): Uint8Array {
  return new TextEncoder().encode(`carnet-sync 1 ${name}\n`);
}

function record(payload: Uint8Array): Uint8Array {
  const head = new DataView(new ArrayBuffer(RECORD_HEADER_BYTES));
  head.setUint32(0, payload.length, true);
  head.setUint32(4, crc32(payload), true);
  return concat(new Uint8Array(head.buffer), payload);
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** The whole records of a file (none if it does not exist), and where they end. */
async function readRecords(path: string, name: string): Promise<{ records: Uint8Array[]; validBytes: number; fileBytes: number }> {
  const data = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (!data) return { records: [], validBytes: 0, fileBytes: 0 };
  const expected = header(name);
  if (!data.subarray(0, expected.length).equals(expected)) {
    // A journal whose header is cut short was being created: it holds no record yet.
    if (data.length < expected.length && expected.subarray(0, data.length).every((byte, i) => byte === data[i]))
      return { records: [], validBytes: 0, fileBytes: data.length };
    throw new Error(`${path} is not the saved state of ${name}`);
  }
  const records: Uint8Array[] = [];
  let offset = expected.length;
  while (offset + RECORD_HEADER_BYTES <= data.length) {
    const length = data.readUInt32LE(offset);
    const end = offset + RECORD_HEADER_BYTES + length;
    if (end > data.length) break;
    const payload = data.subarray(offset + RECORD_HEADER_BYTES, end);
    if (crc32(payload) !== data.readUInt32LE(offset + 4)) break;
    records.push(payload);
    offset = end;
  }
  return { records, validBytes: offset, fileBytes: data.length };
}

async function truncateFile(path: string, length: number): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.truncate(length);
    await handle.datasync();
  } finally {
    await handle.close();
  }
}

/** Makes a rename or a new file in the folder durable across a power cut. Windows
 *  cannot open a folder for this; there the rename is left to the file system. */
async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r').catch(() => null);
  if (!handle) return;
  try {
    await handle.sync().catch(() => undefined);
  } finally {
    await handle.close();
  }
}
