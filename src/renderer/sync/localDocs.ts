// A shared expedition's Yjs documents, kept in the notebook's IndexedDB so that everything
// works offline: y-dexie writes each change of a loaded document as it happens, and loads
// a document from its stored changes.
import { DexieYProvider } from 'y-dexie';
import type * as Y from 'yjs';
import type { AppDB } from '../db/AppDB';

export interface LocalDoc {
  doc: Y.Doc;
  /** Lets the document go (it is kept stored; loading it again reads it back). */
  release: () => void;
}

/** The document of this name, loaded with what was stored of it (an empty one at first). */
export async function openLocalDoc(database: AppDB, name: string): Promise<LocalDoc> {
  if (!(await database.syncDocs.get(name))) await database.syncDocs.put({ name } as never);
  const doc = DexieYProvider.getOrCreateDocument(database, 'syncDocs', 'doc', name);
  const provider = DexieYProvider.load(doc);
  await provider.whenLoaded;
  return { doc, release: () => DexieYProvider.release(doc) };
}
