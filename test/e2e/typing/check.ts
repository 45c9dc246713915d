// The three places a typed note must come back exactly as typed: the editor, the stored
// note (after a reload), and the Markdown export.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { splitFrontMatter } from '../../../src/main/import/notesMarkdown';
import { markdownToNote } from '../../../src/shared/editor/markdown';
import { readStore } from '../pageData';
import { blocksOfState, hashtagProblems, type ReadBlock } from './readState';
import { describeStep, type ExpectedBlock, type Session } from './script';

/** The open note's editor state, as JSON. */
export function editorState(page: Page): Promise<string> {
  return page.evaluate(() => {
    const input = document.querySelector('.editor-input') as (Element & { __lexicalEditor?: { getEditorState(): { toJSON(): unknown } } }) | null;
    const editor = input?.__lexicalEditor;
    if (!editor) throw new Error('no editor on screen');
    return JSON.stringify(editor.getEditorState().toJSON());
  });
}

/** Waits until the open note says it is saved. */
export async function waitSaved(page: Page): Promise<void> {
  await page.locator('.note-pane .save-status.save-saved').waitFor({ timeout: 10_000 });
}

function report(session: Session, speed: number, where: string, detail: string): string {
  return [
    `Typing fidelity: ${where} differs from what was typed.`,
    `Replay with CARNET_TYPING_SEED=${session.seed} (speed ${speed} ms a key).`,
    detail,
    'Steps:',
    ...session.steps.map((step, index) => `  ${index + 1}. ${describeStep(step)}`),
  ].join('\n');
}

/** Holds a state to what the session meant: blocks, text, bold, and every tag shown. */
export function expectStateToMatch(stateJson: string, session: Session, speed: number, where: string): void {
  const actual = blocksOfState(stateJson);
  const problems = hashtagProblems(stateJson);
  const same = JSON.stringify(actual) === JSON.stringify(session.expected);
  if (!same || problems.length > 0) {
    const detail = [
      `expected: ${JSON.stringify(session.expected, null, 1)}`,
      `actual:   ${JSON.stringify(actual, null, 1)}`,
      ...problems.map((problem) => `hashtag: ${problem}`),
    ].join('\n');
    expect.fail(report(session, speed, where, detail));
  }
}

/** The stored document of each note, by id, as read from IndexedDB. */
export async function storedStates(page: Page): Promise<Map<string, string>> {
  const rows = await readStore<{ id: string; state: string }>(page, 'noteStates');
  return new Map(rows.map((row) => [row.id, row.state]));
}

/** The text lines a note's blocks show, as Markdown can hold them: a line's leading and
 *  trailing spaces are not kept. */
function lines(blocks: readonly (ExpectedBlock | ReadBlock)[]): string[] {
  return blocks
    .flatMap((block) => block.text.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Every note file of a Markdown journal folder, read back as Carnet imports it. */
export function exportedNotes(folder: string): string[][] {
  const found: string[][] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.md')) {
        const { fields, body } = splitFrontMatter(readFileSync(path, 'utf8'));
        if (!('kind' in fields)) continue; // the index, lessons, tags
        found.push(lines(blocksOfState(markdownToNote(body).state)));
      }
    }
  };
  walk(folder);
  return found;
}

export function expectExported(exported: readonly string[][], session: Session, speed: number): void {
  const wanted = lines(session.expected);
  if (wanted.length === 0) return; // an empty note has nothing to export
  if (!exported.some((note) => JSON.stringify(note) === JSON.stringify(wanted))) {
    const near = exported.find((note) => note[0] === wanted[0]);
    expect.fail(
      report(session, speed, 'the Markdown export', `expected lines: ${JSON.stringify(wanted, null, 1)}\nexported: ${JSON.stringify(near ?? null, null, 1)}`),
    );
  }
}
