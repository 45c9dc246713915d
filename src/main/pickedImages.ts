// Reads the photos the user chose in the "Insert photo" dialog. Sizes are checked with
// stat before anything is read, so a 2 GB video picked by mistake costs nothing. The
// bytes go to the renderer as they are: it checks that they are an image it can decode.
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { fail, type PickedFile, type Result } from '../shared/ipc';
import { IMAGE_EXTENSIONS, MAX_ATTACHMENT_BYTES } from '../shared/images';
import type { OpenDialogOptions } from './platform/types';

export const IMAGE_DIALOG: OpenDialogOptions = {
  filters: [{ name: 'Images', extensions: [...IMAGE_EXTENSIONS] }],
  multiple: true,
};

const megabytes = (bytes: number): number => Math.ceil(bytes / (1024 * 1024));

function tooLarge(name: string, size: number): Result<never> {
  return fail('fileTooLarge', `${name} is too large (${megabytes(size)} MB; the limit is ${megabytes(MAX_ATTACHMENT_BYTES)} MB).`, {
    name,
    size: megabytes(size),
    limit: megabytes(MAX_ATTACHMENT_BYTES),
  });
}

/** All the chosen files, or the first problem: one bad file and none is returned, so the
 *  renderer never stores half of a choice without saying why. */
export async function readPickedImages(paths: readonly string[]): Promise<Result<PickedFile[]>> {
  const files: PickedFile[] = [];
  for (const path of paths) {
    const name = basename(path);
    const unreadable = fail('fileUnreadable', `${name} cannot be read.`, { name });
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return unreadable;
    if (info.size > MAX_ATTACHMENT_BYTES) return tooLarge(name, info.size);
    const buffer = await readFile(path).catch(() => null);
    if (!buffer) return unreadable;
    // The file may have grown since stat.
    if (buffer.byteLength > MAX_ATTACHMENT_BYTES) return tooLarge(name, buffer.byteLength);
    // A copy of exactly the file's bytes: a Buffer may be a view on a larger shared pool.
    files.push({ name, bytes: new Uint8Array(buffer) });
  }
  return { ok: true, value: files };
}
