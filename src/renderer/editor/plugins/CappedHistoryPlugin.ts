import { createEmptyHistoryState, registerHistory } from '@lexical/history';
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { useEffect, useMemo } from 'react';

/** Undo steps kept per note: enough for a session of writing, bounded in memory. */
export const MAX_UNDO_STEPS = 200;
/** Keystrokes closer together than this merge into one undo step. */
const MERGE_DELAY_MS = 500;

export function CappedHistoryPlugin(): null {
  const [editor] = useLexicalComposerContext();
  const historyState = useMemo(createEmptyHistoryState, []);
  useEffect(() => registerHistory(editor, historyState, MERGE_DELAY_MS, undefined, undefined, MAX_UNDO_STEPS), [editor, historyState]);
  return null;
}
