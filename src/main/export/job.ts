// One export, from its records to its file: the journal is built when the job starts,
// the photos it needs arrive one by one into a temporary folder, and `run` writes the
// chosen format. Cancelling aborts at the next step; the temporary folder always goes.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildJournal, type Journal, type JournalOptions } from '../../shared/journal/build';
import { printedVariant, type AttachmentMeta, type AttachmentVariant, type ExportRecords } from '../../shared/journal/records';
import { writeBackup } from '../backup/write';
import type { Platform } from '../platform/types';
import { AttachmentStore } from './attachments';
import { writeDocx } from './docx';
import type { ExportFormat } from '../../shared/journal/formats';
import { writeHtml } from './htmlFile';
import { writeMarkdownFolder, writeMarkdownZip } from './markdownFiles';
import { writePdf } from './pdf';

export interface WantedAttachment {
  attachmentId: string;
  variant: AttachmentVariant;
}

export class ExportJob {
  readonly id = randomUUID();
  readonly controller = new AbortController();
  readonly store: AttachmentStore;
  readonly journal: Journal | null;
  readonly wanted: WantedAttachment[];
  private readonly metas: Map<string, AttachmentMeta>;

  private constructor(
    readonly workDir: string,
    readonly records: ExportRecords,
    readonly options: JournalOptions,
    readonly format: ExportFormat,
    readonly out: string,
    journal: Journal | null,
  ) {
    this.store = new AttachmentStore(join(workDir, 'photos'));
    this.metas = new Map(records.attachments.map((a) => [a.id, a]));
    this.journal = journal;
    this.wanted = journal
      ? journal.attachments.map((a) => ({ attachmentId: a.id, variant: printedVariant(a) }))
      : records.attachments.flatMap((a): WantedAttachment[] => [
          { attachmentId: a.id, variant: 'original' },
          ...(a.displayMime ? [{ attachmentId: a.id, variant: 'display' as const }] : []),
        ]);
  }

  static async create(records: ExportRecords, options: JournalOptions, format: ExportFormat, out: string): Promise<ExportJob> {
    // The journal before the temporary folder: records that make none leave nothing behind.
    const journal = format === 'carnet' ? null : buildJournal(records, options);
    const workDir = await mkdtemp(join(tmpdir(), 'carnet-export-'));
    return new ExportJob(workDir, records, options, format, out, journal);
  }

  /** Stores one photo the job asked for; anything else is refused. */
  async addAttachment(attachmentId: string, variant: AttachmentVariant, bytes: Uint8Array): Promise<boolean> {
    const meta = this.metas.get(attachmentId);
    if (!meta || !this.wanted.some((w) => w.attachmentId === attachmentId && w.variant === variant)) return false;
    this.controller.signal.throwIfAborted();
    await this.store.write(meta, variant, bytes);
    return true;
  }

  /** The photos still missing (a journal leaves out what never arrived). */
  missing(): WantedAttachment[] {
    return this.wanted.filter((w) => {
      const meta = this.metas.get(w.attachmentId);
      return !meta || !this.store.has(meta, w.variant);
    });
  }

  /** True while `run` writes the output. */
  running = false;

  async run(platform: Pick<Platform, 'openForPrinting' | 'appVersion'>): Promise<void> {
    this.running = true;
    try {
      await this.write(platform);
    } finally {
      this.running = false;
    }
  }

  private async write(platform: Pick<Platform, 'openForPrinting' | 'appVersion'>): Promise<void> {
    const signal = this.controller.signal;
    if (this.format === 'carnet') {
      if (this.missing().length > 0) throw new Error(`${this.missing().length} attachment(s) never arrived`);
      return writeBackup({ records: this.records, store: this.store, appVersion: platform.appVersion }, this.out, signal);
    }
    if (!this.journal) throw new Error('A journal format without a journal');
    const journal = this.withoutMissingPhotos(this.journal);
    switch (this.format) {
      case 'pdf':
        return writePdf(journal, this.store, this.workDir, this.out, platform, signal);
      case 'html':
        return writeHtml(journal, this.store, this.out, signal);
      case 'md':
        return writeMarkdownFolder(journal, this.store, this.out, signal);
      case 'mdzip':
        return writeMarkdownZip(journal, this.store, this.out, signal);
      case 'docx':
        return writeDocx(journal, this.store, this.out, signal);
    }
  }

  private withoutMissingPhotos(journal: Journal): Journal {
    const missing = new Set(this.missing().map((w) => w.attachmentId));
    return missing.size === 0 ? journal : { ...journal, attachments: journal.attachments.filter((a) => !missing.has(a.id)) };
  }

  cancel(): void {
    this.controller.abort();
  }

  async dispose(): Promise<void> {
    await rm(this.workDir, { recursive: true, force: true });
  }
}
