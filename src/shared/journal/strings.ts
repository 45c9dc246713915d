// The words of the journal itself, in its language (the app's messages live in the
// renderer; the journal is also written by main and the CLI, which have no i18next).
import type { Locale, NoteKind } from '../model';

export interface JournalStrings {
  contents: string;
  visits: string;
  lessons: string;
  tagIndex: string;
  by: string;
  authors: string;
  speakers: string;
  location: string;
  synthesis: string;
  evidence: string;
  noEvidence: string;
  /** The book's summary, for a lesson whose group synthesis is empty. */
  noGroupSynthesis: string;
  noNotes: string;
  page: string;
  kinds: Record<NoteKind, string>;
  untitled: string;
  allDay: string;
  photo: string;
  /** The expedition's book: its executive summary, the group's synthesis of a lesson,
   *  its strongest evidence, who wrote the notes of a visit. */
  summary: string;
  groupSynthesis: string;
  strongest: string;
  contributors: string;
  /** The visits nobody linked to any lesson, named after the summary's lessons. */
  unlinkedVisits: string;
}

export const JOURNAL_STRINGS: Record<Locale, JournalStrings> = {
  fr: {
    contents: 'Sommaire',
    visits: 'Visites',
    lessons: 'Enseignements',
    tagIndex: 'Index des étiquettes',
    by: 'par',
    authors: 'Auteurs',
    speakers: 'Intervenants',
    location: 'Lieu',
    synthesis: 'Synthèse',
    evidence: 'Ce que les visites en ont montré',
    noEvidence: 'Aucun élément relevé pour cet enseignement.',
    noGroupSynthesis: 'Le groupe n’a pas encore écrit sa synthèse de cet enseignement.',
    noNotes: 'Aucune note pour cette visite.',
    page: 'page',
    kinds: { observation: 'Observation', quote: 'Citation', question: 'Question', idea: 'Idée', action: 'Action' },
    untitled: 'Sans titre',
    allDay: 'toute la journée',
    photo: 'Photo',
    summary: 'Synthèse générale',
    groupSynthesis: 'Synthèse du groupe',
    strongest: 'Les éléments les plus forts',
    contributors: 'Contributeurs',
    unlinkedVisits: 'Visites sans enseignement relié',
  },
  en: {
    contents: 'Contents',
    visits: 'Visits',
    lessons: 'Lessons',
    tagIndex: 'Index of tags',
    by: 'by',
    authors: 'Authors',
    speakers: 'Speakers',
    location: 'Location',
    synthesis: 'Synthesis',
    evidence: 'What the visits showed',
    noEvidence: 'No evidence gathered for this lesson.',
    noGroupSynthesis: 'The group has not written its synthesis of this lesson yet.',
    noNotes: 'No notes for this visit.',
    page: 'page',
    kinds: { observation: 'Observation', quote: 'Quote', question: 'Question', idea: 'Idea', action: 'Action' },
    untitled: 'Untitled',
    allDay: 'all day',
    photo: 'Photo',
    summary: 'Executive summary',
    groupSynthesis: 'The group’s synthesis',
    strongest: 'Strongest evidence',
    contributors: 'Contributors',
    unlinkedVisits: 'Visits linked to no lesson',
  },
};
