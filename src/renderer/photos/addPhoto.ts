// One photo into one note, all or nothing: the file is checked and processed, its record
// written, and only then the image node inserted. When any step fails the note is left
// as it was and no record stays behind.
import { $insertNodeToNearestRoot } from '@lexical/utils';
import { $getSelection, $isParagraphNode, $isRangeSelection, SKIP_DOM_SELECTION_TAG, type LexicalEditor } from 'lexical';
import { $createImageNode, type ImageNode } from '../../shared/editor/ImageNode';
import type { Attachment } from '../../shared/model';
import type { AppDB } from '../db/AppDB';
import { addAttachment, deleteAttachment } from '../db/attachments';
import { processImage, type ImageProblem } from './processImage';

export interface PhotoTarget {
  noteId: string;
  expeditionId: string;
  /** The expedition's zone, to read EXIF times that carry no offset. */
  timeZone: string;
}

export interface IncomingFile {
  name: string;
  blob: Blob;
}

/** 'notStored': the database refused the record (disk full…) or the note was closed. */
export type PhotoProblem = ImageProblem | 'notStored';

export type AddPhotoOutcome = { ok: true; attachment: Attachment } | { ok: false; problem: PhotoProblem; name: string };

export async function addPhotoToNote(editor: LexicalEditor, database: AppDB, target: PhotoTarget, file: IncomingFile): Promise<AddPhotoOutcome> {
  const processed = await processImage(file.blob, file.name, target.timeZone);
  if (!processed.ok) return processed;
  const notStored = { ok: false, problem: 'notStored', name: file.name } as const;

  let attachment: Attachment;
  try {
    attachment = await addAttachment(database, { ...processed.image, noteId: target.noteId, expeditionId: target.expeditionId });
  } catch (error) {
    console.error('[carnet] storing a photo failed', error);
    return notStored;
  }
  if (!insertImageNode(editor, attachment)) {
    await deleteAttachment(database, attachment.id).catch(() => undefined);
    return notStored;
  }
  return { ok: true, attachment };
}

/** Inserts the photo as a block where the caret is (at the end without one). On an empty
 *  line the photo goes just before it, so that the caret stays below, ready to type. */
function $insertImageBlock(image: ImageNode): void {
  const selection = $getSelection();
  if ($isRangeSelection(selection) && selection.isCollapsed()) {
    const block = selection.anchor.getNode().getTopLevelElement();
    if ($isParagraphNode(block) && block.isEmpty()) {
      block.insertBefore(image);
      return;
    }
  }
  $insertNodeToNearestRoot(image);
}

function insertImageNode(editor: LexicalEditor, attachment: Attachment): boolean {
  // An editor no longer on screen has no autosave: the node would never be saved.
  const root = editor.getRootElement();
  if (!root || !editor.isEditable()) return false;
  // A photo that arrives in a note no longer typed in (a new note was opened meanwhile)
  // does not take the focus, and the keys, back.
  const typedIn = root.contains(root.ownerDocument.activeElement);
  let inserted = false;
  editor.update(
    () => {
      $insertImageBlock($createImageNode({ attachmentId: attachment.id, width: attachment.width, height: attachment.height }));
      inserted = true;
    },
    { discrete: true, ...(typedIn ? {} : { tag: SKIP_DOM_SELECTION_TAG }) },
  );
  return inserted;
}
