// Typing fidelity (issue 14): what a participant types, key after key, is exactly what
// Carnet keeps — in the editor, in the stored note after a reload, and in the Markdown
// export. Generated sessions (seeded; a failure prints its seed and steps) at three
// speeds, typed as quick-capture notes. `npm test` runs a short, fixed set;
// `npm run fuzz` (CARNET_FUZZ=1) runs many more. CARNET_TYPING_SEED replays one seed.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { launchCarnet, stopHarness } from './harness';
import { openSample } from './onboarding';
import { readStore } from './pageData';
import { editorState, expectExported, expectStateToMatch, exportedNotes, storedStates, waitSaved } from './typing/check';
import { Typist } from './typing/keyboard';
import { generateSession, type Session } from './typing/script';

afterAll(stopHarness);

const LONG = process.env['CARNET_FUZZ'] === '1';
const REPLAY = process.env['CARNET_TYPING_SEED'];
const SPEEDS = [15, 40, 120];
/** Sessions per speed, and characters per session. */
const SESSIONS = REPLAY ? 1 : LONG ? Number(process.env['CARNET_FUZZ_SESSIONS'] ?? 10) : 2;
const LENGTH = LONG ? 320 : 90;
/** A fixed base in `npm test` (deterministic); a new one at each long run, printed. */
const BASE_SEED = LONG && !REPLAY ? Math.floor(Math.random() * 1e9) : 14_000;

function seedsFor(speed: number): number[] {
  if (REPLAY) return [Number(REPLAY)];
  return Array.from({ length: SESSIONS }, (_, index) => BASE_SEED + speed * 1000 + index);
}

describe('typing fidelity', () => {
  for (const speed of SPEEDS) {
    it(`keeps exactly what is typed at ${speed} ms a key`, { timeout: 600_000 + SESSIONS * LENGTH * speed * 4 }, async () => {
      const sessions = seedsFor(speed).map((seed) => generateSession(seed, LENGTH));
      console.info(`typing fidelity at ${speed} ms a key: seeds ${sessions.map((s) => s.seed).join(', ')}`);
      const launched = await launchCarnet();
      const { page } = launched;
      await openSample(page, 'Camille');
      const typist = await Typist.on(page, speed);
      const noteIds = new Map<Session, string>();

      for (const session of sessions) {
        const before = new Set((await readStore<{ id: string }>(page, 'notes')).map((note) => note.id));
        await page.keyboard.press('Control+Shift+N');
        const editor = page.getByRole('textbox', { name: 'Texte de la note' });
        await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
        for (const step of session.steps) await typist.play(step);
        await waitSaved(page);
        expectStateToMatch(await editorState(page), session, speed, 'the editor');
        const created = (await readStore<{ id: string }>(page, 'notes')).filter((note) => !before.has(note.id));
        expect(created).toHaveLength(1);
        noteIds.set(session, created[0]!.id);
      }

      // After a reload, each stored note is what was typed; the last one, opened again,
      // shows it.
      await page.reload();
      await page.getByRole('heading', { name: 'Innover ensemble en Auvergne' }).waitFor();
      const stored = await storedStates(page);
      for (const session of sessions) expectStateToMatch(stored.get(noteIds.get(session)!) ?? '{"root":{}}', session, speed, 'the stored note');

      // The Markdown journal holds each note as typed.
      const folder = join(mkdtempSync(join(tmpdir(), 'carnet-typing-')), 'cahier');
      launched.platform.saveAnswers.push(folder);
      await launched.menu('exportJournal');
      const dialog = page.getByRole('dialog', { name: 'Exporter le cahier de voyage' });
      await dialog.getByLabel('Format').selectOption('md');
      await dialog.getByRole('button', { name: 'Exporter' }).click();
      await dialog.getByRole('status').filter({ hasText: 'Cahier exporté' }).waitFor({ timeout: 60_000 });
      const exported = exportedNotes(folder);
      for (const session of sessions) expectExported(exported, session, speed);
      await launched.close();
    });
  }
});
