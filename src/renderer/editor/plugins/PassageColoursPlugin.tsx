// A passage linked to lessons (a MarkNode carrying their ids) is tinted with its first
// lesson's colour and names its lessons when pointed at — in one's own notes and in
// another participant's, read-only — and is repainted when lessons are renamed or
// recoloured.
import { $isMarkNode, MarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $dfs } from '@lexical/utils';
import { $getNodeByKey } from 'lexical';
import { useEffect, useRef } from 'react';
import type { Lesson } from '../../../shared/model';
import { useLessons } from '../LessonsContext';

/** A passage whose lessons are all gone keeps a neutral highlight. */
const NO_LESSON_COLOUR = '#ca8a04';

function paint(element: HTMLElement, ids: string[], lessons: readonly Lesson[]): void {
  const linked = ids.map((id) => lessons.find((lesson) => lesson.id === id)).filter((lesson): lesson is Lesson => lesson !== undefined);
  const colour = linked[0]?.color ?? NO_LESSON_COLOUR;
  element.style.backgroundColor = `color-mix(in srgb, ${colour} 22%, transparent)`;
  element.style.borderBottomColor = colour;
  element.title = linked.map((lesson) => lesson.title).join(' · ');
  element.dataset['lessons'] = String(linked.length);
}

export function PassageColoursPlugin(): null {
  const [editor] = useLexicalComposerContext();
  const lessons = useLessons();
  const lessonsRef = useRef(lessons);
  lessonsRef.current = lessons;

  useEffect(
    () =>
      editor.registerMutationListener(MarkNode, (mutations) => {
        editor.getEditorState().read(() => {
          for (const [key, mutation] of mutations) {
            if (mutation === 'destroyed') continue;
            const node = $getNodeByKey(key);
            const element = editor.getElementByKey(key);
            if ($isMarkNode(node) && element) paint(element, node.getIDs(), lessonsRef.current);
          }
        });
      }),
    [editor],
  );

  // Lessons renamed or recoloured: repaint the marks on screen.
  useEffect(() => {
    editor.getEditorState().read(() => {
      for (const { node } of $dfs()) {
        const element = $isMarkNode(node) ? editor.getElementByKey(node.getKey()) : null;
        if ($isMarkNode(node) && element) paint(element, node.getIDs(), lessons);
      }
    });
  }, [editor, lessons]);

  return null;
}
