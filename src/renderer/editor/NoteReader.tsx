// Another participant's note, shown as its author wrote it and kept up to date as they
// write: the note editor's nodes and theme, nothing that edits. Links open as in the
// editor; passages keep their lesson colours.
import { CheckListPlugin } from '@lexical/react/LexicalCheckListPlugin';
import { LexicalComposer, type InitialConfigType } from '@lexical/react/LexicalComposer';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { ListPlugin } from '@lexical/react/LexicalListPlugin';
import { RichTextPlugin } from '@lexical/react/LexicalRichTextPlugin';
import { useEffect, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { NOTE_NODES } from '../../shared/editor/nodes';
import { LinkOpenPlugin } from './plugins/LinkOpenPlugin';
import { PassageColoursPlugin } from './plugins/PassageColoursPlugin';
import { noteTheme } from './theme';

export function NoteReader({ state }: { state: string }): JSX.Element {
  const { t } = useTranslation();
  const config: InitialConfigType = {
    namespace: 'carnet-note-reader',
    nodes: [...NOTE_NODES],
    theme: noteTheme,
    editable: false,
    editorState: state || undefined,
    onError: (error) => console.error('[carnet] reader', error),
  };
  return (
    <LexicalComposer initialConfig={config}>
      <div className="editor editor-readonly">
        <div className="editor-body">
          <RichTextPlugin
            contentEditable={<ContentEditable className="editor-input" aria-label={t('editor.label')} aria-readonly="true" />}
            ErrorBoundary={LexicalErrorBoundary}
          />
        </div>
        <ListPlugin />
        <CheckListPlugin />
        <LinkOpenPlugin />
        <PassageColoursPlugin />
        <FollowStatePlugin state={state} />
      </div>
    </LexicalComposer>
  );
}

/** Shows each new version of the note as it arrives. */
function FollowStatePlugin({ state }: { state: string }): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!state) return;
    const next = editor.parseEditorState(state);
    if (JSON.stringify(next.toJSON()) !== JSON.stringify(editor.getEditorState().toJSON())) editor.setEditorState(next);
  }, [editor, state]);
  return null;
}
