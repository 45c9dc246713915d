// Another participant's note, read-only: its linked passages keep their lessons' colours
// and names (they were shown in a plain yellow, nameless), and follow a lesson recoloured.
import { $createMarkNode } from '@lexical/mark';
import { act, cleanup, render, screen } from '@testing-library/react';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeadlessNoteEditor } from '../../src/shared/editor/markdown';
import type { Lesson } from '../../src/shared/model';
import { LessonsContext } from '../../src/renderer/editor/LessonsContext';
import { NoteReader } from '../../src/renderer/editor/NoteReader';

afterEach(cleanup);

const lesson = (id: string, title: string, color: string): Lesson =>
  ({ id, expeditionId: 'e', title, description: '', color, order: 0, synthesis: '', createdAt: 0, updatedAt: 0 }) as Lesson;

function noteWithPassage(): string {
  const editor = createHeadlessNoteEditor();
  editor.update(
    () => {
      const passage = $createMarkNode(['l-ressources', 'l-territoire']).append($createTextNode('du temps pour leurs projets'));
      $getRoot().append($createParagraphNode().append($createTextNode('Les salariés ont '), passage, $createTextNode('.')));
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

describe('NoteReader', () => {
  it('tints a linked passage with its first lesson’s colour and names its lessons', async () => {
    const lessons = [lesson('l-ressources', 'Savoir valoriser ses ressources', '#c2410c'), lesson('l-territoire', 'Prendre soin de son territoire', '#15803d')];
    const { rerender } = render(
      <LessonsContext.Provider value={lessons}>
        <NoteReader state={noteWithPassage()} />
      </LessonsContext.Provider>,
    );
    const mark = await screen.findByText('du temps pour leurs projets');
    const marked = mark.closest('mark')!;
    await act(async () => undefined);
    expect(marked.title).toBe('Savoir valoriser ses ressources · Prendre soin de son territoire');
    expect(marked.style.borderBottomColor).toBe('rgb(194, 65, 12)');

    // Recoloured by the organiser: the passage follows.
    rerender(
      <LessonsContext.Provider value={[{ ...lessons[0]!, color: '#1d4ed8' }, lessons[1]!]}>
        <NoteReader state={noteWithPassage()} />
      </LessonsContext.Provider>,
    );
    await act(async () => undefined);
    expect(screen.getByText('du temps pour leurs projets').closest('mark')!.style.borderBottomColor).toBe('rgb(29, 78, 216)');
  });
});
