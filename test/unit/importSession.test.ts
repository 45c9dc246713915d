// readImportAttachment reads only images of the chosen import that are still inside its
// folder when they are read, not only when the import was planned.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createHandlers } from '../../src/main/handlers';
import { createBrowserPlatform } from '../../src/main/platform/browser';

const base = mkdtempSync(join(tmpdir(), 'carnet-attachment-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const PHOTO = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
const SECRET = new TextEncoder().encode('not for the notebook');

async function plannedVault() {
  const vault = join(base, `vault-${Math.random().toString(36).slice(2)}`);
  mkdirSync(join(vault, 'img'), { recursive: true });
  writeFileSync(join(vault, 'note.md'), '# Visite\n\n![](img/photo.png)\n');
  writeFileSync(join(vault, 'img/photo.png'), PHOTO);
  const handlers = createHandlers(createBrowserPlatform('fr-FR', { showOpenDialog: async () => [vault] }));
  const chosen = await handlers.chooseImport({ kind: 'notesFolder', timeZone: 'Europe/Paris' });
  if (!chosen.ok || !chosen.value) throw new Error('the vault was not planned');
  const [attachment] = chosen.value.plan.notes[0]?.attachments ?? [];
  if (!attachment) throw new Error('the photo was not found');
  const read = () => handlers.readImportAttachment({ importId: chosen.value!.importId, path: attachment.path });
  return { vault, photo: join(vault, 'img/photo.png'), read };
}

describe('reading an image of an import', () => {
  it('reads the image the plan found', async () => {
    const { read } = await plannedVault();
    const answer = await read();
    expect(answer.ok && [...answer.value.bytes]).toEqual([...PHOTO]);
  });

  it('refuses an image replaced, after planning, by a link to a file outside the folder', async () => {
    const { photo, read } = await plannedVault();
    const secret = join(base, 'secret.png');
    writeFileSync(secret, SECRET);
    rmSync(photo);
    symlinkSync(secret, photo);
    const answer = await read();
    expect(answer).toMatchObject({ ok: false, error: { code: 'fileUnreadable', message: 'photo.png is no longer inside the imported folder.' } });
  });

  it('refuses an image whose folder became a link to another folder', async () => {
    const { vault, read } = await plannedVault();
    const elsewhere = join(base, `elsewhere-${Math.random().toString(36).slice(2)}`);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'photo.png'), SECRET);
    rmSync(join(vault, 'img'), { recursive: true });
    symlinkSync(elsewhere, join(vault, 'img'));
    const answer = await read();
    expect(answer.ok).toBe(false);
  });

  it('still reads an image that is a link to another file inside the folder', async () => {
    const { vault, photo, read } = await plannedVault();
    writeFileSync(join(vault, 'original.png'), PHOTO);
    rmSync(photo);
    symlinkSync(join(vault, 'original.png'), photo);
    const answer = await read();
    expect(answer.ok && [...answer.value.bytes]).toEqual([...PHOTO]);
  });

  it.skipIf(process.platform === 'win32')(
    'answers at once when a FIFO took the image’s place',
    async () => {
      const { photo, read } = await plannedVault();
      rmSync(photo);
      execFileSync('mkfifo', [photo]);
      // Opened for reading without a writer, a FIFO would block the open for ever.
      const answer = await read();
      expect(answer).toMatchObject({ ok: false, error: { code: 'fileUnreadable' } });
    },
    5_000,
  );
});
