// The journal writers fed what a hostile backup can carry once it passed the reader:
// text that looks like markup, placeholders, huge runs of spaces, characters XML forbids.
// Each output is checked the way its reader would see it.
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBackup, type BackupAttachment } from '../../../src/main/backup';
import { ExportJob } from '../../../src/main/export/job';
import { CHROMIUM_PATH } from '../../../src/main/platform/chromium';
import { closeChromiumPdf, openWithChromium } from '../../../src/main/platform/chromiumPdf';
import type { ExportFormat } from '../../../src/shared/journal/formats';
import { defaultJournalOptions, type JournalOptions } from '../../../src/shared/journal/options';
import type { AttachmentMeta, ExportRecords } from '../../../src/shared/journal/records';
import { SAMPLE, sampleRecords } from './craftBackup';

let photos: Map<string, BackupAttachment>;
let dir: string;

beforeAll(async () => {
  photos = new Map((await readBackup(SAMPLE)).attachments.map((a) => [a.meta.id, a]));
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

  it('keeps a photo’s MIME type from the records inside its src', async () => {
    const records = sampleRecords();
    const [first, second] = records.attachments;
    first!.displayMime = 'image/png" onerror="alert(1)';
    second!.mime = 'image/png;charset=<script>alert(1)</script>';
    const html = await readFile(await writeJournal(records, 'html', 'mime.html'), 'utf8');
    expect(html).not.toMatch(/onerror|<script/);
    // Both photos are still there, typed in a way that cannot end the attribute.
    expect(html.match(/<img src="data:application\/octet-stream;base64,[A-Za-z0-9+/=]+"/g)).toHaveLength(2);
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

/** Every file of a Markdown journal folder, by path. */
async function markdownFiles(folder: string): Promise<Map<string, string>> {
  const paths = (await readdir(folder, { recursive: true })).map(String).filter((path) => path.endsWith('.md'));
  return new Map(await Promise.all(paths.map(async (path) => [path, await readFile(join(folder, path), 'utf8')] as const)));
}

/** What a Markdown reader renders: the text after the front matter. */
const body = (file: string): string => file.replace(/^---\n[\s\S]*?\n---\n/, '');

describe('Markdown journal', () => {
  it('escapes speakers, tags, names and titles, keeps each on its line, and links only where the note linked', async () => {
    const records = sampleRecords();
    const markup = '<img src=x onerror=alert(1)>';
    const quote = records.notes.find((n) => n.kind === 'quote')!;
    quote.speaker = `Claire ${markup}\n# Not a heading\r\n<script>alert(1)</script>`;
    quote.tags = [`<script>alert(1)</script>`, 'a**b**\nc'];
    quote.author = `Louis\n${markup}`;
    const visit = records.visits.find((v) => v.id === quote.visitId)!;
    visit.speakers = [{ name: `Jean\n> ${markup}`, role: 'CTO\r# x' }];
    visit.title = `Michelin\n${markup}`;
    const state = JSON.parse(quote.state) as { root: { children: unknown[] } };
    state.root.children.push({
      type: 'paragraph',
      children: [
        { type: 'link', url: 'https://example.org/a)[x](javascript:alert(1)', children: [{ type: 'text', text: 'lien', format: 0 }] },
        { type: 'text', text: `\r${markup}\r# pas un titre`, format: 0 },
      ],
    });
    quote.state = JSON.stringify(state);

    const files = await markdownFiles(await writeJournal(records, 'md', 'escaped-md'));
    for (const [path, file] of files) {
      // No markup of its own: every < is escaped, no link leads to script.
      expect(body(file), path).not.toMatch(/(?<!\\)</);
      expect(file, path).not.toMatch(/\]\(javascript:/i);
      expect(file, path).not.toMatch(/^#+ (Not a heading|pas un titre|x)$/m);
    }
    const [, quoteFile] = [...files].find(([, file]) => file.includes('kind: quote'))!;
    // The quote, speaker included, stays one quote: every line of the body is quoted.
    const lines = body(quoteFile).trim().split('\n');
    for (const line of lines) expect(line).toMatch(/^>/);
    expect(lines.at(-1)).toBe(`> — Claire \\<img src=x onerror=alert(1)\\> # Not a heading \\<script\\>alert(1)\\</script\\>`);
    expect(quoteFile).toContain('[lien](https://example.org/a%29%5Bx%5D%28javascript:alert%281%29)');
    // The speaker and the tags keep their text in the front matter (YAML quotes it).
    const tags = files.get('tags.md')!;
    expect(tags).toContain('- **#\\<script\\>alert(1)\\</script\\>** — ');
    expect(tags).toContain('- **#a\\*\\*b\\*\\* c** — ');
    const index = files.get('index.md')!;
    expect(index).toContain(`Auteurs : Camille Durand, Louis \\<img src=x onerror=alert(1)\\>`);
  }, 60_000);

  it('makes no heading of a line of text that starts with #, in notes and descriptions', async () => {
    const records = withNoteText('avant\n# titre glissé\n  ## titre glissé', '# titre glissé');
    records.lessons[0]!.description = 'Une ligne\r\n### titre glissé';
    records.visits[1]!.description = 'Une ligne\n# titre glissé\n#tag';
    const files = await markdownFiles(await writeJournal(records, 'md', 'headings-md'));
    const text = [...files.values()].join('\n');
    expect(text.match(/titre glissé/g)).toHaveLength(5);
    // Not a heading, in a quote or a list either; a #tag stays a tag.
    expect(text).not.toMatch(/^[ \t>]*#{1,6}[ \t]+titre glissé/m);
    expect(text).toMatch(/^\\# titre glissé$/m);
    expect(text).toMatch(/^#tag$/m);
  }, 60_000);

  it('gives two photos two files, even when their names and the ends of their ids match', async () => {
    for (const secondId of ['second-ABCDEFGH', 'second-abcdefgh']) {
      const records = sampleRecords();
      const [first, second] = records.attachments as [AttachmentMeta, AttachmentMeta];
      const [firstBytes, secondBytes] = [photos.get(first.id)!, photos.get(second.id)!];
      photos.set('first-ABCDEFGH', firstBytes);
      photos.set(secondId, secondBytes);
      for (const note of records.notes) note.state = note.state.replaceAll(first.id, 'first-ABCDEFGH').replaceAll(second.id, secondId);
      // Both photos in one note, under one name.
      const note = records.notes.find((n) => n.id === first.noteId)!;
      const state = JSON.parse(note.state) as { root: { children: unknown[] } };
      state.root.children.push({ type: 'image', attachmentId: secondId, caption: 'deux', width: 1200, height: 800, version: 1 });
      note.state = JSON.stringify(state);
      Object.assign(first, { id: 'first-ABCDEFGH' });
      Object.assign(second, { id: secondId, name: first.name, noteId: first.noteId });

      const folder = await writeJournal(records, 'md', `photos-${secondId}`);
      const [notePath, noteFile] = [...(await markdownFiles(folder))].find(([, file]) => file.includes('![deux]('))!;
      const names = [...noteFile.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((m) => decodeURI(m[1]!));
      expect(names).toHaveLength(2);
      expect(new Set(names.map((name) => name.toLowerCase())).size).toBe(2);
      const [firstFile, secondFile] = await Promise.all(names.map((name) => readFile(join(folder, notePath, '..', name))));
      expect(Buffer.compare(firstFile!, Buffer.from(firstBytes.display!))).toBe(0);
      expect(Buffer.compare(secondFile!, Buffer.from(secondBytes.original))).toBe(0);
    }
  }, 60_000);
});

describe('DOCX journal', () => {
  it('leaves out every character XML forbids, in the text and in the properties', async () => {
    const forbidden = '\u0000\u0001\u0008\u000b\u000c\u001f\ufffe\uffff\ud800';
    const records = withNoteText(`avant${forbidden}après`);
    records.notes[0]!.title = `Titre${forbidden}`;
    records.notes.find((n) => n.kind === 'quote')!.speaker = `Claire${forbidden}`;
    records.notes[0]!.tags = [`tag${forbidden}`];
    records.attachments[0]!.name = `atelier${forbidden}.png`;
    const parts = unzipSync(
      new Uint8Array(await readFile(await writeJournal(records, 'docx', 'controls.docx', { title: `Carnet${forbidden}`, author: `Camille${forbidden}` }))),
    );
    const xml = Object.entries(parts).filter(([path]) => /\.(xml|rels)$/.test(path));
    expect(xml.map(([path]) => path)).toContain('word/document.xml');
    for (const [path, bytes] of xml) {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
      expect(text, path).not.toMatch(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u);
    }
    const document = strFromU8(parts['word/document.xml']!);
    expect(document).toContain('avantaprès');
    expect(document).toContain('— Claire');
    expect(strFromU8(parts['docProps/core.xml']!)).toContain('<dc:title>Carnet</dc:title>');
  }, 60_000);
});

describe('HTML and DOCX journals', () => {
  it('copy a photo shown thousands of times into the file at most 20 times', async () => {
    // 20,000 mentions of one photo: a backup of a few kilobytes made a 300 MB HTML journal.
    const records = sampleRecords();
    const photo = records.attachments[0]!;
    const note = records.notes.find((n) => n.id === photo.noteId)!;
    const state = JSON.parse(note.state) as { root: { children: unknown[] } };
    state.root.children.push(
      ...Array.from({ length: 20_000 }, () => ({ type: 'image', attachmentId: photo.id, caption: 'encore', width: 2400, height: 1600, version: 1 })),
    );
    note.state = JSON.stringify(state);
    const html = await readFile(await writeJournal(records, 'html', 'repeated.html'), 'utf8');
    // The sample's other photo, and this one 20 times (it was shown once already).
    expect(html.match(/<img src="data:/g)).toHaveLength(21);
    expect(html.length).toBeLessThan(5_000_000);
    const docx = unzipSync(new Uint8Array(await readFile(await writeJournal(records, 'docx', 'repeated.docx'))));
    expect(strFromU8(docx['word/document.xml']!).match(/<w:drawing>/g)).toHaveLength(21);
  }, 60_000);
});

describe('every writer', () => {
  it('writes a note of a megabyte of spaces and punctuation in seconds', async () => {
    const MB = 1024 * 1024;
    const records = withNoteText(' '.repeat(MB), `${'\t\u00a0'.repeat(MB / 4)}x${' '.repeat(MB / 2)}»`, `a${'!'.repeat(MB)}`);
    for (const [format, name] of [
      ['html', 'spaces.html'],
      ['docx', 'spaces.docx'],
      ['md', 'spaces-md'],
    ] as const) {
      const started = performance.now();
      await writeJournal(records, format, name);
      expect(performance.now() - started, format).toBeLessThan(15_000);
    }
  }, 120_000);
});
