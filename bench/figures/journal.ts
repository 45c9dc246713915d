// Journal: 300 notes over 12 visits, 100 photos of 12 MP (10 distinct JPEGs made by a
// canvas, their 2,000 px display copies by the app's processImage; cached in $TMP). Main's
// ExportJob as the IPC handlers run it: the journal built, every photo it asks for
// received into its folder, then the format written (PDF through the CLI's Chromium
// platform). The PDF's limit: Chromium loading and printing the same journal's HTML
// without its photos, once. The size, HTML and Markdown have no limit beside them: the
// size is bytes, the same on any machine, and the issue names none for the other two.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNS } from '../options';
import { benchPage, log, ms, type Context } from '../session';
import { limitBeside, summary, type Figure } from '../stats';

const JOURNAL_NOTES = 300;
const JOURNAL_PHOTOS = 100;
const DISTINCT_PHOTOS = 10;

interface Photo {
  name: string;
  width: number;
  height: number;
  original: Buffer;
  display: Buffer;
}

async function photos(ctx: Context): Promise<Photo[]> {
  const dir = join(tmpdir(), `carnet-bench-photos-${DISTINCT_PHOTOS}-v1`);
  if (!existsSync(join(dir, 'photos.json'))) {
    log(`making ${DISTINCT_PHOTOS} photos of 12 MP with the app's image pipeline`);
    const { bench } = await benchPage(ctx);
    const made = await bench.makePhotos(DISTINCT_PHOTOS);
    mkdirSync(dir, { recursive: true });
    made.forEach((p, i) => {
      writeFileSync(join(dir, `${i}.original.jpg`), Buffer.from(p.original, 'base64'));
      writeFileSync(join(dir, `${i}.display.jpg`), Buffer.from(p.display, 'base64'));
    });
    writeFileSync(join(dir, 'photos.json'), JSON.stringify(made.map(({ name, width, height }) => ({ name, width, height }))));
  }
  const metas = JSON.parse(readFileSync(join(dir, 'photos.json'), 'utf8')) as { name: string; width: number; height: number }[];
  return metas.map((m, i) => ({ ...m, original: readFileSync(join(dir, `${i}.original.jpg`)), display: readFileSync(join(dir, `${i}.display.jpg`)) }));
}

async function journalRecords(shots: Photo[]) {
  const { createHeadlessNoteEditor } = await import('../../src/shared/editor/markdown');
  const { imageMarkdown } = await import('../../src/shared/editor/imageMarkdown');
  const { noteSeeds } = await import('../corpus');
  const { expedition, lessons, toNote, visits } = await import('../records');
  const editor = createHeadlessNoteEditor();
  const vs = visits().slice(0, 12);
  const ls = lessons();
  const seeds = noteSeeds(JOURNAL_NOTES, 23).map((s) => ({ ...s, visitIndex: s.visitIndex % vs.length }));
  const attachments = [];
  for (let i = 0; i < JOURNAL_PHOTOS; i++) {
    const seed = seeds[i * 3]!;
    const shot = shots[i % shots.length]!;
    const id = `bench-photo-${i}`;
    seed.markdown += `\n\n${imageMarkdown(id, `Atelier photographié pendant la visite, vue ${i + 1}`)}`;
    attachments.push({
      id,
      expeditionId: expedition().id,
      noteId: seed.id,
      name: shot.name,
      mime: 'image/jpeg',
      size: shot.original.length,
      width: shot.width,
      height: shot.height,
      displayMime: 'image/jpeg',
      caption: `Atelier photographié pendant la visite, vue ${i + 1}`,
      capturedAt: null,
      createdAt: seed.createdAt,
    });
  }
  const notes = seeds.map((s) =>
    toNote(
      editor,
      s,
      vs.map((v) => v.id),
      ls.map((l) => l.id),
    ),
  );
  return { records: { expedition: expedition(), visits: vs, lessons: ls, notes, attachments, settings: [] }, shots };
}

export async function journal(ctx: Context): Promise<Figure[]> {
  const { ExportJob } = await import('../../src/main/export/job');
  const { openWithChromium, closeChromiumPdf } = await import('../../src/main/platform/chromiumPdf');
  const { defaultJournalOptions } = await import('../../src/shared/journal/options');
  const { buildJournal } = await import('../../src/shared/journal/build');
  const { renderJournalHtml } = await import('../../src/shared/journal/html');
  const { journalFontCss } = await import('../../src/main/export/fonts');
  const { PDF_MARGINS_MM } = await import('../../src/main/export/pdf');
  const shots = await photos(ctx);
  const { records } = await journalRecords(shots);
  const options = defaultJournalOptions(records, 'fr');
  const outDir = mkdtempSync(join(tmpdir(), 'carnet-bench-journal-'));
  const platform = { openForPrinting: openWithChromium, appVersion: 'bench' };

  const exportOnce = async (format: 'pdf' | 'html' | 'md', out: string) => {
    const t0 = performance.now();
    const job = await ExportJob.create(records, options, format, out);
    for (const wanted of job.wanted) {
      const shot = shots[Number(wanted.attachmentId.split('-').at(-1)) % shots.length]!;
      await job.addAttachment(wanted.attachmentId, wanted.variant, wanted.variant === 'display' ? shot.display : shot.original);
    }
    const t1 = performance.now();
    await job.run(platform);
    const t2 = performance.now();
    await job.dispose();
    return { receiveMs: t1 - t0, writeMs: t2 - t1, totalMs: t2 - t0, photos: job.wanted.length };
  };
  const sizeOf = (path: string): number => {
    const info = statSync(path);
    if (info.isFile()) return info.size;
    return readdirSync(path).reduce((sum, name) => sum + sizeOf(join(path, name)), 0);
  };

  // The limit: Chromium printing the same journal's HTML without its photos, once.
  const fontCss = await journalFontCss();
  const bare = buildJournal(records, { ...options, photos: false });
  const bareHtml = join(outDir, 'bare.html');
  await writeFile(bareHtml, renderJournalHtml(bare, { imageSrc: () => '', photos: 'files', fontCss }));
  const header = `<div style="font-size:9pt;width:100%;text-align:right;padding:0 20mm">${records.expedition.title}</div>`;
  const footer = '<div style="font-size:9pt;width:100%;text-align:center"><span class="pageNumber"></span></div>';
  const printBare = async () => {
    const page = await openWithChromium(bareHtml);
    await page.print({ margins: PDF_MARGINS_MM, final: { headerTemplate: header, footerTemplate: footer } });
    await page.close();
  };
  await printBare(); // warm the printing browser

  const pdf: number[] = [];
  const pdfMB: number[] = [];
  const limit: number[] = [];
  const pdfPhases = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await printBare();
    limit.push(performance.now() - t0);
    const out = join(outDir, `journal-${i}.pdf`);
    const run = await exportOnce('pdf', out);
    pdf.push(run.totalMs);
    pdfMB.push(statSync(out).size / 1e6);
    pdfPhases.push({ receivePhotosMs: ms(run.receiveMs), buildAndPrintMs: ms(run.writeMs), photos: run.photos });
    log(`pdf run ${i + 1}: ${JSON.stringify(pdfPhases.at(-1))}, ${pdfMB.at(-1)!.toFixed(1)} MB`);
    rmSync(out, { force: true });
  }
  const html: number[] = [];
  const md: number[] = [];
  const other = [];
  for (let i = 0; i < RUNS; i++) {
    const h = await exportOnce('html', join(outDir, `journal-${i}.html`));
    const m = await exportOnce('md', join(outDir, `journal-${i}`));
    html.push(h.writeMs);
    md.push(m.writeMs);
    other.push({
      html: { receivePhotosMs: ms(h.receiveMs), writeMs: ms(h.writeMs), MB: sizeOf(join(outDir, `journal-${i}.html`)) / 1e6 },
      md: { receivePhotosMs: ms(m.receiveMs), writeMs: ms(m.writeMs), MB: sizeOf(join(outDir, `journal-${i}`)) / 1e6 },
    });
  }
  await closeChromiumPdf();
  rmSync(outDir, { recursive: true, force: true });
  const pdfValue = summary(pdf);
  const limitValue = summary(limit);
  const size = summary(pdfMB);
  const htmlValue = summary(html);
  const mdValue = summary(md);
  const what = `${JOURNAL_NOTES} notes + ${JOURNAL_PHOTOS} photos of 12 MP`;
  return [
    {
      id: 'journalPdf',
      label: `journal of ${what} → PDF`,
      unit: 's',
      target: '≤ 10 s',
      pass: pdfValue.median <= 10_000,
      value: pdfValue,
      limit: limitBeside(pdfValue, { label: 'Chromium printing the HTML without images, once', value: limitValue, at: 'median', kind: 'times', bound: 2.5 }),
      detail: {
        phases: pdfPhases,
        note: 'main-side job: journal built, photos received into the job folder, two print passes (TOC page numbers); the renderer gathering records is not included',
      },
    },
    { id: 'journalPdfSize', label: 'journal PDF size', unit: 'MB', target: '≤ 50 MB', pass: size.median <= 50, value: size },
    {
      id: 'journalHtml',
      label: 'same journal → HTML (one file, photos inlined)',
      unit: 's',
      target: '≤ 2 s + image copy',
      pass: htmlValue.median <= 2000,
      value: htmlValue,
      detail: { runs: other, note: 'writing only; receiving the photos into the job folder (the image copy) is in receivePhotosMs' },
    },
    { id: 'journalMd', label: 'same journal → Markdown folder', unit: 's', target: '≤ 2 s + image copy', pass: mdValue.median <= 2000, value: mdValue },
  ];
}
