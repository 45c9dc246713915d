// Quick capture must not lose the first words: between the shortcut and the new note's
// editor taking focus, typing goes into a hidden field (whatever produced it: keys,
// dead keys, an input method), and is then moved into the editor.
let holder: HTMLTextAreaElement | null = null;

function hiddenField(): HTMLTextAreaElement {
  if (!holder) {
    holder = document.createElement('textarea');
    holder.setAttribute('aria-hidden', 'true');
    holder.tabIndex = -1;
    holder.className = 'type-ahead';
    document.body.append(holder);
  }
  return holder;
}

/** Starts holding what is typed (focus moves to the hidden field). */
export function startTypeAhead(): void {
  const field = hiddenField();
  field.value = '';
  field.focus();
}

/** Stops holding and returns what was typed meanwhile, '' if nothing. */
export function takeTypeAhead(): string {
  if (!holder) return '';
  const text = holder.value;
  holder.value = '';
  holder.blur();
  return text;
}
