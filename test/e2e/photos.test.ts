// Photos in notes, in real Chromium: pasted, dropped and picked through main's dialog;
// stored once with their EXIF time and, when large, a display copy; still there after a
// reload and a browser restart; and refused — with nothing stored — when too large, not
// an image, or damaged.
import { mkdirSync, mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { withExif } from '../fixtures/images/exif';
import { launchCarnet, stopHarness, type CarnetSession } from './harness';
import { openSample } from './onboarding';
import { drawnImage, dropFile, pasteFile, readStore, storedAttachments } from './pageData';

const SHOTS = resolve(__dirname, '../../test-results');
mkdirSync(SHOTS, { recursive: true });
const FILES = mkdtempSync(join(tmpdir(), 'carnet-photos-'));

afterAll(stopHarness);

/** The note's stored Lexical state, by the text of its first line. */
async function storedNoteState(page: Page, firstLine: string): Promise<string> {
  const notes = await readStore<{ id: string; text: string }>(page, 'notes');
  const id = notes.find((note) => note.text.startsWith(firstLine))?.id;
  const states = await readStore<{ id: string; state: string }>(page, 'noteStates');
  return states.find((record) => record.id === id)?.state ?? '';
}

async function openNewNote(session: CarnetSession, firstLine: string): Promise<void> {
  const { page } = session;
  await openSample(page, 'Camille Dupont');
  await page.getByRole('button', { name: /Michelin — pratiques/ }).click();
  await page.getByRole('button', { name: 'Nouvelle note' }).click();
  const editor = page.getByRole('textbox', { name: 'Texte de la note' });
  await expect.poll(() => editor.evaluate((el) => el === document.activeElement)).toBe(true);
  await page.keyboard.type(firstLine);
  await page.keyboard.press('Enter');
}

async function waitSaved(page: Page): Promise<void> {
  await page.getByRole('status').filter({ hasText: 'Enregistré' }).waitFor();
  await page.waitForTimeout(1100);
}

const editorImages = (page: Page) => page.locator('.editor-input img');

describe('photos in notes', () => {
  it('pastes a photo: shown inline, stored once with its EXIF time, captioned, kept across reloads and restarts', async () => {
    let session = await launchCarnet({ locale: 'fr-FR' });
    const { page, profileDir } = session;
    await openNewNote(session, 'Visite de l’atelier');

    // Taken at 15:10 in Clermont (no offset in the file: read in the expedition's zone),
    // that is during the Village by CA visit, while the note is on Michelin's.
    const jpeg = withExif(await drawnImage(page, 'image/jpeg', 640, 480), { dateTimeOriginal: '2024:11:20 15:10:00' });
    await pasteFile(page, jpeg, 'atelier.jpg', 'image/jpeg');

    const photo = page.getByRole('img', { name: 'Photo' });
    await photo.waitFor();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    await expect.poll(() => photo.getAttribute('src')).toMatch(/^blob:/);
    await page.getByText('Prise pendant « Village by CA — accélérateur de start-ups »').waitFor();

    const [stored, ...others] = await storedAttachments(page);
    expect(others).toEqual([]);
    expect(stored).toMatchObject({
      name: 'atelier.jpg',
      mime: 'image/jpeg',
      size: jpeg.length,
      blobSize: jpeg.length,
      blobHead: [0xff, 0xd8, 0xff, 0xe1],
      width: 640,
      height: 480,
      display: null,
      capturedAt: Date.UTC(2024, 10, 20, 14, 10),
    });

    // The caret is on the line after the photo: typing goes on there.
    await page.keyboard.type('Suite du texte');
    await page.getByRole('textbox', { name: 'Légende de la photo' }).fill('Le hall d’essai des pneus');
    await page.getByRole('img', { name: 'Le hall d’essai des pneus' }).waitFor();
    await waitSaved(page);
    const state = await storedNoteState(page, 'Visite de l’atelier');
    expect(JSON.parse(state).root.children.map((c: { type: string }) => c.type)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(JSON.parse(state).root.children[1]).toMatchObject({
      type: 'image',
      attachmentId: stored?.id,
      caption: 'Le hall d’essai des pneus',
      width: 640,
      height: 480,
    });
    await expect.poll(async () => (await storedAttachments(page))[0]?.caption).toBe('Le hall d’essai des pneus');
    await page.screenshot({ path: resolve(SHOTS, 'photos-fr.png') });

    await page.reload();
    const afterReload = page.getByRole('img', { name: 'Le hall d’essai des pneus' });
    await afterReload.waitFor();
    await expect.poll(() => afterReload.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    await session.close();

    session = await launchCarnet({ profileDir, locale: 'fr-FR' });
    const restarted = session.page.getByRole('img', { name: 'Le hall d’essai des pneus' });
    await restarted.waitFor();
    await expect.poll(() => restarted.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(640);
    await expect.poll(() => session.page.getByRole('textbox', { name: 'Texte de la note' }).innerText()).toMatch(/Visite de l’atelier[\s\S]*Suite du texte/);
    expect(await storedAttachments(session.page)).toHaveLength(1);
    await session.close();
  });

  it('keeps a large photo whole and shows a 2,000 px copy; drops, picks through main, selects and deletes', async () => {
    const session = await launchCarnet({ locale: 'fr-FR' });
    const { page, platform } = session;
    await openNewNote(session, 'Grandes photos');

    const large = await drawnImage(page, 'image/png', 3000, 1500);
    await pasteFile(page, large, 'panorama.png', 'image/png');
    await expect.poll(() => editorImages(page).count()).toBe(1);
    const panorama = (await storedAttachments(page))[0];
    expect(panorama).toMatchObject({
      name: 'panorama.png',
      mime: 'image/png',
      width: 3000,
      height: 1500,
      blobSize: large.length,
      blobHead: [0x89, 0x50, 0x4e, 0x47],
      // Opaque, so the copy is a JPEG.
      display: { width: 2000, height: 1000, head: [0xff, 0xd8, 0xff, 0xe0] },
    });
    // What is shown is the display copy.
    await expect
      .poll(() =>
        editorImages(page)
          .first()
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(2000);

    // Dropped onto the editor.
    await dropFile(page, await drawnImage(page, 'image/jpeg', 320, 240), 'glissée.jpg', 'image/jpeg');
    await expect.poll(() => editorImages(page).count()).toBe(2);

    // Picked in main's dialog: main reads the file, the renderer stores it.
    const picked = join(FILES, 'choisie.jpg');
    writeFileSync(picked, withExif(await drawnImage(page, 'image/jpeg', 800, 600), { dateTimeOriginal: '2024:11:20 10:00:00', offsetTimeOriginal: '+01:00' }));
    platform.dialogAnswers.push([picked]);
    await page.getByRole('button', { name: 'Insérer une photo' }).click();
    await expect.poll(() => editorImages(page).count()).toBe(3);
    const byName = Object.fromEntries((await storedAttachments(page)).map((a) => [a.name, a]));
    expect(byName['choisie.jpg']).toMatchObject({ width: 800, height: 600, display: null, capturedAt: Date.UTC(2024, 10, 20, 9, 0) });
    expect(byName['glissée.jpg']).toMatchObject({ width: 320, height: 240, capturedAt: null });
    // Taken during Michelin, the note's own visit: no hint.
    await expect.poll(() => page.locator('.image-hint').count()).toBe(0);

    // Cancelling the dialog adds nothing and says nothing.
    await page.getByRole('button', { name: 'Insérer une photo' }).click();
    await page.waitForTimeout(300);
    expect(await editorImages(page).count()).toBe(3);
    expect(await page.getByRole('alert').count()).toBe(0);

    // Click selects a photo; Delete removes it from the note; undo brings it back.
    await editorImages(page).nth(1).click();
    await expect.poll(() => page.locator('.image-figure.is-selected').count()).toBe(1);
    await page.keyboard.press('Delete');
    await expect.poll(() => editorImages(page).count()).toBe(2);
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorImages(page).count()).toBe(3);
    await editorImages(page).nth(0).click();
    await page.keyboard.press('Backspace');
    await expect.poll(() => editorImages(page).count()).toBe(2);
    await waitSaved(page);
    await page.screenshot({ path: resolve(SHOTS, 'photos-large-fr.png'), fullPage: true });
    await session.close();
  });

  it('refuses a file over 50 MB, a text file named .jpg and a damaged JPEG, storing nothing', async () => {
    const session = await launchCarnet({ locale: 'fr-FR' });
    const { page, platform } = session;
    await openNewNote(session, 'Fichiers refusés');
    await page.keyboard.type('Texte intact');
    await waitSaved(page);
    const before = await storedNoteState(page, 'Fichiers refusés');
    expect(before).toContain('Texte intact');

    const huge = join(FILES, 'énorme.jpg');
    writeFileSync(huge, Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]));
    truncateSync(huge, 51 * 1024 * 1024); // sparse: no disk used, nothing read
    const text = join(FILES, 'compte-rendu.jpg');
    writeFileSync(text, 'Compte rendu de la visite, pas une photo.\n');
    const damaged = join(FILES, 'abîmée.jpg');
    writeFileSync(damaged, Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]), Buffer.from('JFIF'.repeat(200))]));

    const alert = page.getByRole('alert');
    const cases: [string, RegExp][] = [
      [huge, /« énorme\.jpg » dépasse 50 Mo, la taille maximale d’une photo : rien n’a été ajouté\./],
      [text, /« compte-rendu\.jpg » n’est pas une image \(JPEG, PNG, GIF, WebP ou AVIF\) : rien n’a été ajouté\./],
      [damaged, /« abîmée\.jpg » est endommagée ou incomplète et ne peut pas être affichée : rien n’a été ajouté\./],
    ];
    for (const [path, message] of cases) {
      platform.dialogAnswers.push([path]);
      await page.getByRole('button', { name: 'Insérer une photo' }).click();
      await expect.poll(() => alert.innerText()).toMatch(message);
    }
    // The same checks hold for a pasted file.
    await pasteFile(page, new TextEncoder().encode('pas une image'), 'notes.png', 'image/png');
    await expect.poll(() => alert.innerText()).toMatch(/« notes\.png » n’est pas une image/);
    await page.screenshot({ path: resolve(SHOTS, 'photos-refused-fr.png') });

    await page.waitForTimeout(1500);
    expect(await storedAttachments(page)).toEqual([]);
    expect(await editorImages(page).count()).toBe(0);
    expect(await storedNoteState(page, 'Fichiers refusés')).toBe(before);

    await alert.getByRole('button', { name: 'Fermer' }).click();
    await expect.poll(() => alert.count()).toBe(0);
    await session.close();
  });
});
