// The sample expedition's files, planned by main's parsers and applied by the renderer's
// importer into an empty notebook, give what expected.json says — and a second import of
// the same files adds nothing.
import Dexie from 'dexie';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { planImport } from '../../src/main/import/index';
import { AppDB } from '../../src/renderer/db/AppDB';
import { createExpedition } from '../../src/renderer/db/expeditions';
import { applyImport, buildImportRecords, findPlannedDuplicates, type ImportContext, type ImportedImages } from '../../src/renderer/db/importApply';
import { listLessons } from '../../src/renderer/db/lessons';
import { readNoteState } from '../../src/renderer/db/notes';
import { listVisits } from '../../src/renderer/db/visits';
import type { ImportPlan } from '../../src/shared/importPlan';
import { toIsoWithOffset } from '../../src/shared/time';
import { FIXTURES, planOk, scratch } from './import/helpers';

const expected = JSON.parse(readFileSync(join(FIXTURES, 'expected.json'), 'utf8')) as {
  visits: { title: string; start?: string; date?: string }[];
  lessons: string[];
  notes: { title: string; visit: string; tags: string[]; lessons: string[] }[];
};

const database = new AppDB(`carnet-import-apply-${Date.now()}`);
afterAll(async () => {
  database.close();
  await Dexie.delete(database.name);
});

async function plan(file: string, kind?: 'notes' | 'lessons'): Promise<ImportPlan> {
  const result = await planImport(join(FIXTURES, file), { timeZone: 'Europe/Paris', markdownAs: kind });
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function apply(expeditionId: string, importPlan: ImportPlan) {
  const expedition = (await database.expeditions.get(expeditionId))!;
  const context: ImportContext = {
    expedition,
    visits: await listVisits(database, expeditionId),
    lessons: await listLessons(database, expeditionId),
    unassignedVisitTitle: 'Notes importées',
    now: Date.now(),
  };
  const report = await applyImport(database, importPlan, buildImportRecords(importPlan, context));
  const imported = report.imported.visits + report.imported.lessons + report.imported.notes;
  expect(imported + report.skipped.length).toBe(report.itemCount);
  return report;
}

describe('applying the sample expedition’s imports', () => {
  it('imports the programme, the lessons and the notes as expected.json says, then nothing twice', async () => {
    const expedition = await createExpedition(database, {
      title: 'Import',
      place: '',
      startDate: null,
      endDate: null,
      timeZone: 'Europe/Paris',
      participant: 'Camille',
    });
    const programme = await plan('programme.ics');
    const lessons = await plan('lessons.md', 'lessons');
    const notes = await plan('notes', 'notes');

    await apply(expedition.id, programme);
    await apply(expedition.id, lessons);
    const notesReport = await apply(expedition.id, notes);
    expect(notesReport.extra).toEqual({ visits: 0, lessons: 0 });

    const visits = await listVisits(database, expedition.id);
    expect(visits.map((visit) => visit.title)).toEqual(expected.visits.map((visit) => visit.title));
    for (const [index, visit] of expected.visits.entries()) {
      const stored = visits[index]!;
      if (visit.start) expect(toIsoWithOffset(stored.start, 'Europe/Paris')).toBe(visit.start);
      else expect(stored).toMatchObject({ allDay: true, date: visit.date });
    }
    const storedLessons = await listLessons(database, expedition.id);
    expect(storedLessons.map((lesson) => lesson.title)).toEqual(expected.lessons);

    const storedNotes = await database.notes.where('expeditionId').equals(expedition.id).toArray();
    for (const note of expected.notes) {
      const stored = storedNotes.find((candidate) => candidate.title === note.title);
      expect(stored, note.title).toBeDefined();
      expect(visits.find((visit) => visit.id === stored!.visitId)?.title).toBe(note.visit);
      expect([...stored!.tags].sort()).toEqual([...note.tags].sort());
      expect(stored!.lessonIds.map((id) => storedLessons.find((lesson) => lesson.id === id)?.title)).toEqual(note.lessons);
    }

    // The same files again: the preview's count finds every visit and lesson already there
    // (and a row repeated in the file), and the import skips them, adding nothing.
    const context: ImportContext = {
      expedition: (await database.expeditions.get(expedition.id))!,
      visits,
      lessons: storedLessons,
      unassignedVisitTitle: 'Notes importées',
      now: Date.now(),
    };
    expect(findPlannedDuplicates(programme, context).visits.size).toBe(programme.visits.length);
    expect(findPlannedDuplicates(lessons, context).lessons.size).toBe(lessons.lessons.length);
    const repeated = { ...programme, visits: [programme.visits[0]!, programme.visits[0]!] };
    expect([...findPlannedDuplicates(repeated, { ...context, visits: [] }).visits]).toEqual([1]);
    const again = await apply(expedition.id, programme);
    expect(again.imported.visits).toBe(0);
    expect(again.skipped.filter((issue) => issue.code === 'duplicateItem')).toHaveLength(expected.visits.length);
    expect(await database.visits.count()).toBe(expected.visits.length);
  });

  it('stores the state main converted, its photos pointing at the records written, an unread photo left out', async () => {
    const files = scratch();
    files.write('carnet/atelier.jpg', new Uint8Array([0xff, 0xd8, 0xff]));
    files.write('carnet/plan.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    const note = files.write('carnet/visite.md', '---\ntags: atelier\n---\nVu ![](atelier.jpg) et ![](plan.png).\n');
    const notePlan = await planOk(note);
    const [atelier, plan] = notePlan.notes[0]!.attachments;
    const expedition = await createExpedition(database, {
      title: 'Photos',
      place: '',
      startDate: null,
      endDate: null,
      timeZone: 'Europe/Paris',
      participant: 'Camille',
    });
    const context: ImportContext = { expedition, visits: [], lessons: [], unassignedVisitTitle: 'Notes importées', now: Date.now() };
    // Only the first photo could be read and processed.
    const images: ImportedImages = new Map([
      [
        atelier!.path,
        { name: 'atelier.jpg', mime: 'image/jpeg', size: 3, width: 4, height: 3, blob: new Blob([]), display: null, caption: '', capturedAt: null },
      ],
    ]);
    const records = buildImportRecords(notePlan, context, images);
    await applyImport(database, notePlan, records);

    const [stored] = await database.notes.where('expeditionId').equals(expedition.id).toArray();
    const imageIds = (JSON.parse(await readNoteState(database, stored!.id)) as { root: { children: { type: string; attachmentId?: string }[] } }).root.children
      .filter((node) => node.type === 'image')
      .map((node) => node.attachmentId);
    expect(imageIds).toEqual([atelier!.id]);
    expect(await database.attachments.get(atelier!.id)).toMatchObject({ noteId: stored!.id, name: 'atelier.jpg' });
    expect(await database.attachments.get(plan!.id)).toBeUndefined();
    expect(stored!.tags).toEqual(['atelier']);
    expect(stored!.text).toContain('#atelier');
  });
});
