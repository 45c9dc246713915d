// Photos and other files of notes: each stored once, as Blobs, in the attachments table.
// Notes point at them by id from their Lexical state (see shared/editor/ImageNode).
import { newId } from '../../shared/ids';
import type { Attachment } from '../../shared/model';
import type { AppDB } from './AppDB';

export type NewAttachment = Omit<Attachment, 'id' | 'createdAt' | 'caption'> & { caption?: string };

export async function addAttachment(database: AppDB, input: NewAttachment): Promise<Attachment> {
  const attachment: Attachment = { ...input, id: newId(), caption: input.caption ?? '', createdAt: Date.now() };
  await database.attachments.add(attachment);
  return attachment;
}

export async function getAttachment(database: AppDB, id: string): Promise<Attachment | null> {
  return (await database.attachments.get(id)) ?? null;
}

/** A note's attachments, oldest first. */
export async function listNoteAttachments(database: AppDB, noteId: string): Promise<Attachment[]> {
  const attachments = await database.attachments.where('noteId').equals(noteId).toArray();
  return attachments.sort((a, b) => a.createdAt - b.createdAt);
}

/** Mirrors the caption typed under the photo in the note, for exports that read records. */
export async function setAttachmentCaption(database: AppDB, id: string, caption: string): Promise<void> {
  await database.transaction('rw', database.attachments, async () => {
    const attachment = await database.attachments.get(id);
    if (attachment && attachment.caption !== caption) await database.attachments.update(id, { caption });
  });
}

export async function deleteAttachment(database: AppDB, id: string): Promise<void> {
  await database.attachments.delete(id);
}
