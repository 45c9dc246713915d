// The photos of one export, written to a temporary folder as they arrive from the
// renderer (one at a time, so memory holds one photo, never a hundred), then read back by
// the writers. File names carry the right extension: Chromium types file:// by it.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { extensionOfMime, variantMime, type AttachmentMeta, type AttachmentVariant } from '../../shared/journal/records';

/** How many times a journal file holds one photo's bytes (HTML, DOCX). A photo shows in
 *  its note's chapter and again in each lesson quoting the note (an expedition has a
 *  handful of lessons); a crafted backup could show it tens of thousands of times and
 *  make a journal of gigabytes from kilobytes. */
export const MAX_COPIES_OF_A_PHOTO = 20;

/** Answers, for each time a photo is shown in turn, whether it may still be. */
export function photoCopies(): (attachmentId: string) => boolean {
  const shown = new Map<string, number>();
  return (attachmentId) => {
    const count = (shown.get(attachmentId) ?? 0) + 1;
    shown.set(attachmentId, count);
    return count <= MAX_COPIES_OF_A_PHOTO;
  };
}

export class AttachmentStore {
  private readonly present = new Set<string>();

  constructor(readonly dir: string) {}

  fileName(meta: AttachmentMeta, variant: AttachmentVariant): string {
    return `${meta.id}.${variant}.${extensionOfMime(variantMime(meta, variant))}`;
  }

  path(meta: AttachmentMeta, variant: AttachmentVariant): string {
    return join(this.dir, this.fileName(meta, variant));
  }

  async write(meta: AttachmentMeta, variant: AttachmentVariant, bytes: Uint8Array): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    await writeFile(this.path(meta, variant), bytes);
    this.present.add(`${meta.id}/${variant}`);
  }

  has(meta: AttachmentMeta, variant: AttachmentVariant): boolean {
    return this.present.has(`${meta.id}/${variant}`);
  }

  read(meta: AttachmentMeta, variant: AttachmentVariant): Promise<Uint8Array> {
    return readFile(this.path(meta, variant));
  }
}
