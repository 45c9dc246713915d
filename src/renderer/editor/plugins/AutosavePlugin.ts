// Saves the note by itself: a short pause in typing, or at the latest one second after
// the first unsaved change, whichever comes first — so a crash loses at most the last
// second. Pending changes are also flushed when the note is closed or the page hidden.
import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import type { EditorState } from 'lexical';
import { useEffect, useRef } from 'react';

export const SAVE_PAUSE_MS = 300;
// 0.8 s (then at most IDLE_WAIT_MS for an idle moment), so that with the write itself the
// last second is the most a crash can take.
export const SAVE_MAX_WAIT_MS = 800;
const RETRY_MS = 2000;
/** Serialising a long note takes milliseconds: it waits for an idle moment between two
 *  keystrokes, but never longer than this. */
const IDLE_WAIT_MS = 100;

function whenIdle(run: () => void): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: IDLE_WAIT_MS });
  else run();
}

export type SaveStatus = 'saved' | 'pending' | 'failed';

interface Props {
  /** The state as loaded, so that re-rendering it (hashtag transforms…) saves nothing. */
  initialJson: string;
  /** Writes the serialised state; the EditorState is there to derive text and tags. */
  save: (json: string, state: EditorState) => Promise<void>;
  onStatus?: (status: SaveStatus) => void;
}

export function AutosavePlugin({ initialJson, save, onStatus }: Props): null {
  const [editor] = useLexicalComposerContext();
  const saveRef = useRef(save);
  saveRef.current = save;
  const statusRef = useRef(onStatus);
  statusRef.current = onStatus;

  const initialRef = useRef(initialJson);

  useEffect(() => {
    let lastSavedJson = initialRef.current;
    let pending: EditorState | null = null;
    let firstChangeAt = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let saving: Promise<void> = Promise.resolve();
    // What the note's header says, told again only when it changes (not at every key).
    let shown: SaveStatus = 'saved';
    const show = (status: SaveStatus): void => {
      if (status === shown) return;
      shown = status;
      statusRef.current?.(status);
    };

    const flush = (): void => {
      clearTimeout(timer);
      timer = undefined;
      const state = pending;
      if (!state) return;
      pending = null;
      const json = JSON.stringify(state.toJSON());
      if (json === lastSavedJson) {
        if (shown === 'pending') show('saved');
        return;
      }
      saving = saving.then(async () => {
        try {
          await saveRef.current(json, state);
          lastSavedJson = json;
          if (!pending) show('saved');
        } catch (error) {
          console.error('[carnet] autosave failed', error);
          show('failed');
          // Keep the newest state: a later edit may already have replaced it.
          pending ??= state;
          timer ??= setTimeout(flush, RETRY_MS);
        }
      });
    };

    const schedule = (): void => {
      // A monotonic clock: a frozen or corrected system clock must not hold a save back.
      const now = performance.now();
      if (!timer) firstChangeAt = now;
      clearTimeout(timer);
      const wait = Math.min(SAVE_PAUSE_MS, Math.max(0, firstChangeAt + SAVE_MAX_WAIT_MS - now));
      timer = setTimeout(() => whenIdle(flush), wait);
    };

    const unregister = editor.registerUpdateListener(({ editorState, dirtyElements, dirtyLeaves, prevEditorState }) => {
      // Selection moves and the initial load are not edits.
      if (dirtyElements.size === 0 && dirtyLeaves.size === 0) return;
      if (prevEditorState.isEmpty()) return;
      pending = editorState;
      // Unsaved from the first key: "Enregistré" is never shown over unsaved text.
      if (shown === 'saved') show('pending');
      schedule();
    });

    const onHide = (): void => {
      if (document.visibilityState === 'hidden') flush();
    };
    window.addEventListener('pagehide', flush);
    document.addEventListener('visibilitychange', onHide);
    return () => {
      unregister();
      window.removeEventListener('pagehide', flush);
      document.removeEventListener('visibilitychange', onHide);
      flush();
    };
  }, [editor]);

  return null;
}
