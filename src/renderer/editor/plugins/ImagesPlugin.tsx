// The three ways a photo gets into a note — paste, drag and drop, and the toolbar's
// "Insert photo" (files chosen in main's dialog) — and what the user is told meanwhile.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { $isListNode } from '@lexical/list';
import {
  $createNodeSelection,
  $createParagraphNode,
  $getSelection,
  $isElementNode,
  $isNodeSelection,
  $isRangeSelection,
  $setSelection,
  COMMAND_PRIORITY_EDITOR,
  COMMAND_PRIORITY_LOW,
  createCommand,
  KEY_BACKSPACE_COMMAND,
  KEY_DELETE_COMMAND,
  KEY_DOWN_COMMAND,
  mergeRegister,
  PASTE_COMMAND,
  type LexicalCommand,
} from 'lexical';
import { useCallback, useEffect, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { $isImageNode } from '../../../shared/editor/ImageNode';
import type { CarnetError } from '../../../shared/ipc';
import { db } from '../../db/AppDB';
import { blobOf, carnet } from '../../platform';
import { addPhotoToNote, type IncomingFile, type PhotoTarget } from '../../photos/addPhoto';

/** Opens the system dialog to choose photos for the note (the toolbar's button). */
export const INSERT_PHOTOS_COMMAND: LexicalCommand<void> = createCommand('INSERT_PHOTOS_COMMAND');

interface Props {
  noteId: string;
}

export function ImagesPlugin({ noteId }: Props): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [errors, setErrors] = useState<string[]>([]);
  const [pending, setPending] = useState(0);

  const addFiles = useCallback(
    async (files: IncomingFile[]) => {
      if (files.length === 0) return;
      setErrors([]);
      const to = await photoTarget(noteId);
      if (!to) return;
      setPending((n) => n + files.length);
      // One after the other, so that photos land in the order they were given.
      for (const file of files) {
        const outcome = await addPhotoToNote(editor, db(), to, file);
        setPending((n) => n - 1);
        if (!outcome.ok) setErrors((list) => [...list, t(`photos.errors.${outcome.problem}`, { name: outcome.name })]);
      }
    },
    [editor, noteId, t],
  );

  const pickFiles = useCallback(async () => {
    setErrors([]);
    const result = await carnet().pickImages();
    if (!result.ok) {
      if (result.error.code !== 'cancelled') setErrors([pickErrorMessage(result.error, t)]);
      return;
    }
    await addFiles(result.value.map(({ name, bytes }) => ({ name, blob: blobOf(bytes) })));
  }, [addFiles, t]);

  useEffect(
    () =>
      mergeRegister(
        // Dropped files, and pasted files (see below). Anything that is not a photo is
        // refused with a message rather than silently ignored.
        editor.registerCommand(
          DRAG_DROP_PASTE,
          (files) => {
            void addFiles(files.map((file) => ({ name: file.name, blob: file })));
            return true;
          },
          COMMAND_PRIORITY_LOW,
        ),
        // Rich text only treats a paste as files when the clipboard holds no text at all,
        // but a browser's "Copy image" adds an HTML <img> beside the file: the photo is
        // what the user means. Word and the like add plain text, which still wins.
        editor.registerCommand(
          PASTE_COMMAND,
          (event) => {
            $caretAfterSelectedPhoto();
            const data = 'clipboardData' in event ? event.clipboardData : null;
            const files = data ? [...data.files] : [];
            if (!data || files.length === 0 || data.getData('text/plain').trim() !== '') return false;
            event.preventDefault();
            return editor.dispatchCommand(DRAG_DROP_PASTE, files);
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(
          KEY_DOWN_COMMAND,
          (event) => {
            if (typesText(event) || JUMPS.has(event.key)) $caretAfterSelectedPhoto();
            return false; // the key then types, or moves, from there
          },
          COMMAND_PRIORITY_LOW,
        ),
        editor.registerCommand(KEY_BACKSPACE_COMMAND, (event) => $selectPhotoBeside(event, 'before'), COMMAND_PRIORITY_LOW),
        editor.registerCommand(KEY_DELETE_COMMAND, (event) => $selectPhotoBeside(event, 'after'), COMMAND_PRIORITY_LOW),
        editor.registerCommand(
          INSERT_PHOTOS_COMMAND,
          () => {
            void pickFiles();
            return true;
          },
          COMMAND_PRIORITY_EDITOR,
        ),
      ),
    [editor, addFiles, pickFiles],
  );

  return (
    <div className="photo-messages">
      <p className="photo-pending" aria-live="polite">
        {pending > 0 ? t('photos.adding', { count: pending }) : ''}
      </p>
      {errors.length > 0 && (
        <div className="photo-errors" role="alert">
          {errors.length === 1 ? (
            <p>{errors[0]}</p>
          ) : (
            <ul>
              {errors.map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
          )}
          <button type="button" onClick={() => setErrors([])} aria-label={t('dismiss')}>
            ×
          </button>
        </div>
      )}
    </div>
  );
}

/** Whether a key types text (a character, a dead key, an input method's key), as opposed
 *  to a shortcut or a key that moves or deletes. AltGr comes as Ctrl+Alt: it types. */
function typesText(event: KeyboardEvent): boolean {
  if ((event.ctrlKey || event.metaKey) && !event.altKey) return false;
  return [...event.key].length === 1 || event.key === 'Dead' || event.key === 'Process' || event.keyCode === 229;
}

/** Keys that move the caret by lines or pages (the arrows step over a photo by themselves). */
const JUMPS = new Set(['Home', 'End', 'PageUp', 'PageDown']);

/**
 * A photo is selected when an arrow key steps onto it (or it is clicked). What is typed
 * or pasted then goes to the start of the line after it (a new line when it is the last
 * block), and Home, End, Ctrl+End… move from there: the browser's own caret was left at
 * the start of the note, where text used to land, and replacing the photo with a
 * keystroke would lose it. Backspace and Delete still remove a selected photo, Enter
 * adds a line after it.
 */
function $caretAfterSelectedPhoto(): void {
  const selection = $getSelection();
  if (!$isNodeSelection(selection)) return;
  const nodes = selection.getNodes();
  const photo = nodes.length === 1 ? nodes[0] : undefined;
  if (!$isImageNode(photo)) return;
  const next = photo.getNextSibling();
  if ($isElementNode(next) && !next.isInline()) {
    next.selectStart();
    return;
  }
  const line = $createParagraphNode();
  photo.insertAfter(line);
  line.select();
}

/**
 * Backspace at the start of a line that follows a photo (or Delete at the end of a line
 * before one) selects the photo; the next press removes it. A key meant to join two
 * lines never takes a photo away at once.
 */
function $selectPhotoBeside(event: KeyboardEvent, side: 'before' | 'after'): boolean {
  const selection = $getSelection();
  if (!$isRangeSelection(selection) || !selection.isCollapsed()) return false;
  const point = selection.anchor;
  const block = point.getNode().getTopLevelElement();
  if (!block || $isListNode(block) || block.isEmpty()) return false;
  const edge = side === 'before' ? block.getFirstDescendant() : block.getLastDescendant();
  const atEdge =
    side === 'before'
      ? point.offset === 0 && (point.getNode() === block || point.getNode() === edge)
      : point.getNode() === edge && point.offset === (edge?.getTextContentSize() ?? 0);
  const photo = side === 'before' ? block.getPreviousSibling() : block.getNextSibling();
  if (!atEdge || !$isImageNode(photo)) return false;
  event.preventDefault();
  const photoSelection = $createNodeSelection();
  photoSelection.add(photo.getKey());
  $setSelection(photoSelection);
  return true;
}

/** Where the note's photos go, read when they arrive (the note may have moved). */
async function photoTarget(noteId: string): Promise<PhotoTarget | null> {
  const note = await db().notes.get(noteId);
  const expedition = note && (await db().expeditions.get(note.expeditionId));
  return note && expedition ? { noteId, expeditionId: note.expeditionId, timeZone: expedition.timeZone } : null;
}

/** Main's answer to "read the chosen files", in the words of the photo messages. */
function pickErrorMessage(error: CarnetError, t: (key: string, values?: Record<string, unknown>) => string): string {
  const name = String(error.detail?.['name'] ?? '');
  if (error.code === 'fileTooLarge') return t('photos.errors.attachmentTooLarge', { name });
  if (error.code === 'fileUnreadable') return t('photos.errors.fileUnreadable', { name });
  return t(`errors.${error.code}`);
}
