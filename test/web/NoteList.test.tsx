// A visit's list draws its first notes, then more each time its end comes into view; the
// open note is drawn wherever it stands; it follows the database, but not while a note is
// being typed. (jsdom has no IntersectionObserver: a stand-in lets the test say when the
// end of the list comes into view.)
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppDB, useDatabase } from '../../src/renderer/db/AppDB';
import { createNote, trashNote, updateNote } from '../../src/renderer/db/notes';
import { TYPING_PAUSE_MS } from '../../src/renderer/editor/typingActivity';
import { NoteList } from '../../src/renderer/features/notes/NoteList';
import { VisitNoteList } from '../../src/renderer/features/notes/VisitNoteList';
import type { NoteSummary } from '../../src/shared/model';
import { noteRecord } from '../fixtures/records';

let inView: (() => void) | null = null;

class EndOfListObserver {
  constructor(private readonly callback: IntersectionObserverCallback) {}
  observe(): void {
    inView = () => this.callback([{ isIntersecting: true } as IntersectionObserverEntry], this as unknown as IntersectionObserver);
  }
  disconnect(): void {
    inView = null;
  }
}

function notes(count: number): NoteSummary[] {
  return Array.from({ length: count }, (_, at) => {
    const { state: _state, ...summary } = noteRecord({ id: `n${at}`, visitId: 'v', title: `Note ${at}`, createdAt: at, updatedAt: at });
    return summary;
  });
}

const drawn = () => screen.getAllByRole('button').length;

beforeEach(() => {
  Object.assign(globalThis, { IntersectionObserver: EndOfListObserver });
});
afterEach(() => {
  cleanup();
  delete (globalThis as { IntersectionObserver?: unknown }).IntersectionObserver;
});

describe('the note list of a large visit', () => {
  it('draws 60 notes, then 60 more each time its end comes into view, and stops at the last', () => {
    render(<NoteList notes={notes(150)} selectedId={null} timeZone="Europe/Paris" onSelect={() => undefined} />);
    expect(drawn()).toBe(60);
    act(() => inView?.());
    expect(drawn()).toBe(120);
    act(() => inView?.());
    expect(drawn()).toBe(150);
    expect(inView).toBeNull();
  });

  it('draws the open note even far down the list', () => {
    render(<NoteList notes={notes(150)} selectedId="n139" timeZone="Europe/Paris" onSelect={() => undefined} />);
    expect(drawn()).toBe(140);
    expect(screen.getByRole('button', { name: /Note 139/ }).getAttribute('aria-current')).toBe('true');
  });

  it('keeps drawn what it drew for a note far down when a note near the top is opened', () => {
    const list = notes(150);
    const { rerender } = render(<NoteList notes={list} selectedId="n139" timeZone="Europe/Paris" onSelect={() => undefined} />);
    const far = screen.getByRole('button', { name: /Note 139/ });
    rerender(<NoteList notes={list} selectedId="n3" timeZone="Europe/Paris" onSelect={() => undefined} />);
    expect(drawn()).toBe(140);
    expect(far.isConnected).toBe(true);
  });

  it('draws a short visit whole', () => {
    render(<NoteList notes={notes(12)} selectedId={null} timeZone="Europe/Paris" onSelect={() => undefined} />);
    expect(drawn()).toBe(12);
    expect(inView).toBeNull();
  });
});

describe("a visit's list, kept up to date", () => {
  it('shows notes added, changed or trashed; while a note is typed, only once the typing pauses', async () => {
    const database = new AppDB(`carnet-list-${Date.now()}`);
    useDatabase(database);
    const first = await createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', title: 'Première', createdAt: 1 });
    render(<VisitNoteList visitId="v" selectedId={first.id} timeZone="Europe/Paris" onSelect={() => undefined} />);
    expect(await screen.findByText('Première')).toBeTruthy();

    // Changes made while nobody types are shown at once.
    await act(() => createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', title: 'Deuxième', createdAt: 2 }));
    expect(await screen.findByText('Deuxième')).toBeTruthy();
    await act(() => createNote(database, { expeditionId: 'e', visitId: 'other', author: 'A', title: 'Ailleurs', createdAt: 3 }));

    // A shortcut in a note is not typing (jsdom has no isContentEditable: a stand-in).
    const editable = document.createElement('div');
    Object.defineProperty(editable, 'isContentEditable', { value: true });
    document.body.append(editable);
    editable.dispatchEvent(new KeyboardEvent('keydown', { key: 'N', ctrlKey: true, shiftKey: true, bubbles: true }));
    await act(() => createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', title: 'Par raccourci', createdAt: 4 }));
    expect(await screen.findByText('Par raccourci', {}, { timeout: TYPING_PAUSE_MS / 2 })).toBeTruthy();

    // A keystroke in a note.
    editable.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
    await act(() => updateNote(database, first.id, { title: 'Première, retouchée' }));
    await act(() => new Promise((done) => setTimeout(done, TYPING_PAUSE_MS / 2)));
    expect(screen.queryByText('Première, retouchée')).toBeNull();
    expect(await screen.findByText('Première, retouchée', {}, { timeout: TYPING_PAUSE_MS * 3 })).toBeTruthy();
    editable.remove();

    await act(() => trashNote(database, first.id));
    await waitFor(() => expect(screen.queryByText('Première, retouchée')).toBeNull());
    expect(screen.getByText('Deuxième')).toBeTruthy();
    expect(screen.queryByText('Ailleurs')).toBeNull();
    database.close();
  });
});
