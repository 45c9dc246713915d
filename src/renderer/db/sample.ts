// The sample expedition of resources/, written into the database in one transaction.
import sample from '../../../resources/sample-expedition.json';
import { markdownToNote, createHeadlessNoteEditor } from '../../shared/editor/markdown';
import { newId } from '../../shared/ids';
import type { Expedition, Lesson, Note, NoteKind, Visit } from '../../shared/model';
import { zonedToEpoch } from '../../shared/time';
import type { AppDB } from './AppDB';
import { addNotes } from './notes';

export async function createSampleExpedition(database: AppDB, participant: string): Promise<Expedition> {
  const now = Date.now();
  const expedition: Expedition = { id: newId(), ...sample.expedition, participant, createdAt: now, updatedAt: now };
  const lessons: Lesson[] = sample.lessons.map((lesson, order) => ({
    id: newId(),
    expeditionId: expedition.id,
    ...lesson,
    order,
    synthesis: '',
    createdAt: now,
    updatedAt: now,
  }));
  const visitIds = new Map<string, string>();
  const visits: Visit[] = sample.visits.map((entry) => {
    const id = newId();
    visitIds.set(entry.key, id);
    const allDay = entry.allDay === true;
    return {
      id,
      expeditionId: expedition.id,
      title: entry.title,
      organisation: entry.organisation,
      allDay,
      start: allDay ? zonedToEpoch(entry.date ?? '', '00:00', expedition.timeZone) : Date.parse(entry.start ?? ''),
      end: allDay || !entry.end ? null : Date.parse(entry.end),
      date: allDay ? (entry.date ?? null) : null,
      endDate: null,
      location: entry.location,
      speakers: entry.speakers,
      description: entry.description,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
  });
  const editor = createHeadlessNoteEditor();
  const notes: Note[] = sample.notes.map((entry) => {
    const createdAt = Date.parse(entry.createdAt);
    return {
      id: newId(),
      expeditionId: expedition.id,
      visitId: visitIds.get(entry.visit) ?? '',
      kind: entry.kind as NoteKind,
      title: '',
      speaker: entry.speaker ?? '',
      ...markdownToNote(entry.markdown, editor),
      lessonIds: entry.lessons.map((index) => lessons[index]?.id ?? '').filter(Boolean),
      pinned: false,
      author: participant,
      createdAt,
      updatedAt: createdAt,
      deletedAt: null,
    };
  });
  await database.transaction('rw', [database.expeditions, database.visits, database.lessons, database.notes, database.noteStates], async () => {
    await database.expeditions.add(expedition);
    await database.lessons.bulkAdd(lessons);
    await database.visits.bulkAdd(visits);
    await addNotes(database, notes);
  });
  return expedition;
}
