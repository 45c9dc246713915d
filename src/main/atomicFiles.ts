// Writing the user's files safely: to a temporary name beside the target, flushed to
// disk, then renamed over it — a crash or a cancel leaves the old file or the new one,
// never half of one. Folders are built under a hidden temporary name and renamed into
// place when complete, only where nothing is: a folder export never deletes a file.
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, rename, rm, rmdir } from 'node:fs/promises';
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

/** Something is at the path of a folder export: a file, a link, or a folder that holds
 *  anything. Carnet did not write it, so it stays. */
export class FolderNotEmptyError extends Error {
  constructor(readonly path: string) {
    super(`${path} is not an empty folder`);
    this.name = 'FolderNotEmptyError';
  }
}

/** True when a folder can be written at `path`: nothing is there, or an empty folder. */
export async function isFreeForFolder(path: string): Promise<boolean> {
  const info = await lstat(path).catch(() => null);
  return !info || (info.isDirectory() && (await readdir(path)).length === 0);
}

/** `path`, or beside it the first of `path-2`, `path-3`… where a folder can be written. */
export async function freeFolderPath(path: string): Promise<string> {
  let candidate = path;
  for (let n = 2; !(await isFreeForFolder(candidate)); n++) candidate = `${path}-${n}`;
  return candidate;
}

/** Builds a folder under a temporary name, then puts it at `path`, which must be free
 *  (nothing there, or an empty folder); otherwise throws FolderNotEmptyError. */
export async function writeFolderAtomic(path: string, build: (folder: string) => Promise<void>): Promise<void> {
  if (!(await isFreeForFolder(path))) throw new FolderNotEmptyError(path);
  const temporary = temporarySibling(path);
  try {
    await build(temporary);
    // An empty folder gives way; rmdir fails, and nothing is lost, if a file arrived since.
    if (await lstat(path).catch(() => null)) {
      await rmdir(path).catch((error: unknown) => {
        const code = (error as { code?: unknown }).code;
        throw code === 'ENOTEMPTY' || code === 'EEXIST' ? new FolderNotEmptyError(path) : error;
      });
    }
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
