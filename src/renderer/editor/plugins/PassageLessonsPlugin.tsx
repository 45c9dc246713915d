// Linking a passage of a note to lessons: select text, then the toolbar's "Link to
// lesson", the context menu or Ctrl/Cmd+Shift+L, and pick a lesson. The passage becomes a
// MarkNode carrying the lesson ids (PassageColoursPlugin tints it); clicking it lists its
// lessons, each of which can be unlinked.
import { $isMarkNode, $unwrapMarkNode, $wrapSelectionInMarkNode } from '@lexical/mark';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { mergeRegister } from '@lexical/utils';
import {
  $getNearestNodeFromDOMNode,
  $getNodeByKey,
  $getSelection,
  $isRangeSelection,
  COMMAND_PRIORITY_EDITOR,
  createCommand,
  KEY_DOWN_COMMAND,
  COMMAND_PRIORITY_LOW,
  type LexicalCommand,
  type NodeKey,
  type RangeSelection,
} from 'lexical';
import { useEffect, useRef, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../shared/model';
import { FloatingPanel, type FloatingAnchor } from '../../components/FloatingPanel';
import { LessonPicker } from '../../components/LessonPicker';
import { useLessons } from '../LessonsContext';

export const LINK_PASSAGE_COMMAND: LexicalCommand<void> = createCommand('LINK_PASSAGE_COMMAND');

/** Below what was chosen, or above it when the window has no room below. */
function anchorBeside(rect: DOMRect): FloatingAnchor {
  return { top: rect.bottom + 6, left: rect.left, above: rect.top - 6 };
}

function selectionAnchor(): FloatingAnchor | null {
  const range = window.getSelection()?.rangeCount ? window.getSelection()!.getRangeAt(0) : null;
  const rect = range?.getBoundingClientRect();
  return rect ? anchorBeside(rect) : null;
}

export function PassageLessonsPlugin(): JSX.Element | null {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const lessons = useLessons();
  const lessonsRef = useRef(lessons);
  lessonsRef.current = lessons;
  const [picker, setPicker] = useState<{ anchor: FloatingAnchor; selection: RangeSelection } | null>(null);
  const [opened, setOpened] = useState<{ anchor: FloatingAnchor; key: NodeKey; ids: string[] } | null>(null);
  const [menu, setMenu] = useState<FloatingAnchor | null>(null);

  useEffect(() => {
    const openPicker = (): boolean => {
      const selection = editor.getEditorState().read($getSelection);
      if (!$isRangeSelection(selection) || selection.isCollapsed()) return false;
      const anchor = selectionAnchor();
      if (anchor) setPicker({ anchor, selection: selection.clone() });
      return true;
    };
    return mergeRegister(
      editor.registerCommand(LINK_PASSAGE_COMMAND, openPicker, COMMAND_PRIORITY_EDITOR),
      editor.registerCommand(
        KEY_DOWN_COMMAND,
        (event) => {
          if (!((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'l')) return false;
          event.preventDefault();
          return openPicker();
        },
        COMMAND_PRIORITY_LOW,
      ),
      editor.registerRootListener((root, previous) => {
        const onClick = (event: MouseEvent) => {
          const element = (event.target as HTMLElement).closest('mark');
          if (!element) return;
          editor.getEditorState().read(
            () => {
              const node = $getNearestNodeFromDOMNode(element);
              if ($isMarkNode(node)) {
                setOpened({ anchor: anchorBeside(element.getBoundingClientRect()), key: node.getKey(), ids: node.getIDs() });
              }
            },
            { editor },
          );
        };
        const onContextMenu = (event: MouseEvent) => {
          const selection = editor.getEditorState().read($getSelection);
          if (!$isRangeSelection(selection) || selection.isCollapsed() || lessonsRef.current.length === 0) return;
          event.preventDefault();
          setMenu({ top: event.clientY, left: event.clientX });
        };
        previous?.removeEventListener('click', onClick);
        previous?.removeEventListener('contextmenu', onContextMenu);
        root?.addEventListener('click', onClick);
        root?.addEventListener('contextmenu', onContextMenu);
      }),
    );
  }, [editor]);

  // Escape gives the keys back to the note; a press elsewhere goes where it went, and a
  // scroll (the passage moving away from the panel) leaves the focus where it is.
  const dismiss =
    (close: () => void) =>
    (how: 'escape' | 'outside'): void => {
      close();
      if (how === 'escape') editor.focus();
    };

  const link = (lesson: Lesson): void => {
    const saved = picker?.selection;
    setPicker(null);
    if (!saved) return;
    editor.update(() => {
      $wrapSelectionInMarkNode(saved, saved.isBackward(), lesson.id);
    });
    editor.focus();
  };

  const unlink = (key: NodeKey, lessonId: string): void => {
    editor.update(() => {
      const node = $getNodeByKey(key);
      if (!$isMarkNode(node)) return;
      node.deleteID(lessonId);
      if (node.getIDs().length === 0) $unwrapMarkNode(node);
    });
    setOpened((current) => (current ? { ...current, ids: current.ids.filter((id) => id !== lessonId) } : null));
  };

  return (
    <>
      {menu && (
        <FloatingPanel className="context-menu" role="menu" anchor={menu} onMouseLeave={() => setMenu(null)}>
          <button
            type="button"
            role="menuitem"
            autoFocus
            onBlur={() => setMenu(null)}
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => {
              setMenu(null);
              editor.dispatchCommand(LINK_PASSAGE_COMMAND, undefined);
            }}
          >
            {t('lessons.linkPassage')}
          </button>
        </FloatingPanel>
      )}
      {picker && (
        <FloatingPanel className="popover" anchor={picker.anchor} onDismiss={dismiss(() => setPicker(null))}>
          <LessonPicker lessons={lessons} label={t('lessons.linkPassage')} onPick={link} onClose={() => setPicker(null)} />
        </FloatingPanel>
      )}
      {opened && (
        <FloatingPanel
          className="popover passage-popover"
          role="dialog"
          aria-label={t('lessons.ofPassage')}
          anchor={opened.anchor}
          onDismiss={dismiss(() => setOpened(null))}
        >
          <p className="popover-title">{t('lessons.ofPassage')}</p>
          <ul>
            {opened.ids.map((id) => {
              const lesson = lessons.find((candidate) => candidate.id === id);
              return (
                <li key={id}>
                  <span className="lesson-dot" style={{ backgroundColor: lesson?.color }} aria-hidden="true" />
                  <span>{lesson?.title ?? t('lessons.deleted')}</span>
                  <button type="button" onClick={() => unlink(opened.key, id)} aria-label={t('lessons.unlinkPassage', { title: lesson?.title ?? '' })}>
                    {t('lessons.unlink')}
                  </button>
                </li>
              );
            })}
          </ul>
          <button type="button" className="quiet" autoFocus onClick={() => setOpened(null)}>
            {t('dismiss')}
          </button>
        </FloatingPanel>
      )}
    </>
  );
}
