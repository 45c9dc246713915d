// Writing the user's files safely: to a temporary name beside the target, flushed to
// disk, then renamed over it — a crash or a cancel leaves the old file or the new one,
// never half of one. Folders are built under a hidden temporary name and renamed into
// place when complete.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `data` to `path` whole or not at all. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await writeStreamedFile(path, (write) => write(data));
}

export function temporarySibling(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Builds a file by streaming into a temporary name, then renames it over `path`. */
export async function writeStreamedFile(path: string, build: (write: (chunk: string | Uint8Array) => Promise<void>) => Promise<void>): Promise<void> {
  const temporary = temporarySibling(path);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await build(async (chunk) => {
        await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
      });
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Builds a folder under a temporary name, then puts it at `path` (replacing what the
 *  user agreed to replace in the save dialog). */
export async function writeFolderAtomic(path: string, build: (folder: string) => Promise<void>): Promise<void> {
  const temporary = temporarySibling(path);
  try {
    await build(temporary);
    const existing = await stat(path).catch(() => null);
    if (existing) {
      const old = temporarySibling(path);
      await rename(path, old);
      await rename(temporary, path);
      await rm(old, { recursive: true, force: true });
    } else {
      await rename(temporary, path);
    }
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
