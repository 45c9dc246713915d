// Quick capture must not lose the first words: between the shortcut and the new note's
// editor taking focus, keystrokes are held here, then replayed into the editor.
export type HeldKey = { text: string } | { enter: true };

let held: HeldKey[] | null = null;

function hold(event: KeyboardEvent): void {
  if (!held || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === 'Enter') held.push({ enter: true });
  else if (event.key.length === 1) held.push({ text: event.key });
  else return;
  event.preventDefault();
  event.stopPropagation();
}

/** Starts holding keystrokes (and takes focus away from whatever field had it). */
export function startTypeAhead(): void {
  if (held) return;
  held = [];
  (document.activeElement as HTMLElement | null)?.blur?.();
  window.addEventListener('keydown', hold, true);
}

/** Stops holding and returns what was typed meanwhile (nothing if not holding). */
export function takeTypeAhead(): HeldKey[] {
  const keys = held ?? [];
  held = null;
  window.removeEventListener('keydown', hold, true);
  return keys;
}
