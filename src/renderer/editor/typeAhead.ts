// Quick capture must not lose the first words: between the shortcut and the new note's
// editor taking the focus, what is typed (keys, dead keys, an input method) goes to a
// hidden field, and what is pasted or dropped there is kept whole (photos, formatting);
// then all of it moves into the note, in order. A second capture before the first note
// has opened starts a hold of its own: each note takes its own, oldest first.

/** Something held for a note: text typed, or what a paste or a drop brought. */
export type Held = { kind: 'text'; text: string } | { kind: 'data'; data: DataTransfer };

let field: HTMLTextAreaElement | null = null;
/** One hold per capture whose note has not opened yet, oldest first; keys go to the last. */
const holds: Held[][] = [];
/** Told when a note takes its hold (quick captures wait for it, one after the other). */
const takenListeners: (() => void)[] = [];

/** The field's text so far goes to the newest hold. */
function keepTyped(): void {
  if (!field || field.value === '') return;
  holds.at(-1)?.push({ kind: 'text', text: field.value });
  field.value = '';
}

/** A DataTransfer lives as long as its event: its contents are copied. */
function copyOf(data: DataTransfer): DataTransfer {
  const copy = new DataTransfer();
  for (const type of data.types) if (type !== 'Files') copy.setData(type, data.getData(type));
  for (const file of data.files) copy.items.add(file);
  return copy;
}

function hiddenField(): HTMLTextAreaElement {
  if (field) return field;
  const created = document.createElement('textarea');
  created.setAttribute('aria-hidden', 'true');
  created.tabIndex = -1;
  created.className = 'type-ahead';
  const hold = (data: DataTransfer | null, event: Event): void => {
    event.preventDefault();
    if (!data || holds.length === 0) return;
    keepTyped();
    holds.at(-1)?.push({ kind: 'data', data: copyOf(data) });
  };
  created.addEventListener('paste', (event) => hold(event.clipboardData, event));
  created.addEventListener('dragover', (event) => event.preventDefault());
  created.addEventListener('drop', (event) => hold(event.dataTransfer, event));
  document.body.append(created);
  field = created;
  return created;
}

/** Starts holding what is typed and pasted for a new note (the focus moves to the field). */
export function startTypeAhead(): void {
  const held = hiddenField();
  keepTyped();
  holds.push([]);
  held.focus();
}

/** Whether a capture is waiting for its note: only then does a note's editor take it. */
export function isTypeAheadWaiting(): boolean {
  return holds.length > 0;
}

/** The oldest hold, for the note that opens; `more` when later captures still wait (the
 *  field keeps the focus for them). An empty list if nothing waited. */
export function takeTypeAhead(): { held: Held[]; more: boolean } {
  keepTyped();
  const held = holds.shift() ?? [];
  const more = holds.length > 0;
  if (!more) field?.blur();
  takenListeners.shift()?.();
  return { held, more };
}

/** Gives the focus back to the field while a capture waits (a note that took its own
 *  hold must not take the keys meant for the next one). */
export function refocusTypeAhead(): void {
  if (holds.length > 0) field?.focus();
}

/** Resolves when the next hold is taken by its note (or dropped). */
export function nextHoldTaken(): Promise<void> {
  return new Promise((resolve) => takenListeners.push(resolve));
}
