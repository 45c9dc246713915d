// What the group's documents hold, written into the notebook's own tables: Dexie stays
// the read model (docs/sharing.md), so lists, search, the matrix, backups and the journal
// read a shared expedition as they read any other. Each function writes only what differs
// from what the tables hold: a record written from Yjs reads back equal, so that watching
// the tables to send local edits to Yjs never sends it back (no echo).
import { deriveNoteFields } from '../../shared/editor/derive';
import { parseNoteState } from '../../shared/editor/markdown';
import type { Expedition, NoteSummary, OthersSynthesis } from '../../shared/model';
import type { AppDB } from '../db/AppDB';
import type { SharedNoteMeta, SharedSynthesis, Structure } from './records';

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The organiser's structure into the expedition, visits and lessons tables; this
 *  notebook's own name (`ownName` for an expedition joined just now) and syntheses are
 *  kept. Nothing is deleted here: only what the organiser took out of the document goes
 *  (`removeFromStructure`), never what a document not yet received lacks. */
export async function applyStructure(database: AppDB, expeditionId: string, structure: Structure, ownName = ''): Promise<void> {
  await database.transaction('rw', database.expeditions, database.visits, database.lessons, async () => {
    const current = await database.expeditions.get(expeditionId);
    if (structure.expedition) {
      const next: Expedition = { ...structure.expedition, id: expeditionId, participant: current?.participant ?? ownName };
      if (!same(next, current)) await database.expeditions.put(next);
    }
    const visits = await database.visits.where('expeditionId').equals(expeditionId).toArray();
    const changedVisits = structure.visits.filter(
      (visit) =>
        !same(
          visit,
          visits.find((known) => known.id === visit.id),
        ),
    );
    if (changedVisits.length > 0) await database.visits.bulkPut(changedVisits);

    const lessons = await database.lessons.where('expeditionId').equals(expeditionId).toArray();
    const nextLessons = structure.lessons.map((lesson) => ({ ...lesson, synthesis: lessons.find((known) => known.id === lesson.id)?.synthesis ?? '' }));
    const changedLessons = nextLessons.filter(
      (lesson) =>
        !same(
          lesson,
          lessons.find((known) => known.id === lesson.id),
        ),
    );
    if (changedLessons.length > 0) await database.lessons.bulkPut(changedLessons);
  });
}

/** Visits and lessons the organiser took out of the structure. */
export async function removeFromStructure(database: AppDB, removed: { visits: string[]; lessons: string[] }): Promise<void> {
  if (removed.visits.length === 0 && removed.lessons.length === 0) return;
  await database.transaction('rw', database.visits, database.lessons, database.groupSyntheses, async () => {
    await database.visits.bulkDelete(removed.visits);
    await database.lessons.bulkDelete(removed.lessons);
    await database.groupSyntheses.bulkDelete(removed.lessons);
  });
}

/** A participant's notes' metadata into the notes table; a note not seen before starts
 *  with an empty body until its own document arrives. */
/** `mine`: the metadata of this participant's own document, which this notebook writes: it
 *  only brings what is newer than the notebook (written on another computer), never an
 *  echo of a send the notebook has since gone past (that took back the last keys typed). */
export async function applyNotesMeta(database: AppDB, metas: readonly SharedNoteMeta[], { mine = false } = {}): Promise<void> {
  if (metas.length === 0) return;
  await database.transaction('rw', database.notes, database.noteStates, async () => {
    const known = await database.notes.bulkGet(metas.map((meta) => meta.id));
    const changed: NoteSummary[] = [];
    const added: string[] = [];
    metas.forEach((meta, at) => {
      const note = known[at];
      if (mine && note && meta.updatedAt <= note.updatedAt) return;
      const next: NoteSummary = { text: '', tags: [], passageLessonIds: [], ...note, ...meta };
      if (!note) added.push(meta.id);
      if (!same(next, note)) changed.push(next);
    });
    if (changed.length > 0) await database.notes.bulkPut(changed);
    if (added.length > 0) await database.noteStates.bulkPut(added.map((id) => ({ id, state: '' })));
  });
}

/** A note's body, as its document holds it, into its state and the fields derived from
 *  it; nothing is written when the stored state is the same. */
export async function applyNoteBody(database: AppDB, noteId: string, stateJson: string): Promise<void> {
  const derived = deriveNoteFields(parseNoteState(stateJson));
  await database.transaction('rw', database.notes, database.noteStates, async () => {
    const [stored, note] = await Promise.all([database.noteStates.get(noteId), database.notes.get(noteId)]);
    if (!note || stored?.state === stateJson) return;
    await database.noteStates.put({ id: noteId, state: stateJson });
    await database.notes.update(noteId, { ...derived });
  });
}

/** Another participant's syntheses of the expedition's lessons (changed ones only). */
export async function applySyntheses(database: AppDB, expeditionId: string, authorId: string, syntheses: readonly SharedSynthesis[]): Promise<void> {
  if (syntheses.length === 0) return;
  const records: OthersSynthesis[] = syntheses.map(({ id: lessonId, state, updatedAt }) => ({
    id: `${lessonId}/${authorId}`,
    expeditionId,
    lessonId,
    authorId,
    state,
    updatedAt,
  }));
  await database.transaction('rw', database.syntheses, async () => {
    const known = await database.syntheses.bulkGet(records.map((record) => record.id));
    const changed = records.filter((record, at) => !same(record, known[at]));
    if (changed.length > 0) await database.syntheses.bulkPut(changed);
  });
}

/** The group's synthesis of a lesson as its document reads now: written when it differs. */
export async function applyGroupSynthesis(database: AppDB, expeditionId: string, lessonId: string, state: string): Promise<void> {
  await database.transaction('rw', database.groupSyntheses, async () => {
    const known = await database.groupSyntheses.get(lessonId);
    if (known?.state !== state) await database.groupSyntheses.put({ lessonId, expeditionId, state, updatedAt: Date.now() });
  });
}
