// Which parts of a note's text to show under a result, and which words in them to mark.
// Works on the original text: words are folded one by one to be compared, so the marks
// fall on the words as written (accents, elisions and capitals kept).
import { wordSpans } from '../../../shared/text/fold';

export interface Segment {
  text: string;
  marked: boolean;
}

/** Is this written word one the search matched? Matched words are the indexed forms;
 *  query words that are still being typed match as prefixes. */
export function wordMatcher(matched: readonly string[], queryWords: readonly string[]): (word: string) => boolean {
  const exact = new Set(matched);
  return (word) => exact.has(word) || queryWords.some((prefix) => prefix.length > 1 && word.startsWith(prefix));
}

/** The text cut in plain and marked segments. */
export function highlight(text: string, isMatch: (word: string) => boolean): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const span of wordSpans(text)) {
    if (!isMatch(span.word)) continue;
    if (span.start > at) segments.push({ text: text.slice(at, span.start), marked: false });
    segments.push({ text: text.slice(span.start, span.end), marked: true });
    at = span.end;
  }
  if (at < text.length) segments.push({ text: text.slice(at), marked: false });
  return segments;
}

/** A passage of about `length` characters around the first match, cut at spaces, with an
 *  ellipsis where text was left out. The whole text (to `length`) when nothing matched. */
export function snippet(text: string, isMatch: (word: string) => boolean, length = 180): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return flat;
  let first: { start: number } | undefined;
  for (const span of wordSpans(flat)) {
    if (!isMatch(span.word)) continue;
    first = span;
    break;
  }
  const from = first ? Math.max(0, first.start - Math.floor(length / 3)) : 0;
  const to = Math.min(flat.length, from + length);
  const start = from === 0 ? 0 : Math.min(first?.start ?? from, flat.indexOf(' ', from) + 1 || from);
  const endSpace = to === flat.length ? to : flat.lastIndexOf(' ', to);
  const end = endSpace > start ? endSpace : to;
  return `${start > 0 ? '… ' : ''}${flat.slice(start, end)}${end < flat.length ? ' …' : ''}`;
}
