// What a Carnet backup holds, described as an import plan — for `carnet inspect` and the
// preview. (Applying a backup restores or merges its records as they are: see
// renderer/db/backupApply.ts.)
import type { ImportPlan, PlannedVisit } from '../../shared/importPlan';
import type { Visit } from '../../shared/model';
import { toIsoWithOffset } from '../../shared/time';
import { BackupError, openBackup } from '../backup';
import { badFormat } from './limits';
import type { ParseContext } from './plan';

function plannedVisit(visit: Visit, timeZone: string): PlannedVisit {
  const lastDay = visit.endDate ?? visit.date;
  return {
    title: visit.title,
    organisation: visit.organisation || null,
    start: visit.allDay ? visit.date : toIsoWithOffset(visit.start, timeZone),
    end: visit.allDay ? lastDay : visit.end === null ? null : toIsoWithOffset(visit.end, timeZone),
    allDay: visit.allDay,
    location: visit.location || null,
    description: visit.description || null,
    speakers: visit.speakers,
  };
}

export async function planCarnetBackup(bytes: Uint8Array, name: string, context: ParseContext): Promise<ImportPlan> {
  let backup;
  try {
    // Every file is checked, photos included, but none is kept: the plan has no photos.
    backup = await openBackup(bytes, { budget: context.deadline });
    await backup.close();
  } catch (error) {
    if (error instanceof BackupError) throw badFormat(`${name}: ${error.message}`, { name, reason: error.code });
    throw error;
  }
  const { expedition, visits, lessons, notes } = backup.records;
  const zone = expedition.timeZone;
  const live = visits.filter((visit) => visit.deletedAt === null).sort((a, b) => a.start - b.start);
  const visitTitle = new Map(visits.map((visit) => [visit.id, visit.title]));
  const lessonTitle = new Map(lessons.map((lesson) => [lesson.id, lesson.title]));
  const liveNotes = notes.filter((note) => note.deletedAt === null).sort((a, b) => a.createdAt - b.createdAt);
  return {
    source: { format: 'carnet', encoding: 'utf-8', name },
    expedition: { title: expedition.title, place: expedition.place || null, timeZone: zone, startDate: expedition.startDate, endDate: expedition.endDate },
    visits: live.map((visit) => plannedVisit(visit, zone)),
    lessons: [...lessons].sort((a, b) => a.order - b.order).map((lesson) => ({ title: lesson.title, description: lesson.description || null })),
    notes: liveNotes.map((note) => ({
      title: note.title || null,
      visit: visitTitle.get(note.visitId) ?? null,
      createdAt: toIsoWithOffset(note.createdAt, zone),
      tags: note.tags,
      lessons: [...new Set([...note.lessonIds, ...note.passageLessonIds])].flatMap((id) => lessonTitle.get(id) ?? []),
      text: note.text,
      state: note.state,
      attachments: [],
      source: name,
    })),
    warnings: [],
    skipped: [],
    itemCount: live.length + lessons.length + liveNotes.length,
  };
}
