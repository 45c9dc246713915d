// `carnet journal` as a user runs it: the built CLI (out/main/cli.js) in plain Node.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { writeBackup } from '../../../src/main/backup/write';
import { AttachmentStore } from '../../../src/main/export/attachments';
import { NNBSP } from '../../../src/shared/text/typography';
import { GROUP_SYNTHESES, participantRecords } from '../../fixtures/threeParticipants';
import { backupWithPhotos, craftBackup } from './craftBackup';

const CLI = resolve(__dirname, '../../../out/main/cli.js');
const SAMPLE = resolve(__dirname, '../../fixtures/sample.carnet');
const run = promisify(execFile);

async function carnet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return carnetRun({}, ...args);
}

/** The CLI with more environment variables (TMPDIR: where it makes its temporary folders). */
async function carnetIn(env: Record<string, string>, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return carnetRun({ env }, ...args);
}

/** The CLI under Node options (a memory cap, a report of its peak memory). */
async function carnetWith(nodeOptions: string[], ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return carnetRun({ nodeOptions }, ...args);
}

async function carnetRun(
  { env = {}, nodeOptions = [], cwd }: { env?: Record<string, string>; nodeOptions?: string[]; cwd?: string },
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [...nodeOptions, CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A second participant's backup of the same expedition: another author, one note more. */
function secondParticipant(): Uint8Array {
  const files = unzipSync(new Uint8Array(readFileSync(SAMPLE)));
  const notes = JSON.parse(new TextDecoder().decode(files['notes.json'])) as Record<string, unknown>[];
  const first = notes[0] ?? {};
  const extra = {
    ...first,
    id: 'second-participant-note',
    author: 'Louis Martin',
    text: 'Vu par Louis',
    state: JSON.stringify({
      root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Les ateliers ouverts, vus par Louis.' }] }] },
    }),
    lessonIds: [],
    passageLessonIds: [],
    tags: [],
  };
  const bytes = strToU8(JSON.stringify([...notes, extra]));
  const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as { files: { path: string; size: number; sha256: string }[] };
  const entry = manifest.files.find((f) => f.path === 'notes.json');
  if (entry) Object.assign(entry, { size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
  return zipSync({ ...files, 'notes.json': bytes, 'manifest.json': strToU8(JSON.stringify(manifest)) });
}

describe.skipIf(!existsSync(CLI))('carnet journal', () => {
  it('writes a collective journal from two backups, each note with its author', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-'));
    const second = join(dir, 'louis.carnet');
    await import('node:fs/promises').then((fs) => fs.writeFile(second, secondParticipant()));
    const out = join(dir, 'collectif.html');
    const result = await carnet('journal', SAMPLE, second, '--format', 'html', '--out', out, '--lang', 'en');
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.trim()).toBe(out);
    const html = await readFile(out, 'utf8');
    expect(html).toContain('Authors: Camille Durand, Louis Martin');
    expect(html).toContain('Observation · 10:05 · Louis Martin');
    expect(html).toContain('Les ateliers ouverts, vus par Louis.');
  }, 30_000);

  it('writes the expedition’s book from three participants’ backups, the newest group synthesis of each lesson', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-book-'));
    const store = new AttachmentStore(dir);
    const backups: string[] = [];
    for (const who of ['camille', 'louis', 'ines'] as const) {
      const records = participantRecords(who);
      // Louis rewrote the first lesson's synthesis last; Inès's backup is older and has none.
      if (who === 'louis')
        records.groupSyntheses = [
          { ...GROUP_SYNTHESES[0]!, state: GROUP_SYNTHESES[0]!.state.replace('partagée', 'partagée avec le territoire'), updatedAt: 1e13 },
        ];
      if (who === 'ines') delete records.groupSyntheses;
      const path = join(dir, `${who}.carnet`);
      await writeBackup({ records, store, appVersion: 'test' }, path, new AbortController().signal);
      backups.push(path);
    }
    const out = join(dir, 'livre.html');
    const result = await carnet('journal', ...backups, '--collective', '--format', 'html', '--out', out);
    expect(result).toMatchObject({ code: 0, stderr: '', stdout: `${out}\n` });
    const html = (await readFile(out, 'utf8')).replaceAll(NNBSP, ' ');
    expect(html).toContain('<section class="chapter executive-summary" id="summary">');
    expect(html).toContain('Chez Michelin, le temps donné aux salariés est une ressource partagée avec le territoire.');
    expect(html).toContain('L’université agit comme un acteur de son territoire.');
    expect(html).toContain(
      '<p class="quote-speaker">— Claire Vernet</p><p class="reference"><a href="#note-n-camille-quote">Michelin, 20 nov. 2024</a> · Camille Durand, Louis Martin</p>',
    );
    expect(html).toContain('<span class="label">Contributeurs : </span>Camille Durand, Inès Morel, Louis Martin');

    const md = join(dir, 'livre');
    expect(await carnet('journal', ...backups, '--collective', '--format', 'md', '--out', md)).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(join(md, 'synthese-generale.md'), 'utf8')).toContain('· Camille Durand, Inès Morel');
    const bad = await carnet('journal', ...backups, '--collective=oui', '--format', 'html', '--out', join(dir, 'x.html'));
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toMatch(/^carnet: [^\n]+\n$/);
  }, 60_000);

  it('answers bad input with one line on stderr and exit code 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-'));
    for (const args of [
      ['journal', join(dir, 'missing.carnet'), '--format', 'pdf', '--out', join(dir, 'x.pdf')],
      ['journal', SAMPLE, '--format', 'odt', '--out', join(dir, 'x.odt')],
      ['journal', SAMPLE, '--format', 'pdf'],
      ['journal', __filename, '--format', 'pdf', '--out', join(dir, 'x.pdf')],
      ['journal', SAMPLE, '--format', 'pdf', '--out', join(dir, 'no/such/folder/x.pdf')],
    ]) {
      const result = await carnet(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^carnet: [^\n]+\n$/);
    }
  }, 30_000);

  it('refuses a folder as the path of a journal file, and writes nothing beside it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-out-'));
    await mkdir(join(dir, 'folder'));
    for (const [format, out] of [
      ['html', join(dir, 'folder')],
      ['docx', '.'],
      ['pdf', '..'],
      ['md', join(dir, 'folder', 'journal.zip')],
    ] as const) {
      if (format === 'md') await mkdir(join(dir, 'folder', 'journal.zip'));
      const result = await carnetRun({ cwd: join(dir, 'folder') }, 'journal', SAMPLE, '--format', format, '--out', out);
      expect(result.code, `${format} ${out}`).toBe(2);
      expect(result.stderr).toBe(`carnet: ${out} is a folder: this journal is written to a file\n`);
    }
    expect((await readdir(dir, { recursive: true })).map(String).sort()).toEqual(['folder', 'folder/journal.zip']);
  }, 60_000);

  it('writes a Markdown journal only into a new or empty folder, never over files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-md-'));
    const folder = join(dir, 'notes');
    await mkdir(join(folder, 'sub'), { recursive: true });
    await writeFile(join(folder, 'keep.txt'), 'mine');
    await writeFile(join(folder, 'sub', 'also.txt'), 'mine too');
    await writeFile(join(dir, 'file.md'), 'a file');
    for (const out of [folder, join(dir, 'file.md')]) {
      const result = await carnet('journal', SAMPLE, '--format', 'md', '--out', out);
      expect(result.code, out).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe(
        `carnet: ${out} is not an empty folder: a Markdown journal goes to a new or empty folder, so that nothing there is overwritten\n`,
      );
    }
    expect((await readdir(folder, { recursive: true })).map(String).sort()).toEqual(['keep.txt', 'sub', 'sub/also.txt']);
    expect(await readFile(join(folder, 'keep.txt'), 'utf8')).toBe('mine');
    expect(await readFile(join(dir, 'file.md'), 'utf8')).toBe('a file');
    // An empty folder is taken.
    await mkdir(join(dir, 'empty'));
    expect(await carnet('journal', SAMPLE, '--format', 'md', '--out', join(dir, 'empty'))).toMatchObject({ code: 0, stderr: '' });
    expect(await readdir(join(dir, 'empty'))).toContain('index.md');
    expect((await readdir(dir)).sort()).toEqual(['empty', 'file.md', 'notes']);
  }, 60_000);

  it('answers crafted records with one true line and exit code 2, and leaves no temporary folder', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-'));
    const temporary = await mkdtemp(join(tmpdir(), 'carnet-cli-tmp-'));
    const deep = `{"root":${'{"type":"paragraph","children":['.repeat(25_000)}${']}'.repeat(25_000)}}`;
    const cases: [string, Uint8Array, RegExp][] = [
      [
        'deep',
        craftBackup((records) => void (records.notes[1]!.state = deep)),
        /notes\.json holds invalid records: a document nested more than 400 levels deep \(at \[1\]\.state\)/,
      ],
      [
        'epoch',
        craftBackup((records) => void (records.notes[2]!.createdAt = 1e300)),
        /notes\.json holds invalid records: a time out of range \(at \[2\]\.createdAt\)/,
      ],
      [
        'zone',
        craftBackup((records) => void (records.expedition.timeZone = 'Mars/Olympus_Mons')),
        /expedition\.json holds invalid records: an unknown time zone \(at timeZone\)/,
      ],
    ];
    for (const [name, bytes, reason] of cases) {
      const backup = join(dir, `${name}.carnet`);
      await writeFile(backup, bytes);
      for (const args of [
        ['journal', backup, '--format', 'html', '--out', join(dir, `${name}.html`)],
        ['inspect', backup],
      ]) {
        const result = await carnetIn({ TMPDIR: temporary }, ...args);
        expect(result.code, `${args[0]} ${name}`).toBe(2);
        expect(result.stdout).toBe('');
        expect(result.stderr).toMatch(/^carnet: [^\n]+\n$/);
        expect(result.stderr).toMatch(reason);
      }
    }
    expect(await readdir(temporary)).toEqual([]);
    expect((await readdir(dir)).sort()).toEqual(['deep.carnet', 'epoch.carnet', 'zone.carnet']);
  }, 60_000);

  /** The CLI's peak resident memory (KB) for a journal of `backup` as Markdown. */
  async function peakMemoryOfJournal(dir: string, backup: string): Promise<number> {
    const report = join(dir, 'usage.json');
    const out = join(dir, 'journal');
    await rm(out, { recursive: true, force: true });
    const preload = ['--import', resolve(__dirname, '../fuzz/resourceUsage.mjs')];
    process.env['CARNET_USAGE_FILE'] = report;
    const result = await carnetWith(preload, 'journal', backup, '--format', 'md', '--out', out);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    return (JSON.parse(await readFile(report, 'utf8')) as { maxRssKb: number }).maxRssKb;
  }

  it('checks and reads a backup’s photos one at a time, not all at once', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-'));
    try {
      const backup = join(dir, 'photos.carnet');
      // 48 photos of 4 MB that do not compress: 192 MB, besides the sample's two.
      await writeFile(backup, backupWithPhotos(48, new Uint8Array(randomBytes(4 * 1024 * 1024))));
      const alone = await peakMemoryOfJournal(dir, SAMPLE);
      const withPhotos = await peakMemoryOfJournal(dir, backup);
      // Before: all 192 MB held at once (+170-190 MB here); now +25-45 MB.
      expect(withPhotos - alone).toBeLessThan(96 * 1024);
      // The two photos the notes show were read when the journal asked for them.
      const visits = join(dir, 'journal', 'visites');
      const images = (await Promise.all((await readdir(visits)).map((visit) => readdir(join(visits, visit))))).flat().filter((name) => name.endsWith('.png'));
      expect(images.sort()).toEqual(['atelier-000000a1.png', 'campus-000000a2.png']);
    } finally {
      delete process.env['CARNET_USAGE_FILE'];
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses at once a small backup whose entries share their bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-cli-'));
    const bomb = join(dir, 'shared.carnet');
    // 1,400 names for one deflated megabyte: 130 KB that held 1.9 GB for 18-28 s before.
    await writeFile(bomb, backupWithPhotos(1_400, new Uint8Array(1024 * 1024), { deflate: true, shared: true }));
    for (const args of [
      ['inspect', bomb],
      ['journal', bomb, '--format', 'md', '--out', join(dir, 'out')],
    ]) {
      const started = performance.now();
      const result = await carnet(...args);
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^carnet: \S*shared\.carnet: .*zip bomb/);
    }
    await rm(dir, { recursive: true, force: true });
  }, 60_000);
});
