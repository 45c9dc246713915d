// Sharing an expedition live (issue 17), as three people do it: an organiser shares the
// sample expedition with a sync server on loopback and invites two participants, who
// join with the invitation's code; each types a note key by key, one of them offline;
// all three end with the same notes, the same authors and the same lesson links.
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { stopHarness, type CarnetSession } from './harness';
import { drawnImage, editorOf, pasteFile, quickCapture, readStore, storedAttachments } from './pageData';
import { exportJournal, shareSampleLive, syncStatus } from './sharedExpedition';
import { editorState, expectStateToMatch, storedStates, waitSaved } from './typing/check';
import { Typist } from './typing/keyboard';
import { generateSession } from './typing/script';

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await stopHarness();
});

interface StoredNote {
  id: string;
  text: string;
  author: string;
  authorId?: string;
  lessonIds: string[];
  tags: string[];
  deletedAt: number | null;
}

/** The notes as this notebook holds them, in an order every notebook shares. */
async function notesOf(page: Page): Promise<Omit<StoredNote, 'authorId'>[]> {
  const notes = await readStore<StoredNote>(page, 'notes');
  return notes
    .filter((note) => note.deletedAt === null)
    .map(({ id, text, author, lessonIds, tags, deletedAt }) => ({ id, text, author, lessonIds: [...lessonIds].sort(), tags, deletedAt }))
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** A note captured in the visit happening now, typed key by key. */
async function typeNote(page: Page, text: string): Promise<void> {
  await quickCapture(page);
  await page.keyboard.type(text, { delay: 25 });
  await expect.poll(() => editorOf(page).innerText()).toBe(text);
}

describe('an expedition shared live', () => {
  it('brings an organiser and two participants to the same notes, one of them offline for a while', async () => {
    // Chloé is invited but never comes.
    const { organiser, participants: joined } = await shareSampleLive(['Alice Bernard', 'Bruno Petit'], cleanups, ['Chloé Roux']);
    const olga = organiser.page;
    const [alice, bruno] = joined as [CarnetSession, CarnetSession];
    // Everyone's notebook holds the sample's notes, by the organiser.
    const sample = await notesOf(olga);
    await expect.poll(() => notesOf(alice.page), { timeout: 30_000 }).toEqual(sample);
    await expect.poll(() => notesOf(bruno.page), { timeout: 30_000 }).toEqual(sample);
    expect(new Set(sample.map((note) => note.author))).toEqual(new Set(['Olga Martin']));

    // Alice writes online; Bruno writes offline, then comes back.
    await typeNote(alice.page, 'Chez Michelin, la #rd/pneus avance avec les start-ups : « on apprend ensemble ».');
    // A generated writing session (accents, elisions, nested tags, Markdown shortcuts,
    // undo, compositions…) typed into a shared note, whose editor edits its document live.
    const before = new Set((await notesOf(alice.page)).map((note) => note.id));
    const typing = generateSession(17_040, 90);
    const typist = await Typist.on(alice.page, 40);
    await quickCapture(alice.page);
    for (const step of typing.steps) await typist.play(step);
    await waitSaved(alice.page);
    expectStateToMatch(await editorState(alice.page), typing, 40, 'a shared note, bound live');
    const typedId = (await notesOf(alice.page)).find((note) => !before.has(note.id))!.id;

    await bruno.context.setOffline(true);
    await expect.poll(() => syncStatus(bruno.page), { timeout: 30_000 }).toMatch(/^Hors ligne/);
    await typeNote(bruno.page, 'Hors ligne dans l’atelier : #atelier/vulcanisation, 3 presses.');
    await expect.poll(() => syncStatus(bruno.page), { timeout: 10_000 }).toMatch(/^Hors ligne — \d+ modification/);
    await typeNote(olga, 'Synthèse du matin : ouvrir les portes, #confiance.');
    await bruno.context.setOffline(false);

    // Converged: the three notebooks hold the same notes, each with its text.
    const texts = ['Chez Michelin, la #rd/pneus', 'Hors ligne dans l’atelier', 'Synthèse du matin'];
    const converged = async () => {
      const [a, b, c] = await Promise.all([olga, alice.page, bruno.page].map(notesOf));
      const same = JSON.stringify(a) === JSON.stringify(b) && JSON.stringify(b) === JSON.stringify(c);
      return same && texts.every((text) => a?.some((note) => note.text.startsWith(text)));
    };
    await expect.poll(converged, { timeout: 60_000 }).toBe(true);
    const final = await notesOf(olga);
    expect(final).toHaveLength(sample.length + 4);
    // What Alice typed is, character for character, what the organiser's notebook holds.
    expectStateToMatch((await storedStates(olga)).get(typedId) ?? '{"root":{}}', typing, 40, 'the organiser’s copy');
    const written = final.filter((note) => !sample.some((known) => known.id === note.id));
    expect(written.map((note) => [note.author, note.tags])).toEqual(
      expect.arrayContaining([
        ['Alice Bernard', ['rd/pneus']],
        ['Bruno Petit', ['atelier/vulcanisation']],
        ['Olga Martin', ['confiance']],
      ]),
    );

    // Another's note shows its author, and cannot be edited.
    await alice.page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Hors ligne dans l’atelier/ })
      .click();
    await alice.page.getByText('Note de Bruno Petit : vous pouvez la lire et la citer').waitFor();
    expect(await editorOf(alice.page).getAttribute('contenteditable')).toBe('false');

    // Whose notes: Alice's alone (her two).
    await alice.page.getByLabel('Notes affichées').selectOption({ label: 'Mes notes' });
    await expect.poll(() => alice.page.getByRole('list', { name: 'Notes' }).getByRole('button').count()).toBe(2);

    // The same collective journal from every notebook; a personal one holds only mine.
    const journals = [];
    for (const [who, session] of [
      ['olga', organiser],
      ['alice', alice],
      ['bruno', bruno],
    ] as const) {
      journals.push(await exportJournal(session, `${who}-groupe.html`, 'Celles de tout le groupe, chacune avec son auteur'));
    }
    expect(journals[1]).toBe(journals[0]);
    expect(journals[2]).toBe(journals[0]);
    for (const author of ['Olga Martin', 'Alice Bernard', 'Bruno Petit']) expect(journals[0]).toContain(author);
    // The expedition's book: its summary, then every visit with its contributors.
    const book = await exportJournal(organiser, 'livre.html', 'Celles de tout le groupe, chacune avec son auteur', /^Le livre de l’expédition/);
    expect(book).toContain('<h1>Synthèse générale</h1>');
    expect(book).toMatch(/Contributeurs\u202f: <\/span>[^<]*Alice Bernard/);
    const personal = await exportJournal(alice, 'alice.html', 'Les miennes');
    expect(personal).toContain('Chez Michelin, la');
    expect(personal).not.toContain('Hors ligne dans l’atelier');

    // The organiser sees who joined: who is connected now, when the others were last.
    await olga.getByTitle('État de la synchronisation').click();
    const participants = olga.getByRole('dialog', { name: 'Expédition partagée' }).getByRole('region', { name: 'Participants' });
    await expect.poll(() => participants.innerText()).toMatch(/Alice Bernard\s*en ligne/);
    await expect.poll(() => participants.innerText()).toMatch(/Chloé Roux\s*pas encore connecté/);
    await alice.context.setOffline(true);
    await expect.poll(() => participants.innerText(), { timeout: 30_000 }).toMatch(/Alice Bernard\s*vu le/);
    await alice.context.setOffline(false);
    await olga.keyboard.press('Escape');

    // The organiser's overview of the group: notes per participant and visit (everything
    // above was written during the Michelin visit), whom to chase, the thin lessons.
    await olga.getByRole('complementary').getByRole('button', { name: 'Suivi du groupe' }).click();
    const table = olga.getByRole('table', { name: 'Notes par participant et par visite' });
    const row = (name: string) =>
      table
        .getByRole('row')
        .filter({ has: olga.getByRole('rowheader', { name }) })
        .getByRole('cell')
        .allInnerTexts();
    await expect.poll(() => row('Alice Bernard')).toEqual(['0', '2', '0', '0', '2']);
    expect(await row('Bruno Petit')).toEqual(['0', '1', '0', '0', '1']);
    // The sample's seven notes (three at Michelin) and the one typed this morning.
    expect(await row('Olga Martin (vous)')).toEqual(['0', '4', '2', '2', '8']);
    expect(await row('Chloé Roux')).toEqual(['0', '0', '0', '0', '0']);
    expect(await olga.getByRole('region', { name: 'Sans note depuis' }).getByRole('listitem').allInnerTexts()).toEqual([
      'Chloé Roux (pas encore connecté) — aucune note encore (2 visites commencées)',
    ]);
    // Only the organiser's sample links notes to lessons: each is one person's view so far.
    const thin = olga.getByRole('region', { name: 'Enseignements peu étayés' });
    expect(await thin.getByRole('button').allInnerTexts()).toEqual([
      expect.stringMatching(/^Savoir valoriser ses ressources\s*1 participant · 2 éléments · 1 visite$/),
      expect.stringMatching(/^Prendre soin avec exigence de son territoire/),
      expect.stringMatching(/^Identifier les combinaisons gagnantes/),
      expect.stringMatching(/^Apprendre des autres/),
    ]);
    await thin.getByRole('button', { name: /Savoir valoriser ses ressources/ }).click();
    await olga.getByRole('heading', { level: 2, name: 'Savoir valoriser ses ressources' }).waitFor();
    // Participants have no such view.
    for (const { page } of [alice, bruno]) {
      expect(await page.getByRole('complementary').getByRole('button', { name: 'Suivi du groupe' }).count()).toBe(0);
    }
  }, 240_000);

  it('brings the original of a photo to a participant who asks for it', async () => {
    // A photo larger than 2,000 px, before sharing: the group receives its display copy.
    let large: Uint8Array = new Uint8Array();
    const { participants } = await shareSampleLive(['Alice Bernard'], cleanups, [], async (olga) => {
      await quickCapture(olga);
      await olga.keyboard.type('Panorama de l’atelier', { delay: 10 });
      large = await drawnImage(olga, 'image/png', 3000, 1500);
      await pasteFile(olga, large, 'panorama.png', 'image/png');
      await expect.poll(async () => (await storedAttachments(olga)).map((photo) => photo.display !== null)).toEqual([true]);
    });
    const [alice] = participants as [CarnetSession];
    await expect
      .poll(async () => (await storedAttachments(alice.page)).map(({ blobSize, display }) => ({ blobSize, display: display !== null })), { timeout: 30_000 })
      .toEqual([{ blobSize: expect.any(Number), display: false }]);
    await alice.page
      .getByRole('list', { name: 'Notes' })
      .getByRole('button', { name: /Panorama de l’atelier/ })
      .click();
    await alice.page.getByRole('button', { name: /^Demander l’original \(\d/ }).click({ timeout: 30_000 });
    await alice.page.getByText(/^Original reçu \(/).waitFor({ timeout: 60_000 });
    const [received] = await storedAttachments(alice.page);
    expect(received).toMatchObject({ name: 'panorama.png', mime: 'image/png', size: large.length, blobSize: large.length, blobHead: [0x89, 0x50, 0x4e, 0x47] });
    expect(received?.display).toMatchObject({ width: 2000, height: 1000, head: [0xff, 0xd8, 0xff, 0xe0] });
  }, 240_000);
});
