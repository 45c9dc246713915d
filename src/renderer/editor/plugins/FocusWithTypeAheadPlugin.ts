// Focuses a freshly created note and types into it what the user typed while it opened.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { $getRoot, CONTROLLED_TEXT_INSERTION_COMMAND, INSERT_PARAGRAPH_COMMAND } from 'lexical';
import { useEffect } from 'react';
import { takeTypeAhead } from '../typeAhead';

export function FocusWithTypeAheadPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    editor.focus(() => {
      editor.update(() => $getRoot().selectEnd());
      takeTypeAhead()
        .split('\n')
        .forEach((line, index) => {
          if (index > 0) editor.dispatchCommand(INSERT_PARAGRAPH_COMMAND, undefined);
          if (line) editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, line);
        });
    });
  }, [editor]);
  return null;
}
