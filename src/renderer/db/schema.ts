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
      notes:
        'id, expeditionId, visitId, [visitId+createdAt], *tags, *lessonIds, *passageLessonIds, updatedAt, deletedAt',
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
];
