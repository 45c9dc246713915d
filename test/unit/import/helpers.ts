// Shared by the import tests: the sample expedition, scratch folders, and the built CLI.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { ImportPlan } from '../../../src/shared/importPlan';
import type { Result } from '../../../src/shared/ipc';
import { planImport, type PlanOptions } from '../../../src/main/import/index';

/** The shared fixtures sit beside the repository (../shared), here and in CI. */
export const FIXTURES = resolve(__dirname, '../../fixtures/sample-expedition');

export const REPO = resolve(__dirname, '../../..');
export const CLI = join(REPO, 'out/main/cli.js');

/** A scratch folder removed after the file's tests; `write` creates files in it. */
export function scratch(): { dir: string; write(name: string, content: string | Uint8Array): string } {
  const dir = mkdtempSync(join(tmpdir(), 'carnet-import-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }), 60_000);
  return {
    dir,
    write(name, content) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      return path;
    },
  };
}

export async function planOk(path: string, options: PlanOptions = {}): Promise<ImportPlan> {
  const result = await planImport(path, { timeZone: 'Europe/Paris', ...options });
  if (!result.ok) throw new Error(`planImport failed: ${result.error.code} ${result.error.message}`);
  return result.value;
}

export async function planError(path: string, options: PlanOptions = {}): Promise<Extract<Result<ImportPlan>, { ok: false }>['error']> {
  const result = await planImport(path, { timeZone: 'Europe/Paris', ...options });
  if (result.ok) throw new Error(`planImport succeeded where it should have failed: ${path}`);
  return result.error;
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (`npm test` builds before vitest runs). */
export function runCli(...args: string[]): CliRun {
  expect(existsSync(CLI), `${CLI} is missing: run \`npx electron-vite build\` (npm test does) before these tests`).toBe(true);
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 15_000, maxBuffer: 64 * 1024 * 1024, cwd: REPO });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The documented failure: one `carnet: …` line on stderr, nothing on stdout, exit 2. */
export function expectCliRefusal(run: CliRun): void {
  expect(run.stdout).toBe('');
  expect(run.stderr).toMatch(/^carnet: [^\n]+\n$/);
  expect(run.stderr).not.toMatch(/\bat .+:\d+:\d+/); // no stack trace
  expect(run.status).toBe(2);
}

export const ERROR_CODES_OF_IMPORT = ['fileTooLarge', 'fileEmpty', 'fileBinary', 'fileUnreadable', 'badFormat'] as const;
