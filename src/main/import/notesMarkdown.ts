// Notes from Markdown files — one file, or a whole folder such as a knowledge-base vault.
//
// Front matter (YAML) may give title, visit, date/created, tags and lessons; tags are
// the union of those and the #hashtags of the text. The title is the front matter's,
// else the first heading, else none; the visit is the front matter's, else none (the
// renderer matches notes to visits by date); the date is the front matter's, else a
// date the file name starts with ('2024-11-20-…'), else none. Images — `![](img/a.jpg)`
// or `![[a.jpg]]` — become attachments, found relative to the note (embeds also by name
// anywhere in the folder) and never outside the imported folder; they are taken out of
// the note's text. `[[Wiki links]]` stay as they are. A note that cannot be read is left
// out with its reason and the others are still imported.
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { load as loadYaml } from 'js-yaml';
import { createHeadlessNoteEditor, markdownToNote } from '../../shared/editor/markdown';
import type { ImportIssue, ImportPlan, PlannedAttachment, PlannedNote } from '../../shared/importPlan';
import { imageMarkdown } from '../../shared/editor/imageMarkdown';
import { plainMarkdownToNote } from '../../shared/editor/plainMarkdown';
import { newId } from '../../shared/ids';
import { extractHashtags, normaliseTag } from '../../shared/text/hashtags';
import { headingText } from './lessonsMarkdown';
import { conversionCost, MAX_CONVERSION_COST } from './markdownCost';
import { badFormat, GaveUp, ImportFailure, LIMITS, tooMany } from './limits';
import { countItems, emptyPlan, issue, textOrNull, type ParseContext } from './plan';
import { readTextFile, type TextInput } from './readInput';
import { parseIsoDateTime } from './zonedTime';

const MARKDOWN_EXTENSIONS = new Set(['.md', '.markdown']);

const IMAGE_TYPES: Record<string, string> = {
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.heic': 'image/heic',
  '.heif': 'image/heif',
  '.bmp': 'image/bmp',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
};

export function isMarkdownFile(path: string): boolean {
  return MARKDOWN_EXTENSIONS.has(extname(path).toLowerCase());
}

/** Where a note's images may be found. */
interface ImageScope {
  /** The imported folder (for one file: its folder). Nothing outside it is read. */
  root: string;
  /** Images of the folder by lower-cased file name, for `![[name.jpg]]` embeds. */
  byName: Map<string, string>;
}

/** Notes from every Markdown file of a folder and its sub-folders (hidden ones skipped). */
export async function planNotesFolder(folder: string, context: ParseContext): Promise<ImportPlan> {
  const root = resolve(folder);
  const { notes, images } = await walkFolder(root, context);
  if (notes.length === 0) throw badFormat(`${basename(root)} holds no Markdown notes (.md).`, { name: basename(root) });
  if (notes.length > LIMITS.maxNotes) throw tooMany('notes', LIMITS.maxNotes);
  context.deadline.extend(notes.length * LIMITS.budgetPerNoteMs);
  const byName = new Map<string, string>();
  for (const image of images) if (!byName.has(basename(image).toLowerCase())) byName.set(basename(image).toLowerCase(), image);
  return planNotes(notes, { root, byName }, basename(root), context);
}

/** One Markdown file as one note. */
export async function planNoteFile(path: string, context: ParseContext, input?: TextInput): Promise<ImportPlan> {
  const file = resolve(path);
  return planNotes([file], { root: dirname(file), byName: new Map() }, basename(file), context, input);
}

/** Files read at once: reading overlaps the (synchronous) conversion of the notes
 *  already read, and a vault on a slow disk is not read one file at a time. */
const READ_CONCURRENCY = 16;

type NoteOutcome = { note: PlannedNote; warnings: ImportIssue[]; encoding: string } | { skipped: ImportIssue };

async function planNotes(files: string[], scope: ImageScope, name: string, context: ParseContext, firstInput?: TextInput): Promise<ImportPlan> {
  const plan = emptyPlan('markdown', 'utf-8', name);
  const editor = createHeadlessNoteEditor();
  const outcomes = await mapConcurrently(files, READ_CONCURRENCY, async (file): Promise<NoteOutcome> => {
    context.deadline.check();
    const source = relative(scope.root, file).split(sep).join('/');
    try {
      const input = firstInput && files.length === 1 ? firstInput : await readTextFile(file, { maxBytes: LIMITS.maxNoteBytes });
      return { ...(await readNote(input.text, file, source, scope, context, editor)), encoding: input.encoding };
    } catch (error) {
      if (error instanceof GaveUp) throw error;
      return { skipped: skippedNote(source, error) };
    }
  });
  const encodings = new Set<string>();
  // In the folder's order, whatever order the files were read in.
  for (const outcome of outcomes) {
    if ('skipped' in outcome) {
      plan.skipped.push(outcome.skipped);
      continue;
    }
    encodings.add(outcome.encoding);
    plan.notes.push(outcome.note);
    plan.warnings.push(...outcome.warnings);
  }
  plan.source.encoding = encodings.size > 1 ? 'mixed' : ([...encodings][0] ?? 'utf-8');
  plan.itemCount = countItems(plan);
  return plan;
}

/** `work` on every item, at most `limit` at a time; results in the items' order. The
 *  first error stops the rest and is thrown. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function skippedNote(source: string, error: unknown): ImportIssue {
  const reason =
    error instanceof ImportFailure || error instanceof FrontMatterError || error instanceof TooComplex
      ? error.message
      : error instanceof RangeError
        ? 'it is nested too deeply to read'
        : 'it could not be converted';
  return issue('skippedItem', `Note ${source} left out: ${reason}`, { name: source, reason: reason.slice(0, 200) });
}

class FrontMatterError extends Error {}

class TooComplex extends Error {
  constructor() {
    super('it is too long or too heavily formatted to convert safely.');
  }
}

async function readNote(
  text: string,
  file: string,
  source: string,
  scope: ImageScope,
  context: ParseContext,
  editor: ReturnType<typeof createHeadlessNoteEditor>,
): Promise<{ note: PlannedNote; warnings: ImportIssue[] }> {
  const warnings: ImportIssue[] = [];
  const { fields, body } = splitFrontMatter(text);
  const { markdown: withoutImages, attachments } = await takeImages(body, file, source, scope, warnings);
  const frontMatterTags = readTags(fields);
  const markdown = withPhotos(withTags(withoutImages, frontMatterTags), attachments);
  // Over Lexical's budget, a note is still taken when the plain path reads it: that is linear.
  if (conversionCost(markdown) > MAX_CONVERSION_COST && plainMarkdownToNote(markdown) === null) throw new TooComplex();
  // Converted here, once: the renderer stores this state as it is.
  const converted = markdownToNote(markdown, editor);
  const createdAt = readCreatedAt(fields, basename(file), context.timeZone, source, warnings);
  const note: PlannedNote = {
    title: textOrNull(stringField(fields, 'title', 'titre')) ?? firstHeading(withoutImages),
    visit: unlink(textOrNull(stringField(fields, 'visit', 'visite'))),
    createdAt,
    tags: sortedTags([...frontMatterTags, ...converted.tags]),
    lessons: readLessons(fields),
    text: converted.text,
    state: converted.state,
    attachments,
    source,
  };
  return { note, warnings };
}

/** Front-matter tags that the text does not already carry become a line of hashtags, so
 *  that they live in the note like any tag typed in it. */
function withTags(markdown: string, tags: string[]): string {
  if (tags.length === 0) return markdown;
  const present = new Set(extractHashtags(markdown));
  const missing = tags.filter((tag) => !present.has(tag));
  return missing.length ? `${markdown.trimEnd()}\n\n${missing.map((tag) => `#${tag}`).join(' ')}` : markdown;
}

/** The note's photos, each on a line of its own at the end, pointing at the attachment
 *  record the renderer will write under the planned id. */
function withPhotos(markdown: string, attachments: PlannedAttachment[]): string {
  return [markdown, ...attachments.map((attachment) => imageMarkdown(attachment.id, ''))].join('\n\n');
}

// ——— Front matter ———

type Fields = Record<string, unknown>;

/** '---' on the first line, YAML, then '---' (or '...') on a line of its own. */
export const FRONT_MATTER = /^---[ \t]*\r?\n(?:([\s\S]*?)\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string): { fields: Fields; body: string } {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { fields: {}, body: text };
  let data: unknown;
  try {
    // YAML 1.2's core schema (dates stay text: readCreatedAt reads them in the expedition's
    // zone); a bounded number of aliases. js-yaml refuses a source without a document:
    // blank lines and comments only give no fields.
    const source = match[1] ?? '';
    data = source.split('\n').every((line) => /^\s*(#.*)?$/.test(line)) ? {} : loadYaml(source, { maxAliases: 50 });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0]?.slice(0, 160) : '';
    throw new FrontMatterError(`its front matter is not valid YAML (${reason}).`);
  }
  if (data !== null && data !== undefined && (typeof data !== 'object' || Array.isArray(data))) {
    throw new FrontMatterError('its front matter is not a list of fields.');
  }
  // Keys are matched without regard to case: 'Title', 'tags', 'Created'.
  // Without a prototype: a '__proto__' key is a field like any other.
  const fields: Fields = Object.create(null) as Fields;
  for (const [key, value] of Object.entries((data ?? {}) as Fields)) fields[key.toLowerCase()] = value;
  return { fields, body: text.slice(match[0].length) };
}

function field(fields: Fields, ...names: string[]): unknown {
  for (const name of names) if (fields[name] !== undefined && fields[name] !== null) return fields[name];
  return undefined;
}

function stringField(fields: Fields, ...names: string[]): string | null {
  const value = field(fields, ...names);
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** A list, or one string with commas or spaces between the values. */
function listField(fields: Fields, names: string[], splitStrings: RegExp): string[] {
  const value = field(fields, ...names);
  const items = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return items
    .filter((item): item is string | number => typeof item === 'string' || typeof item === 'number')
    .flatMap((item) => String(item).split(splitStrings))
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Distinct and sorted by code point ('écosystème' after 'start-ups'), as the sample's
 *  expected.json has them: the same order on every machine, whatever its locale. */
function sortedTags(tags: string[]): string[] {
  return [...new Set(tags)].sort();
}

function readTags(fields: Fields): string[] {
  return listField(fields, ['tags', 'tag', 'étiquettes', 'etiquettes'], /[,\s]+/)
    .map(normaliseTag)
    .filter((tag) => /\p{L}/u.test(tag));
}

function readLessons(fields: Fields): string[] {
  const lessons = listField(fields, ['lessons', 'lesson', 'enseignements', 'leçons', 'lecons'], /\n/)
    .map((lesson) => unlink(lesson))
    .filter((lesson): lesson is string => lesson !== null);
  return [...new Set(lessons)];
}

/** '[[Michelin]]' → 'Michelin': vaults often link properties to other notes. */
function unlink(value: string | null): string | null {
  if (value === null) return null;
  const linked = /^\[\[([^\]|]+)(?:\|[^\]]*)?\]\]$/.exec(value.trim());
  return textOrNull(linked ? linked[1] : value);
}

function readCreatedAt(fields: Fields, fileName: string, timeZone: string, source: string, warnings: ImportIssue[]): string | null {
  const raw = field(fields, 'date', 'created', 'created_at', 'createdat', 'créé', 'cree', 'creation');
  const text = raw instanceof Date ? raw.toISOString() : typeof raw === 'string' ? raw : null;
  if (text) {
    const parsed = parseIsoDateTime(text, timeZone);
    if (parsed) return parsed.kind === 'date' ? parsed.date : parsed.iso;
    warnings.push(issue('badDate', `Note ${source}: cannot read its date “${text.slice(0, 60)}”.`, { name: source }));
  }
  const fromName = /^(\d{4}-\d{2}-\d{2})/.exec(fileName)?.[1];
  const parsed = fromName ? parseIsoDateTime(fromName, timeZone) : null;
  return parsed?.kind === 'date' ? parsed.date : null;
}

function firstHeading(markdown: string): string | null {
  for (const line of markdown.split('\n', 2_000)) {
    const heading = headingText(line);
    if (heading) return heading;
  }
  return null;
}

// ——— Images ———

// Every repetition is bounded so that a long line without a closing bracket cannot make
// the search quadratic. One pattern for both forms: `![alt](path)` (group 1) and
// `![[name]]` (group 2), found in one pass.
const MARKDOWN_IMAGE = /!\[[^\]\n]{0,500}\]\( {0,10}(<[^>\n]{1,2000}>|[^)\s]{1,2000})(?: {1,10}(?:"[^"\n]{0,500}"|'[^'\n]{0,500}'))? {0,10}\)/;
const EMBED = /!\[\[([^\]|#\n]{1,500})(?:#[^\]|\n]{0,500})?(?:\|[^\]\n]{0,500})?\]\]/;
const IMAGE = new RegExp(`${MARKDOWN_IMAGE.source}|${EMBED.source}`, 'g');

async function takeImages(
  body: string,
  file: string,
  source: string,
  scope: ImageScope,
  warnings: ImportIssue[],
): Promise<{ markdown: string; attachments: PlannedAttachment[] }> {
  const attachments = new Map<string, PlannedAttachment>();
  const located = new Map<string, Promise<string | 'outside' | null>>();
  // The text is copied once around the images taken out: removing them one by one with
  // replace() rescanned the note each time (45,000 images: 69 s).
  const pieces: string[] = [];
  let copiedTo = 0;
  let found = false;
  for (const match of body.matchAll(IMAGE)) {
    found = true;
    const embed = match[2] !== undefined;
    const target = safeDecode(embed ? match[2]!.trim() : match[1]!.replace(/^<|>$/g, ''));
    const type = IMAGE_TYPES[extname(target).toLowerCase()];
    // Remote images, data URLs and embedded notes stay in the text as they are.
    if (!type || /^[a-z][a-z0-9+.-]*:/i.test(target)) continue;
    pieces.push(body.slice(copiedTo, match.index));
    copiedTo = match.index + match[0].length;
    const key = `${embed ? 'embed' : 'link'}:${target}`;
    let locating = located.get(key);
    if (!locating) located.set(key, (locating = locateImage(target, embed, file, scope)));
    const where = await locating;
    if (where === 'outside') {
      warnings.push(
        issue('imageOutsideFolder', `Note ${source}: image ${target} is outside the imported folder and was not imported.`, { name: source, image: target }),
      );
    } else if (where === null) {
      warnings.push(issue('missingImage', `Note ${source}: image ${target} was not found.`, { name: source, image: target }));
    } else {
      if (!attachments.has(where)) attachments.set(where, { id: newId(), path: where, name: basename(where), mime: type });
    }
  }
  if (!found) return { markdown: body, attachments: [] };
  pieces.push(body.slice(copiedTo));
  return { markdown: pieces.join('').replace(/\n{3,}/g, '\n\n'), attachments: [...attachments.values()] };
}

/** The image's absolute path; 'outside' when it would be outside the imported folder. */
async function locateImage(target: string, embed: boolean, file: string, scope: ImageScope): Promise<string | 'outside' | null> {
  if (isAbsolute(target) || /^[a-z]:[\\/]/i.test(target) || target.startsWith('\\')) return 'outside';
  const candidates = [resolve(dirname(file), target)];
  if (embed) candidates.push(resolve(scope.root, target));
  let outside = false;
  for (const candidate of candidates) {
    if (!isInside(scope.root, candidate)) {
      outside = true;
      continue;
    }
    const checked = await existingInside(scope.root, candidate);
    if (checked === 'outside') outside = true;
    else if (checked) return checked;
  }
  const byName = embed ? scope.byName.get(basename(target).toLowerCase()) : undefined;
  if (byName) return byName;
  return outside ? 'outside' : null;
}

/** Whether `path` is below `root` (both absolute; links are not resolved here). */
export function isInside(root: string, path: string): boolean {
  const fromRoot = relative(root, path);
  return fromRoot !== '' && !fromRoot.startsWith('..') && !isAbsolute(fromRoot);
}

/** The file's path if it exists, is a file, and — links followed — is still inside root. */
async function existingInside(root: string, path: string): Promise<string | 'outside' | null> {
  try {
    const [realRoot, realPath] = await Promise.all([realpath(root), realpath(path)]);
    if (!isInside(realRoot, realPath)) return 'outside';
    return (await stat(realPath)).isFile() ? path : null;
  } catch {
    return null;
  }
}

function safeDecode(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

// ——— Folder walk ———

async function walkFolder(root: string, context: ParseContext): Promise<{ notes: string[]; images: string[] }> {
  const notes: string[] = [];
  const images: string[] = [];
  let seen = 0;
  const visit = async (folder: string, depth: number): Promise<void> => {
    context.deadline.check();
    let entries: Dirent[];
    try {
      entries = await readdir(folder, { withFileTypes: true });
    } catch {
      if (folder === root) throw new ImportFailure('fileUnreadable', `Cannot read the folder ${basename(root)}.`, { name: basename(root) });
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (++seen > LIMITS.maxFolderEntries) throw tooMany('files', LIMITS.maxFolderEntries);
      // Hidden folders (.obsidian, .git, .trash) and links are not part of the notes.
      if (entry.name.startsWith('.') || entry.isSymbolicLink()) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < LIMITS.maxFolderDepth) await visit(path, depth + 1);
      } else if (entry.isFile()) {
        if (isMarkdownFile(entry.name)) notes.push(path);
        else if (IMAGE_TYPES[extname(entry.name).toLowerCase()]) images.push(path);
      }
    }
  };
  await visit(root, 0);
  return { notes, images };
}
