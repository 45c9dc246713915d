// Turns a confirmed import plan into records and writes them in one transaction: every
// item of the file is imported, or nothing is. Items already in the notebook (same visit
// title and start, same lesson title) are skipped and reported, so importing the same
// file twice adds nothing.
import { removeImagesInState } from '../../shared/editor/rewrite';
import { newId } from '../../shared/ids';
import type { ImportIssue, ImportPlan, PlannedVisit } from '../../shared/importPlan';
import type { Attachment, Expedition, Lesson, Note, Visit } from '../../shared/model';
import { zonedToEpoch } from '../../shared/time';
import { visitInProgress } from '../../shared/visits';
import type { AppDB } from './AppDB';
import { LESSON_COLOURS } from './lessons';
import { addNotes } from './notes';

export interface ImportContext {
  expedition: Expedition;
  visits: Visit[];
  lessons: Lesson[];
  /** Title of the visit created for notes that belong to no visit (translated). */
  unassignedVisitTitle: string;
  now: number;
}

/** Photos of a planned note, already read and processed, keyed by their planned path. */
export type ImportedImages = Map<string, Omit<Attachment, 'id' | 'noteId' | 'expeditionId' | 'createdAt'>>;

export interface ImportRecords {
  visits: Visit[];
  lessons: Lesson[];
  notes: Note[];
  attachments: Attachment[];
  /** Items of the plan left out here, each with its reason. */
  skipped: ImportIssue[];
  /** Created although not items of the file: lessons named by notes, and the visit for
   *  notes that belong to none. */
  extra: { visits: number; lessons: number };
}

export interface ImportReport {
  /** Items of the file imported (with `extra`, what else had to be created). */
  imported: { visits: number; lessons: number; notes: number; photos: number };
  extra: { visits: number; lessons: number };
  /** Skipped while reading the file, and skipped here (already in the notebook…). */
  skipped: ImportIssue[];
  /** Items in the file: imported + skipped add up to it. */
  itemCount: number;
}

const sameTitle = (a: string, b: string) => a.normalize('NFC').trim().toLocaleLowerCase('fr') === b.normalize('NFC').trim().toLocaleLowerCase('fr');
const isDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value);

/** An ISO time with offset → instant; a bare date → midnight (or noon) in the zone. */
function instant(value: string | null, timeZone: string, bareDateTime = '00:00'): number | null {
  if (!value) return null;
  if (isDate(value)) return zonedToEpoch(value, bareDateTime, timeZone);
  const parsed = Date.parse(value);
  return Number.isNaN(parsed) ? null : parsed;
}

function toVisit(planned: PlannedVisit, context: ImportContext): Visit | null {
  const zone = context.expedition.timeZone;
  const start = instant(planned.start, zone);
  if (start === null) return null;
  const allDay = planned.allDay && planned.start !== null && isDate(planned.start);
  const lastDay = allDay && planned.end && isDate(planned.end) && planned.end !== planned.start ? planned.end : null;
  return {
    id: newId(),
    expeditionId: context.expedition.id,
    title: planned.title,
    organisation: planned.organisation ?? '',
    allDay,
    start,
    end: allDay ? null : instant(planned.end, zone),
    date: allDay ? planned.start : null,
    endDate: lastDay,
    location: planned.location ?? '',
    speakers: planned.speakers,
    description: planned.description ?? '',
    createdAt: context.now,
    updatedAt: context.now,
    deletedAt: null,
  };
}

/** Planned visits and lessons the import leaves out, by their index in the plan: those the
 *  notebook already has (same visit title and start, same lesson title) and those that
 *  repeat an earlier row of the file. The preview marks them; the import skips them. */
export interface PlannedDuplicates {
  visits: Set<number>;
  lessons: Set<number>;
}

export function findPlannedDuplicates(plan: ImportPlan, context: ImportContext): PlannedDuplicates {
  const duplicates: PlannedDuplicates = { visits: new Set(), lessons: new Set() };
  const seenVisits = context.visits.filter((visit) => visit.deletedAt === null).map(({ title, start }) => ({ title, start }));
  plan.visits.forEach((planned, index) => {
    const start = toVisit(planned, context)?.start;
    if (start === undefined) return;
    if (seenVisits.some((other) => sameTitle(other.title, planned.title) && other.start === start)) duplicates.visits.add(index);
    else seenVisits.push({ title: planned.title, start });
  });
  const seenLessons = context.lessons.map((lesson) => lesson.title);
  plan.lessons.forEach((planned, index) => {
    if (seenLessons.some((title) => sameTitle(title, planned.title))) duplicates.lessons.add(index);
    else seenLessons.push(planned.title);
  });
  return duplicates;
}

export function buildImportRecords(plan: ImportPlan, context: ImportContext, images: ImportedImages = new Map()): ImportRecords {
  const out: ImportRecords = { visits: [], lessons: [], notes: [], attachments: [], skipped: [], extra: { visits: 0, lessons: 0 } };
  const skip = (code: ImportIssue['code'], message: string, name: string) => out.skipped.push({ code, message, detail: { name } });
  const liveVisits = context.visits.filter((visit) => visit.deletedAt === null);
  const duplicates = findPlannedDuplicates(plan, context);

  plan.visits.forEach((planned, index) => {
    const visit = toVisit(planned, context);
    if (!visit) skip('noDate', `${planned.title}: no date.`, planned.title);
    else if (duplicates.visits.has(index)) skip('duplicateItem', `${planned.title} is already in the notebook.`, planned.title);
    else out.visits.push(visit);
  });

  let order = Math.max(-1, ...context.lessons.map((lesson) => lesson.order)) + 1;
  const lessonByTitle = (title: string) => [...context.lessons, ...out.lessons].find((lesson) => sameTitle(lesson.title, title));
  const newLesson = (title: string, description: string): Lesson => {
    const lesson: Lesson = {
      id: newId(),
      expeditionId: context.expedition.id,
      title,
      description,
      color: LESSON_COLOURS[order % LESSON_COLOURS.length] ?? '#1d4ed8',
      order: order++,
      synthesis: '',
      createdAt: context.now,
      updatedAt: context.now,
    };
    out.lessons.push(lesson);
    return lesson;
  };
  plan.lessons.forEach((planned, index) => {
    if (duplicates.lessons.has(index)) skip('duplicateItem', `${planned.title} is already in the notebook.`, planned.title);
    else newLesson(planned.title, planned.description ?? '');
  });

  const allVisits = [...liveVisits, ...out.visits];
  let unassigned: Visit | undefined = allVisits.find((visit) => sameTitle(visit.title, context.unassignedVisitTitle));
  for (const planned of plan.notes) {
    const createdAt = instant(planned.createdAt, context.expedition.timeZone, '12:00') ?? context.now;
    let visit =
      (planned.visit ? allVisits.find((candidate) => sameTitle(candidate.title, planned.visit ?? '')) : undefined) ??
      (planned.createdAt ? visitInProgress(allVisits, createdAt, context.expedition.timeZone) : null) ??
      undefined;
    if (!visit) {
      if (!unassigned) {
        unassigned = toVisit(
          {
            title: context.unassignedVisitTitle,
            organisation: null,
            start: new Date(createdAt).toISOString(),
            end: null,
            allDay: false,
            location: null,
            description: null,
            speakers: [],
          },
          context,
        )!;
        out.visits.push(unassigned);
        allVisits.push(unassigned);
        out.extra.visits++;
      }
      visit = unassigned;
    }
    const noteId = newId();
    // Photos that could not be read are left out of the note too.
    const unread = new Set<string>();
    for (const photo of planned.attachments) {
      const image = images.get(photo.path);
      if (image) out.attachments.push({ ...image, id: photo.id, noteId, expeditionId: context.expedition.id, createdAt: context.now });
      else unread.add(photo.id);
    }
    const lessonIds = planned.lessons.map((title) => {
      const existing = lessonByTitle(title);
      if (existing) return existing.id;
      out.extra.lessons++;
      return newLesson(title, '').id;
    });
    out.notes.push({
      id: noteId,
      expeditionId: context.expedition.id,
      visitId: visit.id,
      kind: 'observation',
      title: planned.title ?? '',
      speaker: '',
      state: (unread.size > 0 ? removeImagesInState(planned.state, unread) : null) ?? planned.state,
      text: planned.text,
      tags: planned.tags,
      passageLessonIds: [],
      lessonIds: [...new Set(lessonIds)],
      pinned: false,
      author: context.expedition.participant,
      createdAt,
      updatedAt: createdAt,
      deletedAt: null,
    });
  }
  return out;
}

/** Writes the records in one transaction and reports what happened to each item. */
export async function applyImport(database: AppDB, plan: ImportPlan, records: ImportRecords): Promise<ImportReport> {
  await database.transaction('rw', [database.visits, database.lessons, database.notes, database.noteStates, database.attachments], async () => {
    await database.visits.bulkAdd(records.visits);
    await database.lessons.bulkAdd(records.lessons);
    await database.attachments.bulkAdd(records.attachments);
    await addNotes(database, records.notes);
  });
  return {
    imported: {
      visits: records.visits.length - records.extra.visits,
      lessons: records.lessons.length - records.extra.lessons,
      notes: records.notes.length,
      photos: records.attachments.length,
    },
    extra: records.extra,
    skipped: [...plan.skipped, ...records.skipped],
    itemCount: plan.itemCount,
  };
}
