// The records Carnet keeps. Pure types: the renderer stores them in IndexedDB, main and
// the CLI read them from backups and import plans. Times are epoch milliseconds (UTC)
// unless a field says otherwise; calendar dates are 'YYYY-MM-DD' strings.

export type Id = string;

export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

export interface Expedition {
  id: Id;
  title: string;
  place: string;
  /** 'YYYY-MM-DD' or null when not known yet. */
  startDate: string | null;
  endDate: string | null;
  /** IANA time zone name, e.g. 'Europe/Paris'. Floating visit times are read in it. */
  timeZone: string;
  /** The participant writing this notebook: the journal's author. */
  participant: string;
  createdAt: number;
  updatedAt: number;
}

export interface Speaker {
  name: string;
  role: string;
}

export interface Visit {
  id: Id;
  expeditionId: Id;
  title: string;
  organisation: string;
  allDay: boolean;
  /** Timed visit: epoch ms of the start. All-day visit: midnight of `date` in the expedition's zone. */
  start: number;
  /** Epoch ms of the end, or null when unknown. */
  end: number | null;
  /** For all-day visits: 'YYYY-MM-DD' of the first day (and last day in `endDate`). */
  date: string | null;
  endDate: string | null;
  location: string;
  speakers: Speaker[];
  description: string;
  createdAt: number;
  updatedAt: number;
  /** Set when moved to the trash; trashed records are purged after 30 days. */
  deletedAt: number | null;
}

export const NOTE_KINDS = ['observation', 'quote', 'question', 'idea', 'action'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];

export interface Note {
  id: Id;
  expeditionId: Id;
  visitId: Id;
  kind: NoteKind;
  /** Optional: without a title the first line of text stands for it. */
  title: string;
  /** The quote's speaker, for kind 'quote'. */
  speaker: string;
  /** Lexical `editorState.toJSON()`, serialised. */
  state: string;
  /** Derived from `state`: the plain text (search, previews, exports). */
  text: string;
  /** Derived from `state`: #hashtags, lower-cased, accents kept, without '#'. */
  tags: string[];
  /** Lessons the whole note is linked to. */
  lessonIds: Id[];
  /** Derived from `state`: lessons linked to passages of the note. */
  passageLessonIds: Id[];
  pinned: boolean;
  /** Who wrote it: the participant's name (matters in merged, collective journals). */
  author: string;
  /** In a shared expedition, the participant whose document the note came from (set on
   *  arrival, never sent); absent for the notes this notebook wrote before sharing. */
  authorId?: Id;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** A note as the notes table holds it: everything but its Lexical state, so that lists,
 *  search and the matrix read a few hundred bytes a note, not the whole document. */
export type NoteSummary = Omit<Note, 'state'>;

/** A note's Lexical state, in a table of its own: read when the note is opened, exported
 *  or rewritten. */
export interface NoteStateRecord {
  id: Id;
  state: string;
}

export interface Lesson {
  id: Id;
  expeditionId: Id;
  title: string;
  description: string;
  /** CSS colour, e.g. '#d97706'. */
  color: string;
  order: number;
  /** The participant's synthesis: Lexical state JSON, '' when not written yet. */
  synthesis: string;
  createdAt: number;
  updatedAt: number;
}

export interface Attachment {
  id: Id;
  expeditionId: Id;
  noteId: Id;
  name: string;
  mime: string;
  size: number;
  width: number;
  height: number;
  /** The original bytes, kept as imported. */
  blob: Blob;
  /** A copy at most 2,000 px on its long side, when the original is larger. */
  display: Blob | null;
  caption: string;
  /** EXIF capture time (epoch ms) when the photo carried one. */
  capturedAt: number | null;
  createdAt: number;
}

/** Another participant's synthesis of a lesson, in a shared expedition: theirs, read here. */
export interface OthersSynthesis {
  /** `<lessonId>/<authorId>`. */
  id: string;
  expeditionId: Id;
  lessonId: Id;
  /** The participant who wrote it. */
  authorId: Id;
  /** Lexical state JSON, as in Lesson.synthesis. */
  state: string;
  updatedAt: number;
}

/** A shared expedition's synthesis of a lesson by the whole group: one document every
 *  participant edits (docs/sharing.md), read into the notebook like the rest. */
export interface GroupSynthesis {
  lessonId: Id;
  expeditionId: Id;
  /** Lexical state JSON, as in Lesson.synthesis. */
  state: string;
  updatedAt: number;
}

/** One row per setting; values are validated on read (see renderer/db/settings). */
export interface SettingRecord {
  key: string;
  value: unknown;
}
