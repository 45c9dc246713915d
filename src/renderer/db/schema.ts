// Every schema version Carnet has shipped, oldest first. Never edit a shipped entry:
// add a new version (with an upgrade function when data must change) and a test that
// opens a database made by each earlier version.
import type { Transaction } from 'dexie';

export interface SchemaVersion {
  version: number;
  stores: Record<string, string>;
  upgrade?: (tx: Transaction) => Promise<void>;
}

export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      expeditions: 'id, updatedAt',
      visits: 'id, expeditionId, [expeditionId+start], deletedAt',
      notes: 'id, expeditionId, visitId, [visitId+createdAt], *tags, *lessonIds, *passageLessonIds, updatedAt, deletedAt',
      lessons: 'id, expeditionId, [expeditionId+order]',
      attachments: 'id, noteId, expeditionId',
      settings: 'key',
    },
  },
  {
    // The search index saved by its worker, so that a start loads it rather than
    // re-reading every note (src/renderer/features/search/liveNoteIndex.ts).
    version: 2,
    // Dexie carries the tables a version does not name over from the version before.
    stores: { searchIndexes: 'expeditionId' },
  },
  {
    // Each note's Lexical state moves to a table of its own: a visit's list, the search
    // index and the matrix then read the notes without their documents.
    version: 3,
    stores: { noteStates: 'id' },
    upgrade: moveStatesOutOfNotes,
  },
  {
    // A shared expedition's Yjs documents, kept here to work offline (docs/sharing.md):
    // y-dexie stores each document's updates in a table of its own.
    version: 4,
    stores: { syncDocs: 'name, doc: Y.Doc' },
  },
  {
    // The other participants' syntheses of the lessons of a shared expedition.
    version: 5,
    stores: { syntheses: 'id, lessonId, expeditionId' },
  },
  {
    // The group's synthesis of each lesson of a shared expedition (one per lesson).
    version: 6,
    stores: { groupSyntheses: 'lessonId, expeditionId' },
  },
];

/** Notes moved at a time, so that a 100,000-note notebook is not held in memory at once. */
const UPGRADE_CHUNK = 500;

async function moveStatesOutOfNotes(tx: Transaction): Promise<void> {
  const notes = tx.table<{ id: string; state?: string }, string>('notes');
  const states = tx.table<{ id: string; state: string }, string>('noteStates');
  let after = '';
  for (;;) {
    const chunk = await notes.where(':id').above(after).limit(UPGRADE_CHUNK).toArray();
    if (chunk.length === 0) return;
    await states.bulkPut(chunk.map((note) => ({ id: note.id, state: note.state ?? '' })));
    await notes.bulkPut(chunk.map(({ state: _moved, ...summary }) => summary));
    after = chunk[chunk.length - 1]!.id;
  }
}
