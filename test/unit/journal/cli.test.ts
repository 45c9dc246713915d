// `carnet journal` as a user runs it: the built CLI (out/main/cli.js) in plain Node.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

const CLI = resolve(__dirname, '../../../out/main/cli.js');
const SAMPLE = resolve(__dirname, '../../fixtures/sample.carnet');
const run = promisify(execFile);

async function carnet(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [CLI, ...args], { encoding: 'utf8' });
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
  const extra = { ...first, id: 'second-participant-note', author: 'Louis Martin', text: 'Vu par Louis', state: JSON.stringify({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'Les ateliers ouverts, vus par Louis.' }] }] } }), lessonIds: [], passageLessonIds: [], tags: [] };
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
});
