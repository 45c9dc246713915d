// The server's files: a snapshot and a journal per document, replayed on load, compacted
// without losing an update in flight, and read back after a crash cut a write short.
import { appendFileSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentFiles } from '../../../src/main/sync/persistence';
import { scratchFolder } from './helpers';

const NAME = 'carnet/e1/note/alice/n1';

async function store(): Promise<{ files: DocumentFiles; dir: string; logs: string[] }> {
  const dir = scratchFolder();
  const logs: string[] = [];
  const files = new DocumentFiles(dir, (line) => logs.push(line));
  await files.init();
  return { files, dir, logs };
}

/** An update that appends `word` to a note written by its own client. */
function edit(doc: Y.Doc, word: string): Uint8Array {
  const before = Y.encodeStateVector(doc);
  doc.getArray<string>('words').push([word]);
  return Y.encodeStateAsUpdate(doc, before);
}

async function loaded(files: DocumentFiles, name = NAME): Promise<string[]> {
  const doc = new Y.Doc();
  await files.load(name, doc);
  return doc.getArray<string>('words').toArray();
}

function fileOf(dir: string, extension: string): string {
  const found = readdirSync(join(dir, 'documents')).filter((file) => file.endsWith(extension));
  expect(found).toHaveLength(1);
  return join(dir, 'documents', found[0] ?? '');
}

describe('document files', () => {
  it('replays the journal, then keeps the same state in a snapshot once compacted', async () => {
    const { files, dir } = await store();
    const author = new Y.Doc();
    for (const word of ['un', 'deux', 'trois']) await files.append(NAME, edit(author, word));
    expect(await loaded(files)).toEqual(['un', 'deux', 'trois']);
    expect(await files.exists(NAME)).toBe(true);
    expect(await files.exists('carnet/e1/note/alice/other')).toBe(false);

    const live = new Y.Doc();
    await files.load(NAME, live);
    await files.compact(NAME, live);
    const journal = fileOf(dir, '.journal');
    expect(readFileSync(journal, 'utf8')).toBe(`carnet-sync 1 ${NAME}\n`);
    expect(readFileSync(fileOf(dir, '.ydoc')).subarray(0, 40).toString()).toContain(NAME);
    await files.append(NAME, edit(author, 'quatre'));
    expect(await loaded(files)).toEqual(['un', 'deux', 'trois', 'quatre']);
  });

  it('keeps in the snapshot an update journaled but not yet applied when compaction runs', async () => {
    const { files } = await store();
    const author = new Y.Doc();
    const live = new Y.Doc();
    const applied = edit(author, 'applied');
    await files.append(NAME, applied);
    Y.applyUpdate(live, applied);
    // Journaled, but the server has not applied it to its document yet.
    await files.append(NAME, edit(author, 'in flight'));
    // Compaction and appends race: each append waits for, or comes before, compaction.
    const late = ['late 1', 'late 2', 'late 3'].map((word) => edit(author, word));
    await Promise.all([files.compact(NAME, live), ...late.map((update) => files.append(NAME, update))]);
    expect(await loaded(files)).toEqual(['applied', 'in flight', 'late 1', 'late 2', 'late 3']);
  });

  it('cuts off a record a crash left unfinished, so that later appends are read back', async () => {
    const { files, dir, logs } = await store();
    const author = new Y.Doc();
    await files.append(NAME, edit(author, 'whole'));
    const journal = fileOf(dir, '.journal');
    const whole = statSync(journal).size;
    // A record's length and checksum, then only part of its payload.
    const cut = edit(author, 'cut short');
    const head = Buffer.alloc(8);
    head.writeUInt32LE(cut.length, 0);
    appendFileSync(journal, Buffer.concat([head, Buffer.from(cut.subarray(0, 3))]));

    const reader = new Y.Doc();
    await files.load(NAME, reader);
    expect(reader.getArray('words').toArray()).toEqual(['whole']);
    expect(statSync(journal).size).toBe(whole);
    expect(logs).toEqual([`${NAME}: 11 bytes of an unfinished write removed from the journal`]);
    await files.append(NAME, edit(reader, 'after'));
    expect(await loaded(files)).toEqual(['whole', 'after']);
  });

  it('stops at a record whose checksum fails', async () => {
    const { files, dir } = await store();
    const author = new Y.Doc();
    await files.append(NAME, edit(author, 'first'));
    await files.append(NAME, edit(author, 'second'));
    const journal = fileOf(dir, '.journal');
    const bytes = readFileSync(journal);
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    writeFileSync(journal, bytes);
    expect(await loaded(files)).toEqual(['first']);
  });

  it('reads a journal whose header a crash cut short as empty', async () => {
    const { files, dir } = await store();
    await files.append(NAME, edit(new Y.Doc(), 'word'));
    const journal = fileOf(dir, '.journal');
    writeFileSync(journal, `carnet-sync 1 ${NAME}`.slice(0, 10));
    expect(await loaded(files)).toEqual([]);
    await files.append(NAME, edit(new Y.Doc(), 'again'));
    expect(await loaded(files)).toEqual(['again']);
  });

  it('refuses to load a damaged snapshot rather than serve the document without it', async () => {
    const { files, dir } = await store();
    const live = new Y.Doc();
    await files.append(NAME, edit(live, 'word'));
    await files.compact(NAME, live);
    const snapshot = fileOf(dir, '.ydoc');
    writeFileSync(snapshot, readFileSync(snapshot).subarray(0, -2));
    await expect(files.load(NAME, new Y.Doc())).rejects.toThrow(/damaged/);
  });

  it('refuses the files of another document', async () => {
    const { files, dir } = await store();
    await files.append(NAME, edit(new Y.Doc(), 'word'));
    const other = new DocumentFiles(dir, () => undefined);
    // Another name's files, renamed to this name's: the header tells them apart.
    const journal = fileOf(dir, '.journal');
    await other.append('carnet/e1/note/alice/n2', edit(new Y.Doc(), 'other'));
    const otherJournal = readdirSync(join(dir, 'documents')).find((file) => join(dir, 'documents', file) !== journal) ?? '';
    writeFileSync(journal, readFileSync(join(dir, 'documents', otherJournal)));
    await expect(files.load(NAME, new Y.Doc())).rejects.toThrow(/is not the saved state of/);
  });
});
