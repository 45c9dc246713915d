// #hashtags as Carnet reads them: letters (accents kept), digits, '_' and '-', with '/'
// for nested tags (#lesson/territoire). A tag needs one letter, so '#1' or '#2024' in a
// list of points is not a tag, and the '#' must follow a space or punctuation, so a URL's
// '#anchor' is not one either.
const TAG_BODY = String.raw`[\p{L}\p{N}_\-]*\p{L}[\p{L}\p{N}_\-]*(?:\/[\p{L}\p{N}_\-]+)*`;
const BEFORE = String.raw`(^|[^\p{L}\p{N}_&/#])`;

/** Matches one hashtag; group 1 is what precedes it, group 2 the tag without '#'. */
export function hashtagPattern(): RegExp {
  return new RegExp(`${BEFORE}#(${TAG_BODY})`, 'gu');
}

/** The canonical form of a tag: NFC, lower-case, accents kept, no '#' and no trailing '/'. */
export function normaliseTag(tag: string): string {
  return tag
    .normalize('NFC')
    .replace(/^#/, '')
    .replace(/\/+$/, '')
    .toLocaleLowerCase('fr');
}

/** Every distinct tag in a text, normalised and sorted. */
export function extractHashtags(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(hashtagPattern())) {
    const tag = match[2];
    if (tag) found.add(normaliseTag(tag));
  }
  return sortTags(found);
}

export function sortTags(tags: Iterable<string>): string[] {
  return [...new Set(tags)].sort((a, b) => a.localeCompare(b, 'fr'));
}

/** Where each hashtag of a text starts and ends (the '#' included), for highlighting. */
export function findHashtag(text: string): { start: number; end: number } | null {
  const match = hashtagPattern().exec(text);
  if (!match || match[2] === undefined) return null;
  const start = match.index + (match[1]?.length ?? 0);
  return { start, end: start + 1 + match[2].length };
}

/** Whether a tag (without '#') can be written as a hashtag and read back as the same tag. */
export function isValidTag(tag: string): boolean {
  return new RegExp(`^${TAG_BODY}$`, 'u').test(tag);
}
