// The pieces hostile inputs are made of: text that would run or load something if a
// writer let it through, characters terminals obey or XML forbids, and the runs that made
// readers quadratic. Every generator of the fuzzer draws from these.
import type { Random } from './random';

/** Markup, scripts and remote references, in the forms escaping must catch. */
export const MARKUP = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg onload=alert(1)>',
  "'><iframe src=javascript:alert(1)></iframe>",
  '<a href="javascript:alert(1)">lien</a>',
  '</style><script>alert(1)</script>',
  '</title><script>alert(1)</script>',
  '<style>@import url(http://evil.example/x.css)</style>',
  '<meta http-equiv="refresh" content="0;url=http://evil.example">',
  '<base href="http://evil.example/">',
  '<!-- ',
  ']]><script>alert(1)</script>',
  '&lt;script&gt;alert(1)&lt;/script&gt;',
  '&#60;script&#62;',
  'javascript:alert(1)',
  'http://evil.example/x.png',
  '//evil.example/x.png',
  'file:///etc/passwd',
  'url(http://evil.example/x.png)',
  '[lien](javascript:alert(1))',
  '![photo](http://evil.example/x.png)',
  '<http://evil.example>',
  '{{constructor.constructor("alert(1)")()}}',
  '${alert(1)}',
  '<w:instrText>INCLUDEPICTURE "http://evil.example/x.png"</w:instrText>',
  '/JavaScript /JS (app.alert(1))',
  // A line a Markdown journal must not make a heading of (outputChecks looks for it).
  '\n# fuzz-injected\n',
];

/** Link targets a note may carry: a writer keeps only http(s) and mailto ones. */
export const LINK_URLS = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'java\tscript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'vbscript:msgbox(1)',
  '//evil.example/x',
  'https://example.org/a)[x](javascript:alert(1)',
  'https://example.org/"><script>alert(1)</script>',
  "https://example.org/' onmouseover='alert(1)",
  'http://example.org/<img src=x onerror=alert(1)>',
  'mailto:a@example.org?body=<script>alert(1)</script>',
  'https://example.org/\u0000\u001b[2J',
  'https://',
  '',
];

/** Terminal commands: retitle the window, clear the screen, an 8-bit CSI, colours, and a
 *  right-to-left override. */
export const TERMINAL = ['\u001b]0;pwned\u0007', '\u001b[2J', '\u009b2J', '\u001b[31m', '\u202e', '\u0007'];

/** What XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates, U+FFFE/FFFF). */
export const XML_FORBIDDEN = ['\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\ufffe', '\uffff', '\ud800', '\udfff'];

export const LINE_BREAKS = ['\n', '\r\n', '\r', '\u2028', '\u2029', '\u0085', '\u000b', '\u000c'];

/** Words of a real note, so that hostile pieces sit among ordinary text. */
const WORDS = [
  'visite',
  'atelier',
  'l’équipe',
  'innovation',
  '« territoire »',
  'Michelin',
  'start-up',
  'œuvre',
  'café',
  '#tag',
  '#lesson/territoire',
  'é',
  '😀',
];

/** A short text mixing ordinary words with hostile pieces of every kind. */
export function hostileText(random: Random, pieces = random.int(1, 6)): string {
  const kinds = [MARKUP, TERMINAL, XML_FORBIDDEN, LINE_BREAKS, WORDS, WORDS];
  return Array.from({ length: pieces }, () => random.pick(random.pick(kinds))).join(random.pick([' ', '', '\n']));
}

/** A run that made some reader or writer quadratic, of about `size` characters. */
export function quadraticRun(random: Random, size: number): string {
  const unit = random.pick([' ', '\t', '\u00a0', '[', '![', '](', '*', '_', '`', '<', '&', '#', '\\', '"', '-', '> ', '# a\n', '[[', '~~', '|']);
  return unit.repeat(Math.max(1, Math.floor(size / unit.length)));
}
