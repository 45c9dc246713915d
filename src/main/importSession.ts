// The files the user chose to import, remembered by an opaque id: the renderer can ask
// main to plan a chosen file again (CSV column mapping) or to read an image that file
// refers to, but never to read any other path.
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fail, type ImportKind, type PickedFile, type PlannedImport, type Result } from '../shared/ipc';
import { MAX_ATTACHMENT_BYTES } from '../shared/images';
import type { ImportPlan } from '../shared/importPlan';
import { planCsvWithMapping, planImport, type CsvColumnMapping, type PlanOptions } from './import';
import type { OpenDialogOptions, Platform } from './platform/types';

const DIALOGS: Record<ImportKind, OpenDialogOptions> = {
  programme: { filters: [{ name: 'iCalendar, CSV, JSON', extensions: ['ics', 'csv', 'tsv', 'txt', 'json'] }], multiple: false },
  lessons: { filters: [{ name: 'Markdown, JSON', extensions: ['md', 'markdown', 'txt', 'json'] }], multiple: false },
  notes: { filters: [{ name: 'Markdown', extensions: ['md', 'markdown', 'txt'] }], multiple: false },
  notesFolder: { filters: [], multiple: false, directory: true },
};

interface Chosen {
  path: string;
  plan: ImportPlan;
  /** A temporary copy of a dropped file, removed when the session forgets it. */
  temporary?: string;
}

export class ImportSessions {
  private readonly chosen = new Map<string, Chosen>();

  constructor(private readonly platform: Platform) {}

  private remember(path: string, plan: ImportPlan, temporary?: string): PlannedImport {
    const importId = randomUUID();
    this.chosen.set(importId, { path, plan, temporary });
    return { importId, plan };
  }

  private options(kind: ImportKind, timeZone: string): PlanOptions {
    return { timeZone, markdownAs: kind === 'lessons' ? 'lessons' : kind === 'programme' ? undefined : 'notes' };
  }

  /** Asks the user for a file (or folder) and plans its import; null when cancelled. */
  async choose(kind: ImportKind, timeZone: string): Promise<Result<PlannedImport | null>> {
    const [path] = await this.platform.showOpenDialog(DIALOGS[kind]);
    if (!path) return { ok: true, value: null };
    const planned = await planImport(path, this.options(kind, timeZone));
    return planned.ok ? { ok: true, value: this.remember(path, planned.value) } : planned;
  }

  /** A file dropped on the window: its bytes are planned from a temporary copy, kept
   *  while the import is open; whatever fails, the copy goes. */
  async dropped(name: string, bytes: Uint8Array, timeZone: string): Promise<Result<PlannedImport>> {
    const folder = await mkdtemp(join(tmpdir(), 'carnet-drop-'));
    let kept = false;
    try {
      // A name, never one that names the folder itself or its parent ('.', '..').
      const base = basename(name);
      const path = join(folder, base === '' || base === '.' || base === '..' || base.includes('\0') ? 'import' : base);
      await writeFile(path, bytes);
      const planned = await planImport(path, { timeZone });
      if (!planned.ok) return planned;
      kept = true;
      return { ok: true, value: this.remember(path, planned.value, folder) };
    } finally {
      if (!kept) await rm(folder, { recursive: true, force: true });
    }
  }

  /** The CSV programme planned again with the columns the user mapped. */
  async remap(importId: string, mapping: Partial<CsvColumnMapping>, timeZone: string): Promise<Result<PlannedImport>> {
    const chosen = this.chosen.get(importId);
    if (!chosen) return fail('badPayload', 'This import is no longer open; choose the file again.');
    const planned = await planCsvWithMapping(chosen.path, mapping, { timeZone });
    if (!planned.ok) return planned;
    chosen.plan = planned.value;
    return { ok: true, value: { importId, plan: planned.value } };
  }

  /** An image a planned note refers to — only one the plan lists. */
  async attachment(importId: string, path: string): Promise<Result<PickedFile>> {
    const chosen = this.chosen.get(importId);
    const listed = chosen?.plan.notes.some((note) => note.attachments.some((attachment) => attachment.path === path));
    if (!chosen || !listed) return fail('badPayload', 'This image is not part of the import.');
    const info = await stat(path).catch(() => null);
    if (!info?.isFile()) return fail('fileUnreadable', `${basename(path)} cannot be read.`, { name: basename(path) });
    if (info.size > MAX_ATTACHMENT_BYTES) return fail('fileTooLarge', `${basename(path)} is too large.`, { name: basename(path) });
    return { ok: true, value: { name: basename(path), bytes: new Uint8Array(await readFile(path)) } };
  }

  /** Forgets an import once applied or abandoned, removing any temporary copy. */
  async close(importId: string): Promise<void> {
    const chosen = this.chosen.get(importId);
    this.chosen.delete(importId);
    if (chosen?.temporary) await rm(chosen.temporary, { recursive: true, force: true });
  }
}
