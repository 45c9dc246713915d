import 'fake-indexeddb/auto';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import Dexie from 'dexie';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AppDB, useDatabase } from '../../src/renderer/db/AppDB';
import { createSampleExpedition } from '../../src/renderer/db/sample';
import { SearchPanel } from '../../src/renderer/features/search/SearchPanel';
import { noteIndexFor } from '../../src/renderer/features/search/useNoteSearch';

const databases: AppDB[] = [];
afterEach(async () => {
  cleanup();
  for (const database of databases.splice(0)) {
    database.close();
    await Dexie.delete(database.name);
  }
});

async function setup(focusWanted = false, onFocused = vi.fn()) {
  const database = new AppDB(`search-web-${Date.now()}`);
  databases.push(database);
  useDatabase(database);
  const expedition = await createSampleExpedition(database, 'Camille');
  await noteIndexFor(expedition.id).ready;
  const onOpenNote = vi.fn();
  render(
    <SearchPanel expeditionId={expedition.id} onOpenNote={onOpenNote} focusWanted={focusWanted} onFocused={onFocused}>
      <p>la liste des notes</p>
    </SearchPanel>,
  );
  const box = screen.getByRole('combobox', { name: 'Rechercher dans les notes' });
  return { database, expedition, onOpenNote, box };
}

describe('SearchPanel', () => {
  it('finds a note by an unaccented prefix, marks the words, and opens it with Enter', async () => {
    const { database, onOpenNote, box } = await setup();
    expect(screen.getByText('la liste des notes')).toBeTruthy();

    fireEvent.change(box, { target: { value: 'competen' } });
    const results = await screen.findByRole('listbox', { name: 'Résultats de la recherche' });
    const first = await within(results).findAllByRole('option');
    const marks = [...results.querySelectorAll('mark')].map((mark) => mark.textContent);
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((word) => /^compétence/i.test(word ?? ''))).toBe(true);
    expect(screen.queryByText('la liste des notes')).toBeNull();
    expect(first[0]?.getAttribute('aria-selected')).toBe('true');

    fireEvent.keyDown(box, { key: 'Enter' });
    expect(onOpenNote).toHaveBeenCalledTimes(1);
    const [noteId, visitId] = onOpenNote.mock.calls[0]!;
    const note = await database.notes.get(noteId);
    expect(note?.visitId).toBe(visitId);
    expect(note?.text).toMatch(/compétence/i);
  });

  it('takes the focus when the workspace asks (Ctrl+K), and moves through results with the arrow keys', async () => {
    const onFocused = vi.fn();
    const { box } = await setup(true, onFocused);
    expect(document.activeElement).toBe(box);
    expect(onFocused).toHaveBeenCalledTimes(1);
    fireEvent.change(box, { target: { value: 'territoire' } });
    const options = await within(await screen.findByRole('listbox')).findAllByRole('option');
    if (options.length > 1) {
      fireEvent.keyDown(box, { key: 'ArrowDown' });
      expect(options[1]?.getAttribute('aria-selected')).toBe('true');
      expect(box.getAttribute('aria-activedescendant')).toBe(options[1]?.id);
    }
  });

  it('answers hostile queries without error', async () => {
    const { box } = await setup();
    for (const value of ['.*+?^${}()|[]\\', 'x'.repeat(10_000), '!!! ???', '😀👍🏽']) {
      await act(async () => {
        fireEvent.change(box, { target: { value } });
      });
      await screen.findByText('Aucune note trouvée.');
    }
  });

  it('filters combine with the query, and alone replace the list', async () => {
    const { box } = await setup();
    fireEvent.click(screen.getByRole('button', { name: 'Filtres' }));
    fireEvent.click(screen.getByRole('checkbox', { name: 'Épinglées seulement' }));
    await screen.findByRole('listbox');
    expect(screen.queryByText('la liste des notes')).toBeNull();
    fireEvent.change(box, { target: { value: 'innovation' } });
    fireEvent.click(screen.getByRole('button', { name: 'Effacer les filtres' }));
    const options = await within(await screen.findByRole('listbox')).findAllByRole('option');
    expect(options.length).toBeGreaterThan(0);
  });
});
