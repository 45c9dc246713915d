// A write that fails (quota exceeded, disk error): the user is told, the text stays in
// the editor, nothing else changes, and the save is retried until it succeeds.
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import Dexie, { type DBCore } from 'dexie';
import { $getRoot, CONTROLLED_TEXT_INSERTION_COMMAND, type LexicalEditor } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { AppDB, useDatabase } from '../../src/renderer/db/AppDB';
import { createNote, noteSummary, readNoteState } from '../../src/renderer/db/notes';
import { NotePane } from '../../src/renderer/features/notes/NotePane';
import { visitRecord } from '../fixtures/records';

afterEach(cleanup);

/** A Dexie middleware that makes writes to the notes table fail while `failing` is set. */
function failingNotesWrites(database: AppDB) {
  const control = { failing: false };
  database.use({
    stack: 'dbcore',
    name: 'failNotesWrites',
    create: (down: DBCore): DBCore => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        return {
          ...table,
          mutate: (request) =>
            name === 'notes' && control.failing
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : table.mutate(request),
        };
      },
    }),
  });
  return control;
}

const wait = (ms: number) => act(() => new Promise((done) => setTimeout(done, ms)));

describe('a failed save', () => {
  it('keeps the text in the editor, says so, changes nothing stored, and retries', async () => {
    const database = new AppDB(`carnet-fail-${Date.now()}`);
    const control = failingNotesWrites(database);
    useDatabase(database);
    const note = await createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', createdAt: 1 });
    const other = await createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', createdAt: 2 });
    const visit = visitRecord({ id: 'v', title: 'Visite' });

    render(<NotePane note={note} visits={[visit]} lessons={[]} timeZone="Europe/Paris" autoFocus={false} />);
    const input = await screen.findByRole('textbox', { name: 'Texte de la note' });
    const editor = (input as HTMLElement & { __lexicalEditor: LexicalEditor }).__lexicalEditor;

    control.failing = true;
    await act(async () => {
      editor.update(() => $getRoot().selectEnd());
      editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, 'Texte précieux');
    });
    await wait(1300);
    expect(screen.getByRole('status').textContent).toMatch(/Échec de l’enregistrement/);
    expect(input.textContent).toBe('Texte précieux');
    expect(await readNoteState(database, note.id)).toBe('');
    expect(await database.notes.get(other.id)).toEqual(noteSummary(other));

    control.failing = false;
    await wait(2500);
    expect(screen.getByRole('status').textContent).toBe('Enregistré');
    expect((await database.notes.get(note.id))?.text).toBe('Texte précieux');
    database.close();
    await Dexie.delete(database.name);
  });
});
