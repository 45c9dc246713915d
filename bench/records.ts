// The benchmark's records in the app's model: the expedition, its visits and lessons, and
// a note from a NoteSeed (converted with the app's Lexical code, see convert.ts).
import type { LexicalEditor } from 'lexical';
import type { Expedition, Lesson, Note, Visit } from '../src/shared/model';
import { convert } from './convert';
import { benchLessons, benchVisits, EXPEDITION_ID, TIME_ZONE, type NoteSeed } from './corpus';

export function expedition(): Expedition {
  return {
    id: EXPEDITION_ID,
    title: 'Innover ensemble en Auvergne (banc d’essai)',
    place: 'Clermont-Ferrand',
    startDate: '2024-11-18',
    endDate: '2024-11-21',
    timeZone: TIME_ZONE,
    participant: 'Camille Dupont',
    createdAt: Date.parse('2024-11-01T10:00:00Z'),
    updatedAt: Date.parse('2024-11-01T10:00:00Z'),
  };
}

export function visits(): Visit[] {
  return benchVisits().map((v) => ({
    id: v.id,
    expeditionId: EXPEDITION_ID,
    title: v.title,
    organisation: v.organisation,
    allDay: false,
    start: v.start,
    end: v.end,
    date: null,
    endDate: null,
    location: 'Clermont-Ferrand',
    speakers: [{ name: 'Claire Martin', role: 'Directrice de l’innovation' }],
    description: `Visite de ${v.organisation} : rencontre avec les équipes et échanges.`,
    createdAt: v.start - 86_400_000,
    updatedAt: v.start - 86_400_000,
    deletedAt: null,
  }));
}

export function lessons(): Lesson[] {
  return benchLessons().map((l) => ({
    id: l.id,
    expeditionId: EXPEDITION_ID,
    title: l.title,
    description: `${l.title} : ce que les visites nous apprennent.`,
    color: l.color,
    order: l.order,
    synthesis: '',
    createdAt: Date.parse('2024-11-01T10:00:00Z'),
    updatedAt: Date.parse('2024-11-01T10:00:00Z'),
  }));
}

export function toNote(editor: LexicalEditor, seed: NoteSeed, visitIds: string[], lessonIds: string[]): Note {
  const passage = seed.passageLesson === null ? null : { lessonId: lessonIds[seed.passageLesson]!, at: seed.passageAt };
  return {
    id: seed.id,
    expeditionId: EXPEDITION_ID,
    visitId: visitIds[seed.visitIndex]!,
    kind: seed.kind,
    title: seed.title,
    speaker: seed.kind === 'quote' ? 'Claire Martin' : '',
    ...convert(editor, seed.markdown, passage),
    lessonIds: seed.lessons.map((l) => lessonIds[l]!),
    pinned: seed.pinned,
    author: 'Camille Dupont',
    createdAt: seed.createdAt,
    updatedAt: seed.createdAt,
    deletedAt: null,
  };
}
