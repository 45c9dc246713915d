// The editor of one note. Mounted afresh for each note (keyed by id), it loads the
// stored Lexical state and saves every change by itself through AutosavePlugin.
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { LinkPlugin } from '@lexical/react/LexicalLinkPlugin';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { MarkdownShortcutPlugin } from '@lexical/react/LexicalMarkdownShortcutPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import type { EditorState, LexicalEditor } from 'lexical';
import { memo, type JSX, type RefObject } from 'react';
import type * as Y from 'yjs';
import { useTranslation } from 'react-i18next';
import { setImageDecorator } from '../../shared/editor/ImageNode';
import { NOTE_TRANSFORMERS } from '../../shared/editor/markdown';
import { NOTE_NODES } from '../../shared/editor/nodes';
import { isAllowedUrl } from '../../shared/urls';
import { ImagesPlugin } from './plugins/ImagesPlugin';
import { renderImage } from './nodes/ImageView';
import { AutosavePlugin, type SaveStatus } from './plugins/AutosavePlugin';
import { CappedHistoryPlugin } from './plugins/CappedHistoryPlugin';
import { NoteDocPlugin, type Presence } from './plugins/NoteDocPlugin';
import { CleanPastePlugin } from './plugins/CleanPastePlugin';
import { FocusWithTypeAheadPlugin } from './plugins/FocusWithTypeAheadPlugin';
import { LinkOpenPlugin } from './plugins/LinkOpenPlugin';
import { NotePoliciesPlugin } from './plugins/NotePoliciesPlugin';
import { PassageColoursPlugin } from './plugins/PassageColoursPlugin';
import { PassageLessonsPlugin } from './plugins/PassageLessonsPlugin';
import { QuotationDropPlugin } from './plugins/QuotationDropPlugin';
import { noteTheme } from './theme';
import { Toolbar } from './Toolbar';

// Image nodes live in shared code (headless conversion loads them too); on screen they
// are drawn by this React component.
setImageDecorator(renderImage);

interface Props {
  /** The note being edited: photos added to it are stored against it. Without it (tests
   *  of the bare editor) photos cannot be added. */
  noteId?: string;
  /** Serialised Lexical state; '' for a new, empty note. */
  initialState: string;
  save: (json: string, state: EditorState) => Promise<void>;
  onStatus?: (status: SaveStatus) => void;
  autoFocus?: boolean;
  /** In a shared expedition, the note's body document: the editor edits it live. */
  doc?: Y.Doc;
  /** With `doc`, for a document several people edit at once: their cursors and names. */
  presence?: Presence;
  /** The text box's accessible name: "Texte de la note" unless said. */
  label?: string;
  /** Receives the editor, for what is written into it from outside (a quotation sent). */
  editorRef?: RefObject<LexicalEditor | null>;
  /** Takes quotations dragged from a lesson's evidence (a synthesis). */
  quotations?: boolean;
}

/** Drawn again only when its own props change: the note's header follows every save, the
 *  editor and its toolbar need not. */
export const NoteEditor = memo(function NoteEditor({
  noteId,
  initialState,
  save,
  onStatus,
  autoFocus,
  doc,
  presence,
  label,
  editorRef,
  quotations,
}: Props): JSX.Element {
  const { t } = useTranslation();
  const config: InitialConfigType = {
    namespace: 'carnet-note',
    nodes: [...NOTE_NODES],
    theme: noteTheme,
    editorState: initialState || undefined,
    onError: (error) => console.error('[carnet] editor', error),
  };
  return (
    <LexicalComposer initialConfig={config}>
      <div className="editor">
        <Toolbar photos={noteId !== undefined} passages={noteId !== undefined} />
        {noteId !== undefined && <ImagesPlugin noteId={noteId} />}
        {noteId !== undefined && <PassageLessonsPlugin />}
        {noteId !== undefined && <PassageColoursPlugin />}
        <div className="editor-body">
          <RichTextPlugin
            contentEditable={
              <ContentEditable
                className="editor-input"
                aria-label={label ?? t('editor.label')}
                aria-placeholder={t('editor.placeholder')}
                placeholder={<div className="editor-placeholder">{t('editor.placeholder')}</div>}
              />
            }
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        {doc ? <NoteDocPlugin doc={doc} {...(presence ? { presence } : {})} /> : <CappedHistoryPlugin />}
        {editorRef && <EditorRefPlugin editorRef={editorRef} />}
        {quotations && <QuotationDropPlugin />}
        <ListPlugin />
        <CheckListPlugin />
        <LinkPlugin validateUrl={isAllowedUrl} />
        <LinkOpenPlugin />
        <NotePoliciesPlugin />
        <CleanPastePlugin />
        <MarkdownShortcutPlugin transformers={NOTE_TRANSFORMERS} />
        <AutosavePlugin initialJson={initialState} save={save} onStatus={onStatus} />
        {autoFocus && <FocusWithTypeAheadPlugin />}
      </div>
    </LexicalComposer>
  );
});
