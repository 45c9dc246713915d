// The CLI's `inspect` output: what an import of a file would create, in the documented
// shape (README, issue 5). Absent values are null; skipped items are reported among the
// warnings, since the shape has no other place for them.
import type { ImportPlan } from '../../shared/importPlan';

export interface InspectReport {
  source: { format: string; encoding: string };
  visits: Array<{
    title: string;
    organisation: string | null;
    start: string | null;
    end: string | null;
    allDay: boolean;
    location: string | null;
    description: string | null;
  }>;
  lessons: Array<{ title: string; description: string | null }>;
  notes: Array<{
    title: string | null;
    visit: string | null;
    createdAt: string | null;
    tags: string[];
    lessons: string[];
    text: string;
  }>;
  warnings: string[];
}

export function toInspectReport(plan: ImportPlan): InspectReport {
  return {
    source: { format: plan.source.format, encoding: plan.source.encoding },
    visits: plan.visits.map((visit) => ({
      title: visit.title,
      organisation: visit.organisation,
      start: visit.start,
      end: visit.end,
      allDay: visit.allDay,
      location: visit.location,
      description: visit.description,
    })),
    lessons: plan.lessons.map((lesson) => ({ title: lesson.title, description: lesson.description })),
    notes: plan.notes.map((note) => ({
      title: note.title,
      visit: note.visit,
      createdAt: note.createdAt,
      tags: note.tags,
      lessons: note.lessons,
      text: note.text,
    })),
    warnings: [...plan.warnings, ...plan.skipped].map((item) => item.message),
  };
}
