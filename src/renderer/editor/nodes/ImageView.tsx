// How a photo looks in the editor: the picture (its display copy when it has one),
// selectable with a click and then deleted with Backspace or Delete like any block, its
// caption editable right below, and a hint when its capture time falls in another visit.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useLexicalNodeSelection } from '@lexical/react/useLexicalNodeSelection';
import { useLiveQuery } from 'dexie-react-hooks';
import { $getNodeByKey, CLICK_COMMAND, COMMAND_PRIORITY_LOW, SKIP_DOM_SELECTION_TAG, stopLexicalPropagation, type LexicalEditor, type NodeKey } from 'lexical';
import { useEffect, useRef, useState, type CSSProperties, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { $isImageNode, type ImageDecoratorProps } from '../../../shared/editor/ImageNode';
import type { Attachment } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { getAttachment, setAttachmentCaption } from '../../db/attachments';
import { visitInProgress } from '../../../shared/visits';
import { PhotoOriginal } from './PhotoOriginal';

/** Registered with setImageDecorator: what ImageNode.decorate returns on screen. */
export function renderImage(props: ImageDecoratorProps): JSX.Element {
  return <ImageView {...props} />;
}

export function ImageView({ nodeKey, attachmentId, caption, width, height }: ImageDecoratorProps): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const [isSelected, setSelected, clearSelection] = useLexicalNodeSelection(nodeKey);
  const attachment = useAttachment(attachmentId);
  const url = useObjectUrl(attachment ? (attachment.display ?? attachment.blob) : null);
  const pictureRef = useRef<HTMLDivElement>(null);
  const label = caption.trim() || t('photos.photo');

  useEffect(
    () =>
      editor.registerCommand(
        CLICK_COMMAND,
        (event) => {
          if (!(event.target instanceof Node) || !pictureRef.current?.contains(event.target)) return false;
          if (!event.shiftKey) clearSelection();
          setSelected(true);
          return true;
        },
        COMMAND_PRIORITY_LOW,
      ),
    [editor, clearSelection, setSelected],
  );

  // Keep the record's caption in step with the note's, for exports that read records.
  useEffect(() => {
    const timer = setTimeout(() => void setAttachmentCaption(db(), attachmentId, caption), 500);
    return () => clearTimeout(timer);
  }, [attachmentId, caption]);

  const w = width || attachment?.width || 4;
  const h = height || attachment?.height || 3;
  return (
    <figure className={isSelected ? 'image-figure is-selected' : 'image-figure'}>
      <div ref={pictureRef} className="image-picture" style={pictureSize(w, h)}>
        {attachment === null ? (
          <div className="image-missing" role="img" aria-label={t('photos.missing')}>
            {t('photos.missing')}
          </div>
        ) : (
          url && <img src={url} alt={label} width={w} height={h} draggable={false} />
        )}
      </div>
      <figcaption>
        <CaptionInput editor={editor} nodeKey={nodeKey} caption={caption} />
      </figcaption>
      {attachment && <VisitHint attachment={attachment} />}
      <PhotoOriginal attachmentId={attachmentId} />
    </figure>
  );
}

/** The photo's own shape, never wider than the text nor taller than MAX_HEIGHT_REM, and
 *  never enlarged: known before the picture loads, so the text does not jump. */
const MAX_HEIGHT_REM = 28;
function pictureSize(width: number, height: number): CSSProperties {
  return {
    aspectRatio: `${width} / ${height}`,
    maxWidth: `min(100%, ${width}px, ${((MAX_HEIGHT_REM * width) / height).toFixed(2)}rem)`,
  };
}

/** The attachment, loaded once: its bytes never change. undefined while loading, null
 *  when the record is gone (a note imported without its photos). */
function useAttachment(id: string): Attachment | null | undefined {
  const [attachment, setAttachment] = useState<Attachment | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void getAttachment(db(), id).then((found) => live && setAttachment(found));
    return () => {
      live = false;
    };
  }, [id]);
  return attachment;
}

function useObjectUrl(blob: Blob | null): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!blob) return;
    const created = URL.createObjectURL(blob);
    setUrl(created);
    return () => {
      URL.revokeObjectURL(created);
      setUrl(null);
    };
  }, [blob]);
  return url;
}

/** Lexical listens to keys, input and the clipboard on its whole root: the caption's own
 *  events are marked as handled so that typing in it never edits the note around it.
 *  (Not stopPropagation: React, which listens higher up, still needs them.) */
const CAPTION_OWN_EVENTS = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'paste', 'cut', 'copy', 'drop'];

function CaptionInput({ editor, nodeKey, caption }: { editor: LexicalEditor; nodeKey: NodeKey; caption: string }): JSX.Element {
  const { t } = useTranslation();
  const inputRef = useRef<HTMLInputElement>(null);
  // A local draft: the node's caption comes back one render late, which would move the caret.
  const [draft, setDraft] = useState(caption);
  const focused = useRef(false);

  useEffect(() => {
    if (!focused.current) setDraft(caption);
  }, [caption]);

  useEffect(() => {
    const input = inputRef.current;
    if (!input) return;
    const stop = (event: Event) => stopLexicalPropagation(event);
    for (const type of CAPTION_OWN_EVENTS) input.addEventListener(type, stop);
    return () => {
      for (const type of CAPTION_OWN_EVENTS) input.removeEventListener(type, stop);
    };
  }, []);

  const write = (value: string): void => {
    setDraft(value);
    editor.update(
      () => {
        const node = $getNodeByKey(nodeKey);
        if ($isImageNode(node)) node.setCaption(value);
      },
      { tag: SKIP_DOM_SELECTION_TAG },
    );
  };

  /** Enter or Escape: back to the text, just after the photo. */
  const leave = (): void => {
    editor.update(() => {
      const node = $getNodeByKey(nodeKey);
      if ($isImageNode(node)) node.selectNext(0, 0);
    });
    editor.focus();
  };

  return (
    <input
      ref={inputRef}
      className="image-caption"
      value={draft}
      placeholder={t('photos.captionPlaceholder')}
      aria-label={t('photos.caption')}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        setDraft(caption);
      }}
      onChange={(event) => write(event.target.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === 'Escape') {
          event.preventDefault();
          leave();
        }
      }}
    />
  );
}

/** "Taken during <visit>" when the photo's EXIF time falls in another visit than the note's. */
function VisitHint({ attachment }: { attachment: Attachment }): JSX.Element | null {
  const { t } = useTranslation();
  const { capturedAt, noteId, expeditionId } = attachment;
  const visit = useLiveQuery(async () => {
    if (capturedAt === null) return null;
    const [note, expedition, visits] = await Promise.all([
      db().notes.get(noteId),
      db().expeditions.get(expeditionId),
      db().visits.where('expeditionId').equals(expeditionId).toArray(),
    ]);
    if (!note || !expedition) return null;
    const during = visitInProgress(visits, capturedAt, expedition.timeZone);
    return during && during.id !== note.visitId ? during : null;
  }, [capturedAt, noteId, expeditionId]);
  if (!visit) return null;
  return <p className="image-hint">{t('photos.takenDuring', { visit: visit.title })}</p>;
}
