// The records of a shared expedition in its Yjs documents (docs/sharing.md): the
// structure (the expedition, its visits and lessons: the organiser's) and a participant's
// notes' metadata (theirs). Each record is one value of a Y.Map, by id: the last write of
// a record wins, as only its owner writes it. Note bodies have documents of their own
// (shared/editor/noteBodyDoc.ts); a participant's synthesis of a lesson stays theirs.
import * as Y from 'yjs';
import { MAX_ATTACHMENT_BYTES } from '../../shared/images';
import type { Attachment, Expedition, Id, Lesson, NoteSummary, Visit } from '../../shared/model';
import { HEX_SHA256 } from '../../shared/sync/access';
import { SYNC_ID } from '../../shared/sync/documents';

/** What the structure document holds of the expedition (not who is writing: each
 *  notebook keeps its own participant). */
export type SharedExpedition = Omit<Expedition, 'participant'>;
/** A lesson as the group shares it: everyone's synthesis of it stays theirs. */
export type SharedLesson = Omit<Lesson, 'synthesis'>;
/** A note's metadata as its author shares it: text, tags and passage links are read from
 *  its body. */
export type SharedNoteMeta = Omit<NoteSummary, 'text' | 'tags' | 'passageLessonIds'>;

export interface Structure {
  expedition: SharedExpedition | null;
  visits: Visit[];
  lessons: SharedLesson[];
}

/** A participant as everyone sees them in the structure (the access document, with
 *  tokens, is the organiser's alone). */
export interface SharedParticipant {
  id: Id;
  name: string;
}

const EXPEDITION = 'expedition';
const PARTICIPANTS = 'participants';
const VISITS = 'visits';
const LESSONS = 'lessons';
const NOTES = 'notes';
const PHOTOS = 'photos';
const SYNTHESES = 'syntheses';
const PHOTO = 'photo';
const ORIGINALS = 'originals';
const ORIGINAL_REQUESTS = 'originalRequests';

/** Puts each record under its id, and takes out the ids no longer there when `complete`. */
function writeRecords<T extends { id: Id }>(map: Y.Map<T>, records: readonly T[], complete: boolean): void {
  const ids = new Set(records.map((record) => record.id));
  for (const record of records) {
    if (JSON.stringify(map.get(record.id)) !== JSON.stringify(record)) map.set(record.id, record);
  }
  if (complete) for (const id of [...map.keys()]) if (!ids.has(id)) map.delete(id);
}

/** The organiser writes the expedition, its visits and lessons (all of them: what is no
 *  longer there is taken out). Records that did not change write nothing. */
export function writeStructure(doc: Y.Doc, expedition: Expedition, visits: readonly Visit[], lessons: readonly Lesson[]): void {
  doc.transact(() => {
    const { participant: _ownName, ...shared } = expedition;
    const map = doc.getMap<SharedExpedition>(EXPEDITION);
    if (JSON.stringify(map.get('record')) !== JSON.stringify(shared)) map.set('record', shared);
    writeRecords(doc.getMap<Visit>(VISITS), visits, true);
    writeRecords(
      doc.getMap<SharedLesson>(LESSONS),
      lessons.map(({ synthesis: _own, ...lesson }) => lesson),
      true,
    );
  });
}

/** Calls `removed` with the visits and lessons each change of the document took out. */
export function observeStructureRemovals(doc: Y.Doc, removed: (ids: { visits: Id[]; lessons: Id[] }) => void): () => void {
  const deletedKeys = <T>(event: Y.YMapEvent<T>): Id[] => [...event.changes.keys].filter(([, change]) => change.action === 'delete').map(([key]) => key);
  const onVisits = (event: Y.YMapEvent<Visit>): void => removed({ visits: deletedKeys(event), lessons: [] });
  const onLessons = (event: Y.YMapEvent<SharedLesson>): void => removed({ visits: [], lessons: deletedKeys(event) });
  doc.getMap<Visit>(VISITS).observe(onVisits);
  doc.getMap<SharedLesson>(LESSONS).observe(onLessons);
  return () => {
    doc.getMap<Visit>(VISITS).unobserve(onVisits);
    doc.getMap<SharedLesson>(LESSONS).unobserve(onLessons);
  };
}

export function readStructure(doc: Y.Doc): Structure {
  return {
    expedition: doc.getMap<SharedExpedition>(EXPEDITION).get('record') ?? null,
    visits: [...doc.getMap<Visit>(VISITS).values()],
    lessons: [...doc.getMap<SharedLesson>(LESSONS).values()],
  };
}

/** The organiser lists the participants by name in the structure. */
export function writeParticipants(doc: Y.Doc, participants: readonly SharedParticipant[]): void {
  doc.transact(() => writeRecords(doc.getMap<SharedParticipant>(PARTICIPANTS), participants, true));
}

export function readParticipants(doc: Y.Doc): SharedParticipant[] {
  return [...doc.getMap<SharedParticipant>(PARTICIPANTS).values()];
}

/** Whether a participant wrote the note: the notes a notebook wrote before sharing have
 *  no author id, the others carry their document's owner. */
export function writtenBy(note: Pick<NoteSummary, 'authorId'>, participantId: string | undefined): boolean {
  return note.authorId === undefined || note.authorId === participantId;
}

/** What of a note goes in its author's document: everything but its body. */
export function noteMeta(note: NoteSummary): SharedNoteMeta {
  const { id, expeditionId, visitId, kind, title, speaker, lessonIds, pinned, author, createdAt, updatedAt, deletedAt } = note;
  return { id, expeditionId, visitId, kind, title, speaker, lessonIds, pinned, author, createdAt, updatedAt, deletedAt };
}

/** A participant writes their notes' metadata (changed ones only). */
export function writeNotesMeta(doc: Y.Doc, notes: readonly NoteSummary[]): void {
  doc.transact(() => writeRecords(doc.getMap<SharedNoteMeta>(NOTES), notes.map(noteMeta), false));
}

export function readNotesMeta(doc: Y.Doc): SharedNoteMeta[] {
  return [...doc.getMap<SharedNoteMeta>(NOTES).values()];
}

/** A photo as its author shares it: its record without bytes (its `size` the
 *  original's), the SHA-256 of the copy its own document holds, and whether that copy is
 *  a display copy (the original then stays with its author until someone asks for it). */
export type SharedPhotoMeta = Omit<Attachment, 'blob' | 'display'> & { sha256: string; displayCopy: boolean };

/** A participant writes their photos' records (changed ones only). */
export function writePhotosMeta(doc: Y.Doc, photos: readonly SharedPhotoMeta[]): void {
  doc.transact(() => writeRecords(doc.getMap<SharedPhotoMeta>(PHOTOS), photos, false));
}

export function readPhotosMeta(doc: Y.Doc): SharedPhotoMeta[] {
  return [...doc.getMap<SharedPhotoMeta>(PHOTOS).values()];
}

/** A photo's document holds its bytes once: written by its author, never changed. */
export function writePhotoBytes(doc: Y.Doc, bytes: Uint8Array): void {
  const map = doc.getMap<Uint8Array>(PHOTO);
  if (!map.has('bytes')) map.set('bytes', bytes);
}

export function readPhotoBytes(doc: Y.Doc): Uint8Array | null {
  const bytes = doc.getMap<unknown>(PHOTO).get('bytes');
  return bytes instanceof Uint8Array ? bytes : null;
}

/** An original travels in chunks of this size, one document each: a chunk and what a
 *  Yjs update adds to it stay under MAX_MESSAGE_BYTES. */
export const ORIGINAL_CHUNK_BYTES = 3 * 1024 * 1024;

/** A photo's original, shared by its author once someone asked for it, in `chunks`
 *  documents `photo/<author>/<sha256>-<index>` (originalChunkId). */
export interface SharedOriginal {
  sha256: string;
  size: number;
  chunks: number;
}

export function originalChunkId(sha256: string, index: number): string {
  return `${sha256}-${index}`;
}

/** The author announces a photo's original, once its chunks are on the server. */
export function writeOriginal(doc: Y.Doc, photoId: Id, original: SharedOriginal): void {
  doc.getMap<SharedOriginal>(ORIGINALS).set(photoId, original);
}

/** The original announced for a photo: null when there is none, `malformed` when the
 *  record is not one this app writes (a size beyond what a photo may weigh, a count of
 *  chunks that does not match it). */
export function readOriginal(doc: Y.Doc, photoId: Id): SharedOriginal | 'malformed' | null {
  const value = doc.getMap<unknown>(ORIGINALS).get(photoId);
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null) return 'malformed';
  const { sha256, size, chunks } = value as Record<string, unknown>;
  if (typeof sha256 !== 'string' || !HEX_SHA256.test(sha256)) return 'malformed';
  if (typeof size !== 'number' || !Number.isSafeInteger(size) || size < 1 || size > MAX_ATTACHMENT_BYTES) return 'malformed';
  if (chunks !== Math.ceil(size / ORIGINAL_CHUNK_BYTES)) return 'malformed';
  return { sha256, size, chunks };
}

/** A participant asks, in their own document, for the original of another's photo:
 *  photo id → its author's participant id. */
export function writeOriginalRequest(doc: Y.Doc, photoId: Id, author: string): void {
  doc.getMap<string>(ORIGINAL_REQUESTS).set(photoId, author);
}

export function removeOriginalRequest(doc: Y.Doc, photoId: Id): void {
  const requests = doc.getMap<string>(ORIGINAL_REQUESTS);
  if (requests.has(photoId)) requests.delete(photoId);
}

/** A participant's requests for originals, photo id → author; malformed entries left out. */
export function readOriginalRequests(doc: Y.Doc): Map<Id, string> {
  const requests = new Map<Id, string>();
  for (const [photoId, author] of doc.getMap<unknown>(ORIGINAL_REQUESTS)) {
    if (SYNC_ID.test(photoId) && typeof author === 'string' && SYNC_ID.test(author)) requests.set(photoId, author);
  }
  return requests;
}

/** A participant's own synthesis of a lesson, as the others read it. */
export interface SharedSynthesis {
  id: Id;
  state: string;
  updatedAt: number;
}

/** A participant writes their syntheses, by lesson (changed ones only). */
export function writeSyntheses(doc: Y.Doc, syntheses: readonly SharedSynthesis[]): void {
  doc.transact(() => writeRecords(doc.getMap<SharedSynthesis>(SYNTHESES), syntheses, false));
}

export function readSyntheses(doc: Y.Doc): SharedSynthesis[] {
  return [...doc.getMap<SharedSynthesis>(SYNTHESES).values()];
}
