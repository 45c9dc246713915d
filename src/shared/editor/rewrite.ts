// Edits made to many notes at once — renaming a tag, unlinking a lesson — work on the
// serialised Lexical state directly, so they run in one transaction without an editor.
import { hashtagPattern, normaliseTag } from '../text/hashtags';

interface SerializedNodeLike {
  type?: string;
  text?: string;
  ids?: string[];
  children?: SerializedNodeLike[];
  [key: string]: unknown;
}

interface SerializedStateLike {
  root: SerializedNodeLike;
}

function parse(stateJson: string): SerializedStateLike | null {
  try {
    const state = JSON.parse(stateJson) as SerializedStateLike;
    return state && typeof state === 'object' && state.root ? state : null;
  } catch {
    return null;
  }
}

function walk(node: SerializedNodeLike, visit: (node: SerializedNodeLike) => void): void {
  visit(node);
  for (const child of node.children ?? []) walk(child, visit);
}

/** The new name of `tag` when `from` becomes `to` (nested tags follow their parent),
 *  or null to drop the tag; undefined when the tag is not concerned. */
function renamedTag(tag: string, from: string, to: string | null): string | null | undefined {
  if (tag === from) return to;
  if (tag.startsWith(`${from}/`)) return to === null ? undefined : `${to}${tag.slice(from.length)}`;
  return undefined;
}

/**
 * Renames the hashtag `from` to `to` in a note (to = null deletes the tag: its word stays
 * in the text, without the '#'). Returns the new state, or null if nothing changed.
 */
export function renameTagInState(stateJson: string, from: string, to: string | null): string | null {
  const state = parse(stateJson);
  if (!state) return null;
  const source = normaliseTag(from);
  const target = to === null ? null : normaliseTag(to);
  let changed = false;
  walk(state.root, (node) => {
    if (typeof node.text !== 'string' || (node.type !== 'text' && node.type !== 'hashtag')) return;
    const text = node.text.replace(hashtagPattern(), (match, before: string, tag: string) => {
      const next = renamedTag(normaliseTag(tag), source, target);
      if (next === undefined) return match;
      changed = true;
      return next === null ? `${before}${tag}` : `${before}#${next}`;
    });
    if (text !== node.text) node.text = text;
    // A hashtag node whose '#' is gone is plain text from now on.
    if (node.type === 'hashtag' && !text.startsWith('#')) node.type = 'text';
  });
  return changed ? JSON.stringify(state) : null;
}

/** Removes a lesson from every passage mark of a note, unwrapping marks left without
 *  lessons. Returns the new state, or null if the note had no such passage. */
export function unlinkLessonInState(stateJson: string, lessonId: string): string | null {
  const state = parse(stateJson);
  if (!state) return null;
  let changed = false;
  const unwrap = (node: SerializedNodeLike): void => {
    if (!node.children) return;
    const children: SerializedNodeLike[] = [];
    for (const child of node.children) {
      unwrap(child);
      if (child.type === 'mark' && Array.isArray(child.ids) && child.ids.includes(lessonId)) {
        changed = true;
        child.ids = child.ids.filter((id) => id !== lessonId);
        if (child.ids.length === 0) {
          children.push(...(child.children ?? []));
          continue;
        }
      }
      children.push(child);
    }
    node.children = children;
  };
  unwrap(state.root);
  return changed ? JSON.stringify(state) : null;
}

/** Takes out the photos of a note whose attachment was not written (an import's image
 *  that could not be read). Returns the new state, or null if there were none. */
export function removeImagesInState(stateJson: string, attachmentIds: ReadonlySet<string>): string | null {
  const state = parse(stateJson);
  if (!state) return null;
  let changed = false;
  walk(state.root, (node) => {
    if (!node.children) return;
    const kept = node.children.filter(
      (child) => !(child.type === 'image' && typeof child['attachmentId'] === 'string' && attachmentIds.has(child['attachmentId'])),
    );
    if (kept.length !== node.children.length) {
      changed = true;
      node.children = kept;
    }
  });
  return changed ? JSON.stringify(state) : null;
}

/** The text of each passage of a note linked to `lessonId`, in reading order. */
export function passagesInState(stateJson: string, lessonId: string): string[] {
  const state = parse(stateJson);
  if (!state) return [];
  const passages: string[] = [];
  const textOf = (node: SerializedNodeLike): string => (node.type === 'linebreak' ? '\n' : (node.text ?? '') + (node.children ?? []).map(textOf).join(''));
  walk(state.root, (node) => {
    if (node.type === 'mark' && node.ids?.includes(lessonId)) passages.push(textOf(node));
  });
  // Lexical splits a passage across marks where formatting or blocks change; adjacent
  // marks of the same passage read best joined.
  return passages.filter((text) => text.trim() !== '');
}
