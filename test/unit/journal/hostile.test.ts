// The journal writers fed what a hostile backup can carry once it passed the reader:
// text that looks like markup, placeholders, huge runs of spaces, characters XML forbids.
// Each output is checked the way its reader would see it.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackup, type BackupAttachment } from '../../../src/main/backup';
import { ExportJob } from '../../../src/main/export/job';
import { CHROMIUM_PATH, closeChromiumPdf, openWithChromium } from '../../../src/main/platform/chromiumPdf';
import type { ExportFormat } from '../../../src/shared/journal/formats';
import { defaultJournalOptions, type JournalOptions } from '../../../src/shared/journal/options';
import type { ExportRecords } from '../../../src/shared/journal/records';
import { SAMPLE_BACKUP, sampleRecords } from './craftBackup';

let photos: Map<string, BackupAttachment>;
let dir: string;

beforeAll(async () => {
  photos = new Map((await readBackup(SAMPLE_BACKUP)).attachments.map((a) => [a.meta.id, a]));
  dir = await mkdtemp(join(tmpdir(), 'carnet-hostile-'));
});
afterAll(closeChromiumPdf);

/** Writes a journal the way the CLI does: the job asks for photos, gets the sample's. */
async function writeJournal(records: ExportRecords, format: ExportFormat, name: string, options: Partial<JournalOptions> = {}): Promise<string> {
  const out = join(dir, name);
  const job = await ExportJob.create(records, { ...defaultJournalOptions(records, 'fr'), ...options }, format, out);
  try {
    for (const { attachmentId, variant } of job.wanted) {
      const photo = photos.get(attachmentId);
      const bytes = variant === 'display' ? photo?.display : photo?.original;
      if (bytes) await job.addAttachment(attachmentId, variant, bytes);
    }
    await job.run({ appVersion: 'test', openForPrinting: openWithChromium });
  } finally {
    await job.dispose();
  }
  return out;
}

/** The sample with paragraphs of `texts` added to the first note that shows a photo. */
function withNoteText(...texts: string[]): ExportRecords {
  const records = sampleRecords();
  const note = records.notes.find((n) => records.attachments.some((a) => a.noteId === n.id))!;
  const state = JSON.parse(note.state) as { root: { children: unknown[] } };
  state.root.children.push(...texts.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text, format: 0 }] })));
  note.state = JSON.stringify(state);
  return records;
}

describe('HTML journal', () => {
  it('puts photos only in the images it wrote: a placeholder typed in a note stays text', async () => {
    const records = sampleRecords();
    const [first, second] = records.attachments;
    const typed = [`carnet-image:${first!.id} `.repeat(500), `carnet-image:${second!.id}`, 'carnet-image:unknown-photo'];
    const html = await readFile(await writeJournal(withNoteText(...typed), 'html', 'placeholders.html'), 'utf8');
    for (const text of typed) expect(html).toContain(`<p>${text}</p>`);
    // The two photos of the sample, once each.
    expect(html.match(/data:image\//g)).toHaveLength(2);
    const plain = await readFile(await writeJournal(sampleRecords(), 'html', 'plain.html'), 'utf8');
    expect(html.length - plain.length).toBeLessThan(40_000);
  }, 60_000);


  it('runs no script and loads nothing from the disk even if markup slipped through escaping', async () => {
    const path = await writeJournal(sampleRecords(), 'html', 'slip.html');
    // A slip of escaping, simulated: the Content-Security-Policy is what stands.
    const slip = `<script>document.title = 'ran'</script><img src="file:///etc/hostname"><iframe src="file:///etc/hostname"></iframe><object data="file:///etc/hostname"></object>`;
    await writeFile(path, (await readFile(path, 'utf8')).replace('<body>', `<body>${slip}`));
    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      // Chromium may start a request its policy then blocks: what counts is what loaded.
      const loaded: string[] = [];
      page.on('requestfinished', (request) => loaded.push(request.url()));
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      expect(await page.title()).toBe('Innover ensemble en Auvergne');
      expect(loaded).toEqual([pathToFileURL(path).href]);
      // The journal's own photos still show.
      expect(await page.locator('figure img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))).toEqual([2000, 1200]);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('every writer', () => {
  it('writes a note of a megabyte of spaces and punctuation in seconds', async () => {
    const MB = 1024 * 1024;
    const records = withNoteText(' '.repeat(MB), `${'\t\u00a0'.repeat(MB / 4)}x${' '.repeat(MB / 2)}»`, `a${'!'.repeat(MB)}`);
    for (const [format, name] of [['html', 'spaces.html'], ['docx', 'spaces.docx'], ['md', 'spaces-md']] as const) {
      const started = performance.now();
      await writeJournal(records, format, name);
      expect(performance.now() - started, format).toBeLessThan(15_000);
    }
  }, 120_000);
});

