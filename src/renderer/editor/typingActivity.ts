// Whether someone is typing a note (a keystroke in a contenteditable), for the work that
// can wait until they pause: re-reading a visit's list after each autosave, building the
// search index. On a two-core machine, either one running beside the typing made the
// slowest keystrokes (20-30 ms against 7). A search query or a title typed in an ordinary
// field does not count: their results are waited for.

/** Keystrokes closer together than this are signalled once. */
const SIGNAL_EVERY_MS = 200;
/** Typing has paused after this long without a keystroke. */
export const TYPING_PAUSE_MS = 1_000;

let lastKeystrokeAt = -Infinity;
let lastSignalAt = -Infinity;
const listeners = new Set<() => void>();
let listening = false;

function onKeyDown(event: KeyboardEvent): void {
  if (!(event.target instanceof HTMLElement) || !event.target.isContentEditable) return;
  // A shortcut (Ctrl+Shift+N: a new note) is not typing, and what it changes is awaited.
  // AltGr, which types '@' or '€' on French keyboards, comes as Ctrl+Alt: typing.
  if ((event.ctrlKey || event.metaKey) && !event.altKey) return;
  const now = performance.now();
  lastKeystrokeAt = now;
  if (now - lastSignalAt < SIGNAL_EVERY_MS) return;
  lastSignalAt = now;
  for (const listener of listeners) listener();
}

function listen(): void {
  if (listening || typeof window === 'undefined') return;
  listening = true;
  window.addEventListener('keydown', onKeyDown, { capture: true, passive: true });
}

/** `listener` is called while a note is being typed, at most every SIGNAL_EVERY_MS. */
export function onNoteTyping(listener: () => void): () => void {
  listen();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Runs `work` at once if no note is being typed, else once typing pauses; the returned
 *  function cancels it. */
export function afterNoteTyping(work: () => void): () => void {
  listen();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const attempt = (): void => {
    const wait = lastKeystrokeAt + TYPING_PAUSE_MS - performance.now();
    if (wait > 0) timer = setTimeout(attempt, wait);
    else work();
  };
  attempt();
  return () => clearTimeout(timer);
}
