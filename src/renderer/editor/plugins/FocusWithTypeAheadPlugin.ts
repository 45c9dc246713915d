// A note just created by quick capture (or the New note button) takes what was typed,
// pasted and dropped while it opened, in order, and the focus — unless a later capture is
// still opening, whose keys the hidden field keeps. A note shown again later (its visit
// left and come back to) finds no capture waiting and leaves the focus where it is.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { DRAG_DROP_PASTE } from '@lexical/rich-text';
import { $getRoot, CONTROLLED_TEXT_INSERTION_COMMAND, INSERT_PARAGRAPH_COMMAND, PASTE_COMMAND, SKIP_DOM_SELECTION_TAG, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import { isTypeAheadWaiting, refocusTypeAhead, takeTypeAhead, type Held } from '../typeAhead';

/** Puts what was held at the end of the note; `caret`: the browser's caret follows it
 *  (else the focus stays where it is, with a later capture's field). Text goes in one
 *  character per update, as typing does, so that what reacts to each key (Markdown
 *  shortcuts such as "# " or "- ", tags) reacts to these too. */
function replay(editor: LexicalEditor, held: Held[], caret: boolean): void {
  const options = { discrete: true, ...(caret ? {} : { tag: SKIP_DOM_SELECTION_TAG }) } as const;
  editor.update(() => $getRoot().selectEnd(), options);
  for (const item of held) {
    if (item.kind === 'text') {
      for (const character of item.text)
        editor.update(() => {
          if (character === '\n') editor.dispatchCommand(INSERT_PARAGRAPH_COMMAND, undefined);
          else editor.dispatchCommand(CONTROLLED_TEXT_INSERTION_COMMAND, character);
        }, options);
    } else if (item.data.getData('text/plain').trim() === '' && item.data.getData('text/html') === '' && item.data.files.length > 0) {
      editor.update(() => editor.dispatchCommand(DRAG_DROP_PASTE, [...item.data.files]), options);
    } else {
      editor.update(() => editor.dispatchCommand(PASTE_COMMAND, new ClipboardEvent('paste', { clipboardData: item.data })), options);
    }
  }
}

export function FocusWithTypeAheadPlugin(): null {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    if (!isTypeAheadWaiting()) return;
    const { held, more } = takeTypeAhead();
    if (more) {
      replay(editor, held, false);
      return;
    }
    editor.focus(() => {
      // After the focus's update has committed (its callback runs inside the commit, where
      // updates would be batched into one), and before any key: a microtask.
      queueMicrotask(() => {
        // A later capture may have started while this note took the focus: its keys go
        // on to the hidden field.
        const later = isTypeAheadWaiting();
        replay(editor, held, !later);
        if (later) refocusTypeAhead();
      });
    });
  }, [editor]);
  return null;
}
