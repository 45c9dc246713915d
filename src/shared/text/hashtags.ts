// #hashtags as Carnet reads them: letters (accents kept), digits, '_' and '-', with '/'
// for nested tags (#lesson/territoire). A tag needs one letter, so '#1' or '#2024' in a
// list of points is not a tag, and the '#' must follow a space or punctuation, so a URL's
// '#anchor' is not one either.
const TAG_BODY = String.raw`[\p{L}\p{N}_\-]*\p{L}[\p{L}\p{N}_\-]*(?:\/[\p{L}\p{N}_\-]+)*`;
const BEFORE_CHAR = String.raw`[^\p{L}\p{N}_&/#]`;
const BEFORE = `(^|${BEFORE_CHAR})`;

/** Matches one hashtag; group 1 is what precedes it, group 2 the tag without '#'. */
export function hashtagPattern(): RegExp {
  return new RegExp(`${BEFORE}#(${TAG_BODY})`, 'gu');
}

/** The canonical form of a tag: NFC, lower-case, accents kept, no '#' and no trailing '/'. */
export function normaliseTag(tag: string): string {
  return (
    tag
      .normalize('NFC')
      .replace(/^#/, '')
      .replace(/\/+$/, '')
      // Unicode's language-specific lower-casing is for Turkish, Azeri and Lithuanian only:
      // for French it is toLowerCase, which is four times faster (import, every save).
      .toLowerCase()
  );
}

/** Every distinct tag in a text, normalised and sorted. */
export function extractHashtags(text: string): string[] {
  const found = new Set<string>();
  for (const { tag } of hashtagsIn(text)) found.add(normaliseTag(tag));
  return sortTags(found);
}

const TAG_AT = new RegExp(TAG_BODY, 'uy');
const ALLOWED_BEFORE = new RegExp(`^${BEFORE_CHAR}$`, 'u');

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/**
 * The hashtags of a text, in order: what `hashtagPattern()` matches, found by looking only
 * where a '#' stands (the pattern's leading class makes the engine try every position,
 * which costs milliseconds on a long note at every save and keystroke).
 */
export function* hashtagsIn(text: string): Generator<{ start: number; end: number; tag: string }> {
  // As with the global pattern, the character before a '#' may not belong to the
  // previous match.
  let consumedUpTo = 0;
  for (let at = text.indexOf('#'); at >= 0; at = text.indexOf('#', at + 1)) {
    if (at > 0) {
      // The character before, whole when it is written with two UTF-16 units.
      const beforeStart = at >= 2 && isLowSurrogate(text.charCodeAt(at - 1)) && isHighSurrogate(text.charCodeAt(at - 2)) ? at - 2 : at - 1;
      if (beforeStart < consumedUpTo || !ALLOWED_BEFORE.test(text.slice(beforeStart, at))) continue;
    }
    TAG_AT.lastIndex = at + 1;
    const match = TAG_AT.exec(text);
    if (!match) continue;
    const end = at + 1 + match[0].length;
    yield { start: at, end, tag: match[0] };
    consumedUpTo = end;
  }
}

/** One collator for every sort (localeCompare with a locale builds one per comparison). */
const FRENCH_ORDER = new Intl.Collator('fr');

export function sortTags(tags: Iterable<string>): string[] {
  return [...new Set(tags)].sort(FRENCH_ORDER.compare);
}

/** Where each hashtag of a text starts and ends (the '#' included), for highlighting. */
export function findHashtag(text: string): { start: number; end: number } | null {
  for (const { start, end } of hashtagsIn(text)) return { start, end };
  return null;
}

/** Whether a tag (without '#') can be written as a hashtag and read back as the same tag. */
export function isValidTag(tag: string): boolean {
  return new RegExp(`^${TAG_BODY}$`, 'u').test(tag);
}
