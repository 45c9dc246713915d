// A visit's list draws its first notes, then more each time its end comes into view; the
// open note is drawn wherever it stands. (jsdom has no IntersectionObserver: a stand-in
// lets the test say when the end of the list comes into view.)
import 'fake-indexeddb/auto';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NoteList } from '../../src/renderer/features/notes/NoteList';
import type { NoteSummary } from '../../src/shared/model';

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
  return Array.from({ length: count }, (_, at) => ({
    id: `n${at}`, expeditionId: 'e', visitId: 'v', kind: 'observation', title: `Note ${at}`, speaker: '', text: '', tags: [],
    lessonIds: [], passageLessonIds: [], pinned: false, author: 'A', createdAt: at, updatedAt: at, deletedAt: null,
  }));
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
