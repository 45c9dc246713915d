// Which requests a journal being printed may make: files of its own folder, nothing else.
import { sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** True when `url` is a file inside `folder`. */
export function isFileInside(url: string, folder: string): boolean {
  if (!url.startsWith('file:')) return false;
  try {
    return fileURLToPath(url).startsWith(folder + sep);
  } catch {
    return false;
  }
}
