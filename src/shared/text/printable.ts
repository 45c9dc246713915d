// Text from a file (a name, a zip entry, a calendar's zone) put into a message: a terminal
// obeys the escape sequences it may hold (retitle the window, clear the screen, rewrite
// the line), and bidirectional marks make it read differently than it is. Each such
// character becomes U+FFFD, so the message shows that something was there.

/** C0 and C1 controls and DEL (\p{Cc}), and the bidirectional marks and overrides. */
const UNPRINTABLE = /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function printable(text: string): string {
  return text.replace(UNPRINTABLE, '\ufffd');
}

/** JSON.stringify leaves C1 controls, bidirectional marks and line separators as they are
 *  (it escapes only C0): they are escaped too, which JSON.parse reads back unchanged. */
export function terminalSafeJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g,
    (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
