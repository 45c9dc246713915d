// What every output of the fuzzer is held to: the CLI's contract (exit 0 with a result, or
// exit 2 and one plain line on stderr), and for each journal format, no script, no event
// attribute, no remote or local reference outside the journal — only the http(s) and
// mailto links a note held — read the way that format's reader reads it.
import { readdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join, posix } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { LIMITS } from '../../../src/main/import/limits';
import { loadPdfReader } from '../../../src/main/export/pdfPages';
import type { ExportFormat } from '../../../src/shared/journal/formats';
import { parseAllowedUrl } from '../../../src/shared/urls';
import { overBudget, type CliRun } from './budget';
import { excerpt } from './harness';

/** Anything a terminal could obey or that reorders a line, line ends apart. */
function hasTerminalControls(text: string): boolean {
  return /[\p{Cc}\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u.test(text.replace(/\n/g, ''));
}

/** The CLI's contract, whatever the input: within budget; exit 0 and nothing on stderr,
 *  or exit 2, nothing on stdout and one line `carnet: …` on stderr, plain and true. */
export function cliProblems(run: CliRun): string[] {
  const problems = overBudget(run);
  if (run.hung) return problems;
  const stderr = `stderr ${excerpt(run.stderr)}`;
  if (run.code === 0) {
    if (run.stderr !== '') problems.push(`exit 0 with ${stderr}`);
    if (hasTerminalControls(run.stdout)) problems.push(`control characters on stdout ${excerpt(run.stdout)}`);
  } else if (run.code === 2) {
    if (run.stdout !== '') problems.push(`exit 2 with stdout ${excerpt(run.stdout)}`);
    if (!/^carnet: [^\n]+\n$/.test(run.stderr)) problems.push(`exit 2 without one line "carnet: …": ${stderr}`);
    if (/internal error|\bat .+:\d+:\d+/.test(run.stderr)) problems.push(`an internal error or a stack trace: ${stderr}`);
    if (hasTerminalControls(run.stderr)) problems.push(`control characters on ${stderr}`);
  } else {
    problems.push(`${run.signal ? `ended by ${run.signal}` : `exit ${run.code}`} (not 0 or 2): ${stderr}`);
  }
  return problems;
}

/** A date, or a time with its offset; years past 9999 or before 0 in the expanded form. */
const ISO_TIME = /^(\d{4}|[+-]\d{6})-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2})?$/;
const isIsoTime = (time: unknown): boolean => typeof time === 'string' && ISO_TIME.test(time) && !Number.isNaN(Date.parse(time));

/** `carnet inspect`'s JSON, as the README documents it, within the importers' limits. */
export function inspectReportProblems(stdout: string): string[] {
  let report: {
    source?: { format?: unknown };
    visits?: { title?: unknown; start?: unknown; end?: unknown; allDay?: unknown }[];
    lessons?: unknown[];
    notes?: { tags?: unknown; createdAt?: unknown }[];
    warnings?: unknown[];
  };
  try {
    report = JSON.parse(stdout) as typeof report;
  } catch {
    return [`stdout is not JSON: ${excerpt(stdout)}`];
  }
  const { visits, lessons, notes, warnings } = report;
  if (!Array.isArray(visits) || !Array.isArray(lessons) || !Array.isArray(notes) || !Array.isArray(warnings))
    return [`not the documented shape: ${excerpt(stdout)}`];
  const problems: string[] = [];
  // A backup is restored as it is; the other formats are bounded by LIMITS.
  if (report.source?.format !== 'carnet') {
    if (visits.length > LIMITS.maxVisits) problems.push(`${visits.length} visits, over ${LIMITS.maxVisits}`);
    if (lessons.length > LIMITS.maxLessons) problems.push(`${lessons.length} lessons, over ${LIMITS.maxLessons}`);
    if (notes.length > LIMITS.maxNotes) problems.push(`${notes.length} notes, over ${LIMITS.maxNotes}`);
  }
  for (const visit of visits) {
    if (typeof visit.title !== 'string' || visit.title.trim() === '') problems.push(`a visit without a title: ${excerpt(JSON.stringify(visit))}`);
    for (const time of [visit.start, visit.end])
      if (time !== null && !isIsoTime(time)) problems.push(`a visit time that is not ISO 8601: ${excerpt(String(time))}`);
  }
  for (const note of notes) {
    if (note.createdAt !== null && !isIsoTime(note.createdAt)) problems.push(`a note time that is not ISO 8601: ${excerpt(String(note.createdAt))}`);
    const lowerCased = Array.isArray(note.tags) && note.tags.every((tag) => typeof tag === 'string' && tag === tag.toLocaleLowerCase('fr'));
    if (!lowerCased) problems.push(`tags not lower-cased: ${excerpt(JSON.stringify(note.tags))}`);
  }
  if (warnings.some((warning) => typeof warning !== 'string')) problems.push('a warning that is not text');
  return [...new Set(problems)].slice(0, 5);
}

// --- HTML ------------------------------------------------------------------------------

const HTML_TAGS = new Set(
  'html head meta title style body section nav h1 h2 h3 h4 h5 h6 p ol ul li a span div article blockquote figure img figcaption br strong em u s code input mark'.split(
    ' ',
  ),
);
const HTML_ATTRIBUTES = new Set(
  'class id href src alt width height lang charset http-equiv content name style type disabled checked aria-labelledby'.split(' '),
);
const CSP_INLINE = `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; font-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">`;

const unescapeHtml = (text: string): string =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name] ?? '');

/** The HTML journal: its Content-Security-Policy first in the head, only the tags and
 *  attributes the journal writes, links to the journal's anchors or to http(s)/mailto
 *  pages, images and fonts from data: URIs. */
function htmlProblems(html: string): string[] {
  const problems: string[] = [];
  const head = /^<!doctype html>\n<html lang="[a-z]+">\n<head>\n<meta charset="utf-8">\n(.*)\n/.exec(html);
  if (head?.[1] !== CSP_INLINE) problems.push(`the head does not start with the Content-Security-Policy: ${excerpt(html.slice(0, 400))}`);
  const styles = [...html.matchAll(/<style( id="draft")?>([\s\S]*?)<\/style>/g)];
  for (const [, , css] of styles) {
    if (/@import|expression\(|javascript:|<\//i.test(css!)) problems.push(`a style sheet that loads or runs something: ${excerpt(css!)}`);
    for (const [, url] of css!.matchAll(/url\(\s*["']?([^)"']*)/g)) if (!url!.startsWith('data:')) problems.push(`a style sheet that loads ${excerpt(url!)}`);
  }
  const markup = html.replace(/<style( id="draft")?>[\s\S]*?<\/style>/g, '<style></style>');
  if (/<!--|<!\[CDATA\[|<script/i.test(markup)) problems.push('a comment, CDATA or script in the markup');
  for (const [tag, name, attributes] of markup.matchAll(/<\/?([A-Za-z][A-Za-z0-9-]*)([^>]*)>/g)) {
    if (!HTML_TAGS.has(name!.toLowerCase())) problems.push(`a <${name}> tag: ${excerpt(tag)}`);
    const rest = attributes!.replace(/\s([a-z-]+)(?:="([^"]*)")?/g, (_, attribute: string, value: string | undefined) => {
      problems.push(...attributeProblems(name!.toLowerCase(), attribute, value === undefined ? undefined : unescapeHtml(value)));
      return '';
    });
    if (rest.trim() !== '' && rest.trim() !== '/') problems.push(`a tag the journal does not write: ${excerpt(tag)}`);
  }
  return [...new Set(problems)].slice(0, 10);
}

function attributeProblems(tag: string, attribute: string, value: string | undefined): string[] {
  if (!HTML_ATTRIBUTES.has(attribute)) return [`a ${attribute}= attribute on <${tag}>`];
  if (value === undefined) return [];
  switch (attribute) {
    case 'href':
      return value.startsWith('#') || parseAllowedUrl(value) ? [] : [`a link to ${excerpt(value)}`];
    case 'src':
      return /^data:[^"'\s<>,]*;base64,[A-Za-z0-9+/=]*$/.test(value) ? [] : [`an image from ${excerpt(value)}`];
    case 'style':
      return /^--lesson-color: #[0-9a-fA-F]{3,8}$/.test(value) ? [] : [`a style attribute ${excerpt(value)}`];
    default:
      return [];
  }
}

// --- Markdown --------------------------------------------------------------------------

/** A Markdown journal, by path (a folder's files, or a zip's entries): no raw HTML outside
 *  code, links only to http(s)/mailto or to a file of the journal, images only from it. */
function markdownProblems(files: Map<string, Uint8Array>): string[] {
  const problems: string[] = [];
  if (!files.has('index.md')) problems.push('no index.md');
  for (const [path, bytes] of files) {
    if (path.split('/').some((part) => part === '' || part === '.' || part === '..') || path.startsWith('/')) problems.push(`a file at ${excerpt(path)}`);
    if (!path.endsWith('.md')) continue;
    const body = strFromU8(bytes).replace(/^---\n[\s\S]*?\n---\n/, '');
    const text = outsideCode(body);
    for (const match of text.matchAll(/(?<!\\)(?:\\\\)*</g)) problems.push(`raw HTML in ${path}: ${excerpt(text.slice(match.index, match.index + 60))}`);
    for (const [, image, target] of text.matchAll(/(!?)\[(?:[^\]\\]|\\.)*\]\(([^)]*)\)/g)) {
      problems.push(...linkProblems(path, image === '!', target!, files));
    }
    // A heading, in a quote or a list item too.
    if (/^[ \t>]*#{1,6}[ \t]+fuzz-injected/m.test(text)) problems.push(`a heading made of a record's text in ${path}`);
  }
  return [...new Set(problems)].slice(0, 10);
}

/** The text of a Markdown body with its code spans blanked, escaped characters kept as
 *  they are. */
function outsideCode(body: string): string {
  let text = '';
  let inCode = false;
  for (let i = 0; i < body.length; i++) {
    const char = body[i]!;
    if (!inCode && char === '\\') {
      text += body.slice(i, i + 2);
      i++;
    } else if (char === '`') {
      inCode = !inCode;
      text += ' ';
    } else {
      text += inCode ? ' ' : char;
    }
  }
  return text;
}

function linkProblems(from: string, image: boolean, target: string, files: Map<string, Uint8Array>): string[] {
  if (!image && parseAllowedUrl(target)) return [];
  let path: string;
  try {
    path = posix.normalize(posix.join(posix.dirname(from), decodeURI(target)));
  } catch {
    return [`a link that is not a URI in ${from}: ${excerpt(target)}`];
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('/') || path.startsWith('../'))
    return [`${image ? 'an image' : 'a link'} to ${excerpt(target)} in ${from}`];
  return files.has(path) ? [] : [`${image ? 'an image' : 'a link'} to a missing ${excerpt(path)} in ${from}`];
}

// --- DOCX ------------------------------------------------------------------------------

const XML_FORBIDDEN_CHAR = /[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u;
// jsdom's XML parser (strict, as Word is); jsdom ships without type declarations.
const { JSDOM } = createRequire(__filename)('jsdom') as { JSDOM: new (html: string) => { window: { DOMParser: typeof DOMParser } } };
const parser = new new JSDOM('').window.DOMParser();

/** A Word document: every XML part well-formed and free of forbidden characters, no
 *  macro, ActiveX, embedded object or imported chunk, external relationships only to
 *  http(s)/mailto links, and no field but the table of contents and its page numbers. */
function docxProblems(bytes: Uint8Array): string[] {
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes);
  } catch (error) {
    return [`not a zip: ${(error as Error).message}`];
  }
  const problems: string[] = [];
  if (!parts['word/document.xml']) problems.push('no word/document.xml');
  for (const [path, content] of Object.entries(parts)) {
    if (/vbaProject|activeX|oleObject|embeddings\//i.test(path)) problems.push(`a part ${path}`);
    if (!/\.(xml|rels)$/.test(path)) continue;
    let xml: string;
    try {
      xml = new TextDecoder('utf-8', { fatal: true }).decode(content);
    } catch {
      problems.push(`${path} is not UTF-8`);
      continue;
    }
    if (XML_FORBIDDEN_CHAR.test(xml)) problems.push(`a character XML forbids in ${path}`);
    else if (parser.parseFromString(xml, 'application/xml').getElementsByTagName('parsererror').length > 0) problems.push(`${path} is not well-formed XML`);
    if (/<w:altChunk|<script/i.test(xml)) problems.push(`an imported chunk or a script in ${path}`);
    // The table of contents, and its entries' page numbers.
    for (const [, field] of xml.matchAll(/<w:instrText[^>]*>([^<]*)</g))
      if (!/^\s*(TOC|PAGEREF _Toc\d+)\b/.test(field!)) problems.push(`a field ${excerpt(field!)} in ${path}`);
    for (const [relationship] of xml.matchAll(/<Relationship\b[^>]*>/g)) {
      const attribute = (name: string): string => unescapeHtml(new RegExp(`\\b${name}="([^"]*)"`).exec(relationship)?.[1] ?? '');
      const external = attribute('TargetMode') === 'External';
      if (external && !(attribute('Type').endsWith('/hyperlink') && parseAllowedUrl(attribute('Target'))))
        problems.push(`an external relationship ${excerpt(relationship)}`);
      if (!external && /^[a-z][a-z0-9+.-]*:/i.test(attribute('Target'))) problems.push(`a relationship to ${excerpt(relationship)}`);
    }
  }
  return [...new Set(problems)].slice(0, 10);
}

// --- PDF -------------------------------------------------------------------------------

/** A PDF journal, read by pdf.js: no JavaScript, no attached file, no annotation but
 *  links, and links only within the book or to http(s)/mailto pages. */
async function pdfProblems(bytes: Uint8Array): Promise<string[]> {
  const pdfjs = await loadPdfReader();
  let document;
  try {
    document = await pdfjs.getDocument({ data: bytes.slice(), isEvalSupported: false, disableFontFace: true, verbosity: 0 }).promise;
  } catch (error) {
    return [`pdf.js cannot read it: ${(error as Error).message}`];
  }
  try {
    const problems: string[] = [];
    if (await document.getJSActions()) problems.push('document JavaScript actions');
    if (await document.getAttachments()) problems.push('attached files');
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      if (await page.getJSActions()) problems.push(`JavaScript actions on page ${number}`);
      for (const annotation of (await page.getAnnotations()) as {
        subtype?: string;
        url?: string;
        unsafeUrl?: string;
        dest?: unknown;
        action?: string;
        actions?: unknown;
      }[]) {
        if (annotation.subtype !== 'Link') problems.push(`a ${annotation.subtype} annotation on page ${number}`);
        else if (annotation.actions || annotation.action) problems.push(`a link with an action on page ${number}`);
        else if (annotation.unsafeUrl !== undefined ? !parseAllowedUrl(annotation.unsafeUrl) : annotation.dest === undefined)
          problems.push(`a link to ${excerpt(String(annotation.unsafeUrl ?? annotation.url))} on page ${number}`);
      }
    }
    return [...new Set(problems)].slice(0, 10);
  } finally {
    await document.destroy();
  }
}

/** The journal written at `out` in `format`, held to that format's checks. */
export async function journalProblems(format: Exclude<ExportFormat, 'carnet'>, out: string): Promise<string[]> {
  switch (format) {
    case 'html':
      return htmlProblems(await readFile(out, 'utf8'));
    case 'md': {
      const paths = (await readdir(out, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => posix.relative(out, join(entry.parentPath, entry.name)));
      return markdownProblems(new Map(await Promise.all(paths.map(async (path) => [path, new Uint8Array(await readFile(join(out, path)))] as const))));
    }
    case 'mdzip':
      return markdownProblems(new Map(Object.entries(unzipSync(new Uint8Array(await readFile(out)))).filter(([path]) => !path.endsWith('/'))));
    case 'docx':
      return docxProblems(new Uint8Array(await readFile(out)));
    case 'pdf':
      return pdfProblems(new Uint8Array(await readFile(out)));
  }
}
