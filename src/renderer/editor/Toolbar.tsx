import { TOGGLE_LINK_COMMAND } from '@lexical/link';
import { INSERT_CHECK_LIST_COMMAND, INSERT_ORDERED_LIST_COMMAND, INSERT_UNORDERED_LIST_COMMAND } from '@lexical/list';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $createHeadingNode, $createQuoteNode, type HeadingTagType } from '@lexical/rich-text';
import { $setBlocksType } from '@lexical/selection';
import { $createParagraphNode, $getSelection, $isRangeSelection, FORMAT_TEXT_COMMAND, REDO_COMMAND, UNDO_COMMAND, type ElementNode } from 'lexical';
import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { isAllowedUrl } from '../../shared/urls';
import { useLessons } from './LessonsContext';
import { LINK_PASSAGE_COMMAND } from './plugins/PassageLessonsPlugin';
import { INSERT_PHOTOS_COMMAND } from './plugins/ImagesPlugin';

const LINK_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2.2" strokeLinecap="round">
    <path d="M10 14a4.5 4.5 0 0 0 6.4 0l3.2-3.2a4.5 4.5 0 0 0-6.4-6.4L12 5.6" />
    <path d="M14 10a4.5 4.5 0 0 0-6.4 0l-3.2 3.2a4.5 4.5 0 0 0 6.4 6.4l1.2-1.2" />
  </svg>
);

const PHOTO_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    <rect x="3" y="5" width="18" height="14" rx="2" />
    <circle cx="8.5" cy="10" r="1.6" />
    <path d="M21 16l-5-5-8 8" />
  </svg>
);

// The lists as icons: a "1." or a "•" would be text that a screen reader's name for the
// button ("Numbered list") does not contain.
const BULLET_LIST_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
    <path d="M9 6h11M9 12h11M9 18h11" />
    <circle cx="4.5" cy="6" r="1" fill="currentColor" />
    <circle cx="4.5" cy="12" r="1" fill="currentColor" />
    <circle cx="4.5" cy="18" r="1" fill="currentColor" />
  </svg>
);

const NUMBER_LIST_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    <path d="M10 6h10M10 12h10M10 18h10" />
    <path d="M4 4.5l1.5-1V9" strokeWidth="1.6" />
    <path d="M3.5 14.5a1.5 1.5 0 0 1 3 .3L3.5 20h3" strokeWidth="1.6" />
  </svg>
);

const CHECK_LIST_ICON = (
  <svg width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
    <rect x="3" y="4" width="6" height="6" rx="1" />
    <path d="M4.5 7l1.2 1.2L8 5.8" strokeWidth="1.6" />
    <rect x="3" y="14" width="6" height="6" rx="1" />
    <path d="M13 7h8M13 17h8" />
  </svg>
);

interface Props {
  /** Shows "Insert photo" (the note editor handles INSERT_PHOTOS_COMMAND). */
  photos?: boolean;
  /** Offer to link the selected passage to a lesson (notes, not syntheses). */
  passages?: boolean;
}

export function Toolbar({ photos = false, passages = false }: Props): JSX.Element {
  const [editor] = useLexicalComposerContext();
  const { t } = useTranslation();
  const lessons = useLessons();
  const [linkOpen, setLinkOpen] = useState(false);
  const [linkUrl, setLinkUrl] = useState('');
  const [linkError, setLinkError] = useState(false);

  const setBlock = (create: () => ElementNode): void => {
    editor.update(() => {
      const selection = $getSelection();
      if ($isRangeSelection(selection)) $setBlocksType(selection, create);
    });
  };
  const heading = (tag: HeadingTagType) => () => setBlock(() => $createHeadingNode(tag));

  const applyLink = (event: FormEvent): void => {
    event.preventDefault();
    if (!isAllowedUrl(linkUrl)) {
      setLinkError(true);
      return;
    }
    editor.dispatchCommand(TOGGLE_LINK_COMMAND, linkUrl.trim());
    setLinkOpen(false);
    setLinkUrl('');
    setLinkError(false);
  };

  const button = (label: string, symbol: string | JSX.Element, onClick: () => void): JSX.Element => (
    <button type="button" className="tool" aria-label={label} title={label} onMouseDown={(e) => e.preventDefault()} onClick={onClick}>
      <span aria-hidden="true">{symbol}</span>
    </button>
  );

  return (
    <div className="toolbar" role="toolbar" aria-label={t('editor.toolbar')}>
      {button(t('editor.undo'), '↶', () => editor.dispatchCommand(UNDO_COMMAND, undefined))}
      {button(t('editor.redo'), '↷', () => editor.dispatchCommand(REDO_COMMAND, undefined))}
      <span className="tool-sep" />
      {button(t('editor.paragraph'), '¶', () => setBlock($createParagraphNode))}
      {button(t('editor.heading1'), 'H1', heading('h1'))}
      {button(t('editor.heading2'), 'H2', heading('h2'))}
      <span className="tool-sep" />
      {button(t('editor.bold'), 'B', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'bold'))}
      {button(t('editor.italic'), 'I', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'italic'))}
      {button(t('editor.underline'), 'U', () => editor.dispatchCommand(FORMAT_TEXT_COMMAND, 'underline'))}
      <span className="tool-sep" />
      {button(t('editor.bulletList'), BULLET_LIST_ICON, () => editor.dispatchCommand(INSERT_UNORDERED_LIST_COMMAND, undefined))}
      {button(t('editor.numberList'), NUMBER_LIST_ICON, () => editor.dispatchCommand(INSERT_ORDERED_LIST_COMMAND, undefined))}
      {button(t('editor.checkList'), CHECK_LIST_ICON, () => editor.dispatchCommand(INSERT_CHECK_LIST_COMMAND, undefined))}
      {button(t('editor.quote'), '❝', () => setBlock($createQuoteNode))}
      {button(t('editor.link'), LINK_ICON, () => setLinkOpen((open) => !open))}
      {photos && button(t('photos.insert'), PHOTO_ICON, () => editor.dispatchCommand(INSERT_PHOTOS_COMMAND, undefined))}
      {passages && lessons.length > 0 && (
        <button
          type="button"
          className="tool tool-text"
          title={t('lessons.linkPassageShortcut')}
          onMouseDown={(e) => e.preventDefault()}
          onClick={() => editor.dispatchCommand(LINK_PASSAGE_COMMAND, undefined)}
        >
          {t('lessons.linkPassage')}
        </button>
      )}
      {linkOpen && (
        <form className="link-form" onSubmit={applyLink}>
          <input
            type="url"
            autoFocus
            aria-label={t('editor.linkPrompt')}
            placeholder="https://…"
            value={linkUrl}
            aria-invalid={linkError}
            onChange={(e) => {
              setLinkUrl(e.target.value);
              setLinkError(false);
            }}
            onKeyDown={(e) => e.key === 'Escape' && setLinkOpen(false)}
          />
          {linkError && (
            <span role="alert" className="error-text">
              {t('editor.linkRejected')}
            </span>
          )}
        </form>
      )}
    </div>
  );
}
