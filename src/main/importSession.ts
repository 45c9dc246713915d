// The files the user chose to import, remembered by an opaque id: the renderer can ask
// main to plan a chosen file again (CSV column mapping) or to read an image that file
// refers to, but never to read any other path.
import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { mkdtemp, open, realpath, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fail, type ImportKind, type PickedFile, type PlannedImport, type Result } from '../shared/ipc';
import { MAX_ATTACHMENT_BYTES } from '../shared/images';
import type { ImportPlan } from '../shared/importPlan';
import type { CsvColumnMapping } from './import';
import type { PlanRequest } from './import/planRequest';
import { isInside } from './import/notesMarkdown';
import type { OpenDialogOptions, Platform } from './platform/types';

const DIALOGS: Record<ImportKind, OpenDialogOptions> = {
  programme: { filters: [{ name: 'iCalendar, CSV, JSON', extensions: ['ics', 'csv', 'tsv', 'txt', 'json'] }], multiple: false },
  lessons: { filters: [{ name: 'Markdown, JSON', extensions: ['md', 'markdown', 'txt', 'json'] }], multiple: false },
  notes: { filters: [{ name: 'Markdown', extensions: ['md', 'markdown', 'txt'] }], multiple: false },
  notesFolder: { filters: [], multiple: false, directory: true },
};

interface Chosen {
  path: string;
  /** The folder the plan's images were found in: the chosen folder, or the file's. */
  root: string;
  plan: ImportPlan;
  /** A temporary copy of a dropped file, removed when the session forgets it. */
  temporary?: string;
}

export class ImportSessions {
  private readonly chosen = new Map<string, Chosen>();

  constructor(private readonly platform: Platform) {}

  private async remember(path: string, plan: ImportPlan, temporary?: string): Promise<PlannedImport> {
    const importId = randomUUID();
    const root = (await stat(path).catch(() => null))?.isDirectory() ? resolve(path) : dirname(resolve(path));
    this.chosen.set(importId, { path, root, plan, temporary });
    return { importId, plan };
  }

  private options(kind: ImportKind, timeZone: string): PlanRequest['options'] {
    return { timeZone, markdownAs: kind === 'lessons' ? 'lessons' : kind === 'programme' ? undefined : 'notes' };
  }

  /** Asks the user for a file (or folder) and plans its import; null when cancelled. */
  async choose(kind: ImportKind, timeZone: string): Promise<Result<PlannedImport | null>> {
    const [path] = await this.platform.showOpenDialog(DIALOGS[kind]);
    if (!path) return { ok: true, value: null };
    const planned = await this.platform.planImport({ path, options: this.options(kind, timeZone) });
    return planned.ok ? { ok: true, value: await this.remember(path, planned.value) } : planned;
  }

  /** A file dropped on the window: its bytes are planned from a temporary copy. */
  async dropped(name: string, bytes: Uint8Array, timeZone: string): Promise<Result<PlannedImport>> {
    const folder = await mkdtemp(join(tmpdir(), 'carnet-drop-'));
    const path = join(folder, basename(name) || 'import');
    await writeFile(path, bytes);
    const planned = await this.platform.planImport({ path, options: { timeZone } });
    if (!planned.ok) {
      await rm(folder, { recursive: true, force: true });
      return planned;
    }
    return { ok: true, value: await this.remember(path, planned.value, folder) };
  }

  /** The CSV programme planned again with the columns the user mapped. */
  async remap(importId: string, mapping: Partial<CsvColumnMapping>, timeZone: string): Promise<Result<PlannedImport>> {
    const chosen = this.chosen.get(importId);
    if (!chosen) return fail('badPayload', 'This import is no longer open; choose the file again.');
    const planned = await this.platform.planImport({ path: chosen.path, options: { timeZone }, mapping });
    if (!planned.ok) return planned;
    chosen.plan = planned.value;
    return { ok: true, value: { importId, plan: planned.value } };
  }

  /** An image a planned note refers to — only one the plan lists. */
  async attachment(importId: string, path: string): Promise<Result<PickedFile>> {
    const chosen = this.chosen.get(importId);
    const listed = chosen?.plan.notes.some((note) => note.attachments.some((attachment) => attachment.path === path));
    if (!chosen || !listed) return fail('badPayload', 'This image is not part of the import.');
    return readFileInside(chosen.root, path);
  }

  /** Forgets an import once applied or abandoned, removing any temporary copy. */
  async close(importId: string): Promise<void> {
    const chosen = this.chosen.get(importId);
    this.chosen.delete(importId);
    if (chosen?.temporary) await rm(chosen.temporary, { recursive: true, force: true });
  }
}

/** Reads an image of the import if, once opened, it is still a file inside `root`. The
 *  plan checked its path, but the folder may have changed since (a link put in its
 *  place): the opened file must be the one the path resolves to inside the folder now,
 *  same device and inode, so that nothing swapped in before or after the check is read. */
async function readFileInside(root: string, path: string): Promise<Result<PickedFile>> {
  const name = basename(path);
  const unreadable = () => fail('fileUnreadable', `${name} cannot be read.`, { name });
  // Non-blocking: a FIFO put in the image's place must not hang the open.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0)).catch(() => null);
  if (!handle) return unreadable();
  try {
    const opened = await handle.stat();
    if (!opened.isFile()) return unreadable();
    if (opened.size > MAX_ATTACHMENT_BYTES) return fail('fileTooLarge', `${name} is too large.`, { name });
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]).catch(() => [null, null]);
    const there = realRoot && realPath && isInside(realRoot, realPath) ? await stat(realPath).catch(() => null) : null;
    if (!there || there.dev !== opened.dev || there.ino !== opened.ino) {
      return fail('fileUnreadable', `${name} is no longer inside the imported folder.`, { name });
    }
    // At most the size checked: the file may grow while it is read.
    const bytes = new Uint8Array(opened.size);
    let filled = 0;
    while (filled < bytes.byteLength) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.byteLength - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return { ok: true, value: { name, bytes: bytes.subarray(0, filled) } };
  } finally {
    await handle.close();
  }
}
