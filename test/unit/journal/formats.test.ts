// The sample expedition rendered to each format, checked for its content: PDF text page
// by page and its outline, Markdown files and front matter, DOCX parts, and an HTML
// file that makes no request when opened.
import { execFileSync } from 'node:child_process';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { strFromU8, unzipSync } from 'fflate';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load as parseYaml } from 'js-yaml';
import { loadPdfReader } from '../../../src/main/export/pdfPages';
import { createHandlers } from '../../../src/main/handlers';
import { CHROMIUM_PATH } from '../../../src/main/platform/chromium';
import { closeChromiumPdf, openWithChromium } from '../../../src/main/platform/chromiumPdf';
import type { ExportFormat } from '../../../src/shared/journal/formats';
import type { JournalOptions } from '../../../src/shared/journal/options';
import { NNBSP } from '../../../src/shared/text/typography';
import { buildSampleRecords, type SampleBackupContent } from '../../fixtures/sampleRecords';
import { createBrowserPlatform } from '../../../src/main/platform/browser';

let sample: SampleBackupContent;
let dir: string;

beforeAll(async () => {
  sample = await buildSampleRecords();
  dir = await mkdtemp(join(tmpdir(), 'carnet-formats-'));
});
afterAll(closeChromiumPdf);

const OPTIONS: JournalOptions = {
  visitIds: null,
  structure: 'visitsThenLessons',
  photos: true,
  passages: true,
  synthesis: true,
  tagIndex: true,
  title: 'Innover ensemble en Auvergne',
  author: 'Camille Durand',
  language: 'fr',
};

/** The page (1-based) of each top-level entry of a PDF's outline, in order. */
async function outlinePages(pdf: Uint8Array): Promise<number[]> {
  const pdfjs = await loadPdfReader();
  const document = await pdfjs.getDocument({ data: pdf, isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  try {
    const pages: number[] = [];
    for (const item of (await document.getOutline()) ?? []) {
      const dest = typeof item.dest === 'string' ? await document.getDestination(item.dest) : item.dest;
      pages.push((await document.getPageIndex(dest?.[0] as { num: number; gen: number })) + 1);
    }
    return pages;
  } finally {
    await document.destroy();
  }
}

/** Exports through main's handlers, the way the dialog does. */
async function exportTo(format: ExportFormat, name: string, options = OPTIONS): Promise<string> {
  const path = join(dir, name);
  const handlers = createHandlers(createBrowserPlatform('fr-FR', { showSaveDialog: async () => path, openForPrinting: openWithChromium }));
  const begun = await handlers.exportBegin({ records: sample.records, options, format, suggestedName: 'journal' });
  if (!begun.ok || !begun.value) throw new Error(JSON.stringify(begun));
  for (const { attachmentId, variant } of begun.value.wanted) {
    const attachment = sample.attachments.find((a) => a.meta.id === attachmentId);
    const bytes = new Uint8Array((variant === 'display' ? attachment?.display : attachment?.original) ?? []);
    await handlers.exportAttachment({ jobId: begun.value.jobId, attachmentId, variant, bytes });
  }
  const finished = await handlers.exportFinish({ jobId: begun.value.jobId });
  if (!finished.ok) throw new Error(finished.error.message);
  return finished.value.path;
}

const pageText = (pdf: string, page: number) => execFileSync('pdftotext', ['-layout', '-f', String(page), '-l', String(page), pdf, '-'], { encoding: 'utf8' });

describe('PDF', () => {
  it('has a cover, a table of contents with the right pages, a chapter per page start, an outline', async () => {
    const pdf = await exportTo('pdf', 'journal.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    expect(info).toMatch(/Page size:\s+595\.\d+ x 842\.\d+ pts \(A4\)/);
    expect(info).toMatch(/Tagged:\s+yes/);
    // The sample's two photos are painted (the draft that told the page numbers hid them).
    const images = execFileSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).trim().split('\n').slice(2);
    expect(images).toHaveLength(2);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);

    const cover = pageText(pdf, 1);
    expect(cover).toContain('Innover ensemble en Auvergne');
    expect(cover).toContain('Clermont-Ferrand');
    expect(cover).toContain('19–21 novembre 2024');
    expect(cover).toContain('Camille Durand');

    const toc = pageText(pdf, 2);
    expect(toc).toContain('Sommaire');
    const chapters = [
      'Arrivée et dîner d’accueil',
      'Michelin — pratiques d’innovation ouverte',
      'Village by CA — accélérateur de start-ups',
      'Savoir valoriser ses ressources',
      'Apprendre des autres',
      'Index des étiquettes',
    ];
    for (const title of chapters) {
      const page = Number(new RegExp(`${title}\\s+(\\d+)`).exec(toc)?.[1]);
      expect(page, title).toBeGreaterThan(2);
      // The chapter starts on the page the contents give: its title is the page's first line of text
      // (after the running header).
      const lines = pageText(pdf, page)
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean);
      expect(lines[0]).toBe('Innover ensemble en Auvergne');
      expect(lines[1]).toBe(title);
      expect(lines.at(-1)).toBe(String(page)); // the page number in the footer
    }
    // The outline: the contents, then every chapter, each at its page.
    const outline = await outlinePages(new Uint8Array(await readFile(pdf)));
    expect(outline).toEqual([...outline].sort((a, b) => a - b));
    expect(outline).toHaveLength(10);
    expect(outline.at(-1)).toBe(pages);

    // Evidence with its back reference, quotes with their speaker, French spacing.
    const all = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(all).toContain('Michelin, 20 nov. 2024');
    expect(all).toContain('— Claire Vernet');
    expect(all).toContain('consacrer une partie de leur temps');
    expect(all).toContain('L’atelier d’innovation ouverte');
    expect(all).toContain('mercredi 20 novembre 2024, 09:15–12:30');
  }, 60_000);
});

describe('HTML', () => {
  it('is one self-contained file that makes no request', async () => {
    const path = await exportTo('html', 'journal.html');
    const html = await readFile(path, 'utf8');
    const urls = [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1] ?? '');
    const external = urls.filter((url) => /^https?:/i.test(url));
    expect(external).toEqual(['https://www.uca.fr/']); // the link typed in a note
    expect(urls.filter((url) => url.startsWith('data:image/png;base64,'))).toHaveLength(2);
    expect(html).toContain(`«${NNBSP}On ne demande pas`);
    expect(html).not.toMatch(/<script/i);

    const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      const requests: string[] = [];
      await page.route('**/*', (route) => {
        const url = route.request().url();
        if (!url.startsWith('file:')) requests.push(url);
        return url.startsWith('file:') ? route.continue() : route.abort();
      });
      await page.goto(pathToFileURL(path).href, { waitUntil: 'load' });
      expect(requests).toEqual([]);
      expect(await page.locator('img').evaluateAll((imgs) => imgs.map((img) => (img as HTMLImageElement).naturalWidth))).toEqual([2000, 1200]);
      expect(await page.evaluate(() => document.fonts.check('12px "Carnet Serif"'))).toBe(true);
    } finally {
      await browser.close();
    }
  }, 60_000);
});

describe('Markdown', () => {
  it('writes a note per file with front matter, lessons quoting evidence, photos beside their notes', async () => {
    const folder = await exportTo('md', 'journal-md');
    const files = (await readdir(folder, { recursive: true })).map(String).sort();
    expect(files).toContain('index.md');
    expect(files).toContain('tags.md');
    expect(files).toContain('visites/02-michelin-pratiques-d-innovation-ouverte/1005-observation.md');
    expect(files).toContain('visites/02-michelin-pratiques-d-innovation-ouverte/atelier-000000a1.png');
    expect(files).toContain('enseignements/05-savoir-valoriser-ses-ressources.md');
    const note = await readFile(join(folder, 'visites/02-michelin-pratiques-d-innovation-ouverte/1005-observation.md'), 'utf8');
    const front = parseYaml(/^---\n([\s\S]*?)\n---/.exec(note)?.[1] ?? '') as Record<string, unknown>;
    expect(front).toMatchObject({
      visit: 'Michelin — pratiques d’innovation ouverte',
      date: '2024-11-20',
      tags: ['intrapreneuriat', 'rh'],
      lessons: ['Savoir valoriser ses ressources', 'Apprendre des autres'],
    });
    expect(note).toContain('![L’atelier d’innovation ouverte : maquettes et prototypes](atelier-000000a1.png)');
    expect(note).toContain('- ce que deviennent les porteurs');
    const quote = await readFile(join(folder, 'visites/02-michelin-pratiques-d-innovation-ouverte/1040-citation.md'), 'utf8');
    expect(quote).toContain('> — Claire Vernet');
    const lesson = await readFile(join(folder, 'enseignements/08-apprendre-des-autres.md'), 'utf8');
    expect(lesson).toContain('> Les salariés peuvent proposer des projets et **consacrer une partie de leur temps** à les développer');
    // Under the visit's heading, each item links back to its note.
    expect(lesson).toContain(
      '### [Michelin — pratiques d’innovation ouverte · 20 nov. 2024](../visites/02-michelin-pratiques-d-innovation-ouverte/00-visite.md)\n\n>',
    );
    expect(lesson).toContain('— [Observation · 10:05](../visites/02-michelin-pratiques-d-innovation-ouverte/1005-observation.md)');
    const idea = (await readdir(join(folder, 'visites/03-village-by-ca-accelerateur-de-start-ups'))).find((f) => f.includes('idee'));
    expect(await readFile(join(folder, 'visites/03-village-by-ca-accelerateur-de-start-ups', idea ?? ''), 'utf8')).toContain(
      '- [ ] en parler au comité de direction',
    );
  }, 30_000);

  it('zips the same files', async () => {
    const zip = unzipSync(new Uint8Array(await readFile(await exportTo('mdzip', 'journal.zip'))));
    expect(Object.keys(zip)).toContain('visites/02-michelin-pratiques-d-innovation-ouverte/atelier-000000a1.png');
    expect(strFromU8(zip['index.md'] ?? new Uint8Array())).toContain('# Innover ensemble en Auvergne');
  }, 30_000);
});

describe('DOCX', () => {
  it('has headings, a table of contents field, lists, quotes and images', async () => {
    const parts = unzipSync(new Uint8Array(await readFile(await exportTo('docx', 'journal.docx'))));
    const document = strFromU8(parts['word/document.xml'] ?? new Uint8Array());
    expect(document).toContain('TOC \\h \\o &quot;1-1&quot;');
    expect(document).toMatch(/<w:pStyle w:val="Heading1"\/>[\s\S]*?Michelin — pratiques d’innovation ouverte/);
    expect(document).toContain('<w:pageBreakBefore/>');
    expect(document).toContain('<w:pStyle w:val="Quote"/>');
    expect(document).toContain('<w:numPr>');
    expect(document).toContain('Michelin, 20 nov. 2024');
    expect(Object.keys(parts).filter((p) => p.startsWith('word/media/'))).toHaveLength(2);
  }, 30_000);
});

describe('journal choices', () => {
  it('by lesson only, in English, for chosen visits', async () => {
    const michelin = sample.records.visits.find((v) => v.organisation === 'Michelin');
    const html = await readFile(
      await exportTo('html', 'lessons.html', { ...OPTIONS, structure: 'lessonsOnly', language: 'en', visitIds: [michelin?.id ?? ''], tagIndex: false }),
      'utf8',
    );
    expect(html).toContain('<h1 id="contents">Contents</h1>');
    expect(html).not.toContain('class="chapter visit"');
    // The visit heads its evidence, with no chapter to link to.
    expect(html).toContain('<h3 class="visit-heading">Michelin — pratiques d’innovation ouverte · 20 Nov 2024</h3>');
    expect(html).not.toContain('Village by CA — accélérateur de start-ups ·');
    expect(html).not.toContain('id="tags"');
  }, 30_000);
});
