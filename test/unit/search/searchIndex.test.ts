import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDB } from '../../../src/renderer/db/AppDB';
import { createNote } from '../../../src/renderer/db/notes';
import { SearchIndex } from '../../../src/renderer/features/search/searchIndex';

const content = (text: string) => ({ state: JSON.stringify({ text }), text, tags: ['usine'], passageLessonIds: [] });

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('SearchIndex', () => {
  it('builds on the page when the worker fails to start, and answers the queries already asked', async () => {
    const started: string[] = [];
    class FailingWorker extends EventTarget {
      constructor(url: URL) {
        super();
        started.push(url.pathname);
        setTimeout(() => this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: 'no worker here' })), 5);
      }
      postMessage(): void {}
      terminate(): void {}
    }
    vi.stubGlobal('Worker', FailingWorker);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const database = new AppDB(`search-client-${Date.now()}`);
    const note = await createNote(database, { expeditionId: 'e1', visitId: 'v1', author: 'A', content: content('Une usine d’énergie') });
    const index = new SearchIndex(database, 'e1');
    expect(index.where).toBe('worker');
    const early = index.search('energie');
    await index.ready;
    expect(started[0]).toMatch(/search\.worker\.ts$/);
    expect(index.where).toBe('page');
    expect(index.status).toBe('ready');
    expect((await early).hits.map((hit) => hit.id)).toEqual([note.id]);
    expect([...index.tagCounts()]).toEqual([['usine', 1]]);
    index.dispose();
    database.close();
    await Dexie.delete(database.name);
  });
});
