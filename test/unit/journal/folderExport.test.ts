// A Markdown journal is a folder: it goes only where nothing is, and never deletes what
// Carnet did not write. The app's save dialog then proposes a new folder name.
import { mkdir, mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FolderNotEmptyError, writeFolderAtomic } from '../../../src/main/atomicFiles';
import { createHandlers } from '../../../src/main/handlers';
import type { SaveDialogOptions } from '../../../src/main/platform/types';
import { defaultJournalOptions } from '../../../src/shared/journal/options';
import { createBrowserPlatform } from '../../../src/main/platform/browser';
import { sampleRecords } from './craftBackup';

/** A folder that holds someone's files. */
async function folderOfFiles(dir: string, name: string): Promise<string> {
  const folder = join(dir, name);
  await mkdir(join(folder, 'sub'), { recursive: true });
  await writeFile(join(folder, 'keep.txt'), 'mine');
  await writeFile(join(folder, 'sub', 'also.txt'), 'mine too');
  return folder;
}

async function expectUntouched(folder: string): Promise<void> {
  expect((await readdir(folder, { recursive: true })).map(String).sort()).toEqual(['keep.txt', 'sub', 'sub/also.txt']);
  expect(await readFile(join(folder, 'keep.txt'), 'utf8')).toBe('mine');
}

describe('a Markdown journal folder', () => {
  it('is proposed under a new name by the save dialog when the chosen folder holds files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-md-dialog-'));
    const chosen = await folderOfFiles(dir, 'journal');
    await folderOfFiles(dir, 'journal-2');
    await mkdir(join(dir, 'journal-3')); // empty: free
    const dialogs: SaveDialogOptions[] = [];
    const handlers = createHandlers(
      createBrowserPlatform('fr-FR', {
        showSaveDialog: async (options) => {
          dialogs.push(options);
          // The user first picks the folder of files, then accepts what is proposed.
          return dialogs.length === 1 ? chosen : options.defaultName;
        },
      }),
    );
    const records = sampleRecords();
    const begin = () =>
      handlers.exportBegin({ records, options: { ...defaultJournalOptions(records, 'fr'), photos: false }, format: 'md', suggestedName: 'journal' });

    const begun = await begin();
    if (!begun.ok || !begun.value) throw new Error(JSON.stringify(begun));
    expect(dialogs).toHaveLength(2);
    expect(dialogs[1]).toEqual({
      defaultName: join(dir, 'journal-3'),
      filters: [],
      title: 'Ce dossier n’est pas vide',
      message: '« journal » contient déjà des fichiers et Carnet n’écrit jamais par-dessus : voici un nouveau dossier.',
    });
    expect(begun.value.path).toBe(join(dir, 'journal-3'));
    expect(await handlers.exportFinish({ jobId: begun.value.jobId })).toEqual({ ok: true, value: { path: join(dir, 'journal-3') } });
    expect(await readdir(join(dir, 'journal-3'))).toContain('index.md');
    await expectUntouched(chosen);
    await expectUntouched(join(dir, 'journal-2'));

    // In the language the user chose; and cancelling the second dialog writes nothing.
    dialogs.length = 0;
    const again = createHandlers(
      createBrowserPlatform('fr-FR', {
        showSaveDialog: async (options) => {
          dialogs.push(options);
          return dialogs.length === 1 ? chosen : null;
        },
      }),
    );
    await again.setMenuLanguage({ locale: 'en' });
    expect(await again.exportBegin({ records, options: defaultJournalOptions(records, 'fr'), format: 'md', suggestedName: 'journal' })).toEqual({
      ok: true,
      value: null,
    });
    expect(dialogs[1]?.title).toBe('This folder is not empty');
    expect(dialogs[1]?.defaultName).toBe(join(dir, 'journal-4'));
    expect((await readdir(dir)).sort()).toEqual(['journal', 'journal-2', 'journal-3']);
  }, 30_000);

  it('is refused with its own error when files appear where it was to go before it is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-md-finish-'));
    const target = join(dir, 'journal');
    const records = sampleRecords();
    const handlers = createHandlers(createBrowserPlatform('fr-FR', { showSaveDialog: async () => target }));
    const begun = await handlers.exportBegin({ records, options: defaultJournalOptions(records, 'fr'), format: 'md', suggestedName: 'journal' });
    if (!begun.ok || !begun.value) throw new Error(JSON.stringify(begun));
    await folderOfFiles(dir, 'journal');
    expect(await handlers.exportFinish({ jobId: begun.value.jobId })).toEqual({
      ok: false,
      error: { code: 'folderNotEmpty', message: 'The chosen folder is not empty: nothing was written.', detail: { name: 'journal' } },
    });
    await expectUntouched(target);
    expect(await readdir(dir)).toEqual(['journal']);
  });

  it('is refused, whole, when a file arrives in the folder while it is written', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'carnet-md-race-'));
    const target = join(dir, 'journal');
    await mkdir(target);
    const writing = writeFolderAtomic(target, async (folder) => {
      await mkdir(folder);
      await writeFile(join(folder, 'index.md'), '# Journal');
      await writeFile(join(target, 'arrived.txt'), 'someone else’s'); // meanwhile
    });
    await expect(writing).rejects.toBeInstanceOf(FolderNotEmptyError);
    expect(await readdir(dir)).toEqual(['journal']);
    expect(await readdir(target)).toEqual(['arrived.txt']);
  });
});
