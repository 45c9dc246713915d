// The journal as a folder of Markdown files any vault can open: an index, one file per
// note in a folder per visit (YAML front matter: title, visit, date, tags, lessons), one
// file per lesson quoting its evidence, an index of tags, and each photo beside its note.
// Text is written as typed (no typographic rewriting): these files are meant to be
// edited and imported again.
import { dump } from 'js-yaml';
import type { Evidence, Journal, JournalNote, KeyEvidence, LessonChapter, Passage, SummaryChapter, VisitMention } from './build';
import { extensionOfMime, printedVariant, variantMime, type AttachmentVariant } from './records';
import type { Block, Inline } from './richText';
import { JOURNAL_STRINGS } from './strings';

export interface MarkdownFile {
  path: string;
  content: string;
}

export interface MarkdownImage {
  path: string;
  attachmentId: string;
  variant: AttachmentVariant;
}

export interface MarkdownJournal {
  files: MarkdownFile[];
  images: MarkdownImage[];
}

/** A file name safe everywhere: accents folded, no separators, at most 60 characters. */
export function slug(text: string, fallback = 'sans-titre'): string {
  const cleaned = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return cleaned || fallback;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Markdown's special characters in running text; '#' stays so #tags stay tags, but not
 *  a '#' that would start a heading at the start of a line. Every line break becomes
 *  '\n', the one the writers below quote and indent line by line. */
function escapeMarkdown(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/([\\`*[\]<>])/g, '\\$1')
    .replace(/(^|\s)_|_(\s|$)/g, (m) => m.replace('_', '\\_'))
    .replace(/^([ \t]*)(#{1,6})(?=[ \t]|$)/gm, '$1\\$2');
}

/** A name, a title or a tag: escaped, and on one line, so it stays inside its heading,
 *  list item or quote. */
function escapeLine(text: string): string {
  return escapeMarkdown(text.replace(/[\r\n\v\f\u0085\u2028\u2029]+/g, ' '));
}

/** A link's URL (already an allowed http, https or mailto URL) with the characters that
 *  would end or open a Markdown link percent-encoded. */
function markdownUrl(url: string): string {
  return url.replace(/[\s()<>[\]\\`]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

function inlinesToMarkdown(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      if (inline.kind === 'break') return '  \n';
      if (inline.kind === 'link') return `[${inlinesToMarkdown(inline.children)}](${markdownUrl(inline.url)})`;
      let text = inline.code ? `\`${inline.text.replace(/`/g, '').replace(/[\r\n]+/g, ' ')}\`` : escapeMarkdown(inline.text);
      if (inline.bold) text = `**${text}**`;
      if (inline.italic) text = `*${text}*`;
      if (inline.strike) text = `~~${text}~~`;
      return text;
    })
    .join('');
}

function blocksToMarkdown(blocks: readonly Block[], imagePath: (id: string) => string | null, indent = ''): string {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.kind) {
      case 'paragraph':
        out.push(indent + inlinesToMarkdown(block.inlines));
        break;
      case 'heading':
        out.push(`${indent}${'#'.repeat(Math.min(6, block.level + 1))} ${inlinesToMarkdown(block.inlines)}`);
        break;
      case 'quote':
        out.push(
          inlinesToMarkdown(block.inlines)
            .split('\n')
            .map((line) => `${indent}> ${line}`)
            .join('\n'),
        );
        break;
      case 'list':
        out.push(
          block.items
            .map((item, index) => {
              const marker = block.style === 'number' ? `${index + 1}.` : block.style === 'check' ? `- [${item.checked ? 'x' : ' '}]` : '-';
              const nested = item.children.length > 0 ? `\n${blocksToMarkdown(item.children, imagePath, `${indent}    `)}` : '';
              return `${indent}${marker} ${inlinesToMarkdown(item.inlines)}${nested}`;
            })
            .join('\n'),
        );
        break;
      case 'image': {
        const path = imagePath(block.attachmentId);
        if (path) out.push(`${indent}![${escapeLine(block.caption)}](${encodeURI(path)})`);
        break;
      }
    }
  }
  return out.join('\n\n');
}

/** "Intervenants : " / "Speakers: ". */
function colon(journal: Journal): string {
  return journal.language === 'fr' ? ' : ' : ': ';
}

function frontMatter(data: Record<string, unknown>): string {
  return `---\n${dump(data, { lineWidth: -1 }).trimEnd()}\n---\n\n`;
}

export function renderJournalMarkdown(journal: Journal): MarkdownJournal {
  const s = JOURNAL_STRINGS[journal.language];
  const files: MarkdownFile[] = [];
  const images: MarkdownImage[] = [];
  const attachments = new Map(journal.attachments.map((a) => [a.id, a]));
  const notePaths = new Map<string, string>();
  const usedNames = new Set<string>();
  // Each photo's file name in each folder, unique even on disks that ignore case.
  const photoNames = new Map<string, string>();
  const usedPhotoNames = new Set<string>();

  // Every note shown in the book, grouped in a folder per visit.
  const visitFolders = new Map<string, string>();
  const folderOf = (visitTitle: string): string => {
    let folder = visitFolders.get(visitTitle);
    if (!folder) {
      folder = `${s.visits.toLowerCase()}/${pad(visitFolders.size + 1)}-${slug(visitTitle)}`;
      visitFolders.set(visitTitle, folder);
    }
    return folder;
  };
  const uniquePath = (wanted: string): string => {
    let path = `${wanted}.md`;
    for (let n = 2; usedNames.has(path); n++) path = `${wanted}-${n}.md`;
    usedNames.add(path);
    return path;
  };
  const noteFile = (note: JournalNote): void => {
    if (notePaths.has(note.anchor)) return;
    const folder = folderOf(note.visitTitle);
    const title = note.title || note.kindLabel;
    const path = uniquePath(`${folder}/${note.time.replace(':', '')}-${slug(note.title || note.kindLabel)}`);
    notePaths.set(note.anchor, path);
    const imagePath = (id: string): string | null => {
      const attachment = attachments.get(id);
      if (!attachment) return null;
      const known = photoNames.get(`${folder}/${id}`);
      if (known) return known;
      const variant = printedVariant(attachment);
      const stem = `${slug(attachment.name.replace(/\.[^.]*$/, ''), 'photo')}-${id.slice(-8)}`;
      const extension = extensionOfMime(variantMime(attachment, variant));
      let name = `${stem}.${extension}`;
      for (let n = 2; usedPhotoNames.has(`${folder}/${name}`.toLowerCase()); n++) name = `${stem}-${n}.${extension}`;
      usedPhotoNames.add(`${folder}/${name}`.toLowerCase());
      photoNames.set(`${folder}/${id}`, name);
      images.push({ path: `${folder}/${name}`, attachmentId: id, variant });
      return name;
    };
    const meta: Record<string, unknown> = { title, visit: note.visitTitle, date: note.date, time: note.time, kind: note.kind };
    if (journal.collective || note.author) meta['author'] = note.author;
    if (note.speaker) meta['speaker'] = note.speaker;
    meta['tags'] = note.tags;
    meta['lessons'] = note.lessons;
    let body = blocksToMarkdown(note.blocks, imagePath);
    if (note.kind === 'quote')
      body = `${body
        .split('\n')
        .map((line) => `> ${line}`)
        .join('\n')}${note.speaker ? `\n>\n> — ${escapeLine(note.speaker)}` : ''}`;
    files.push({ path, content: `${frontMatter(meta)}${body}\n` });
  };

  // Visit folders numbered in the book's order, whether or not a visit has notes.
  for (const chapter of journal.chapters) if (chapter.kind === 'visit') folderOf(chapter.title);
  for (const chapter of journal.chapters) {
    if (chapter.kind === 'visit') chapter.notes.forEach(noteFile);
    else if (chapter.kind === 'lesson') chapter.visits.forEach((v) => v.evidence.forEach((e) => e.note && noteFile(e.note)));
  }
  // Each visit's file (its facts and links to its notes), for the lessons and the summary
  // to link to.
  const visitPaths = new Map<string, string>();
  for (const chapter of journal.chapters)
    if (chapter.kind === 'visit') visitPaths.set(chapter.anchor, uniquePath(`${folderOf(chapter.title)}/00-${slug(s.visits.slice(0, -1))}`));

  const relative = (from: string, to: string): string => `${'../'.repeat(from.split('/').length - 1)}${to}`;
  const lessonPaths = new Map<string, string>();
  journal.chapters.forEach((chapter, index) => {
    if (chapter.kind !== 'lesson') return;
    const path = uniquePath(`${s.lessons.toLowerCase()}/${pad(index + 1)}-${slug(chapter.title)}`);
    lessonPaths.set(chapter.anchor, path);
    files.push({ path, content: lessonFile(chapter, path, notePaths, visitPaths, relative, journal) });
  });

  // Visit summaries (facts and links to the notes), then the index and the tags.
  const visitIndex: string[] = [];
  for (const chapter of journal.chapters) {
    if (chapter.kind !== 'visit') continue;
    const path = visitPaths.get(chapter.anchor) ?? '';
    const facts = [
      chapter.organisation && `**${escapeLine(chapter.organisation)}**`,
      escapeLine(chapter.when),
      chapter.location && escapeLine(chapter.location),
      chapter.speakers.length > 0 &&
        `${s.speakers}${colon(journal)}${chapter.speakers.map((sp) => escapeLine(sp.role ? `${sp.name} (${sp.role})` : sp.name)).join(', ')}`,
      chapter.description && escapeMarkdown(chapter.description),
      journal.collective && chapter.contributors.length > 0 && `${s.contributors}${colon(journal)}${chapter.contributors.map(escapeLine).join(', ')}`,
    ].filter(Boolean);
    const links = chapter.notes.map(
      (note) => `- [${escapeLine(note.title || `${note.kindLabel} ${note.time}`)}](${encodeURI(relative(path, notePaths.get(note.anchor) ?? ''))})`,
    );
    files.push({
      path,
      content: `${frontMatter({ title: chapter.title, type: 'visit' })}# ${escapeLine(chapter.title)}\n\n${facts.join('\n\n')}\n\n${links.join('\n')}\n`,
    });
    visitIndex.push(`- [${escapeLine(chapter.title)}](${encodeURI(path)})`);
  }
  const summaries = journal.chapters.flatMap((c) => {
    if (c.kind !== 'summary') return [];
    const path = uniquePath(slug(c.title));
    files.push({ path, content: summaryFile(c, journal, path, { lessonPaths, notePaths, visitPaths }, relative) });
    return [`[${escapeLine(c.title)}](${encodeURI(path)})`];
  });
  const lessonIndex = journal.chapters.flatMap((c) =>
    c.kind === 'lesson' ? [`- [${escapeLine(c.title)}](${encodeURI(lessonPaths.get(c.anchor) ?? '')})`] : [],
  );
  const cover = [
    `# ${escapeLine(journal.title)}`,
    [journal.place, journal.dates].filter(Boolean).map(escapeLine).join(' — '),
    journal.collective ? `${s.authors} : ${journal.authors.map(escapeLine).join(', ')}` : journal.author && `${s.by} ${escapeLine(journal.author)}`,
    ...summaries,
    visitIndex.length > 0 && `## ${s.visits}\n\n${visitIndex.join('\n')}`,
    lessonIndex.length > 0 && `## ${s.lessons}\n\n${lessonIndex.join('\n')}`,
    journal.tagIndex.length > 0 && `[${s.tagIndex}](tags.md)`,
  ].filter(Boolean);
  files.unshift({ path: 'index.md', content: `${frontMatter({ title: journal.title, author: journal.author, place: journal.place })}${cover.join('\n\n')}\n` });
  if (journal.tagIndex.length > 0) {
    const lines = journal.tagIndex.map(
      (entry) =>
        `- **#${escapeLine(entry.tag)}** — ${entry.notes.map((n) => `[${escapeLine(n.reference)}](${encodeURI(notePaths.get(n.anchor) ?? '')})`).join(', ')}`,
    );
    files.push({ path: 'tags.md', content: `${frontMatter({ title: s.tagIndex })}# ${s.tagIndex}\n\n${lines.join('\n')}\n` });
  }
  return { files, images };
}

/** "Michelin — pratiques d’innovation ouverte · 20 nov. 2024", a link to the visit's file when there is one. */
function visitLink(v: VisitMention, path: string, visitPaths: Map<string, string>, relative: (from: string, to: string) => string): string {
  const to = visitPaths.get(v.anchor);
  return to ? `[${escapeLine(v.heading)}](${encodeURI(relative(path, to))})` : escapeLine(v.heading);
}

function lessonFile(
  chapter: LessonChapter,
  path: string,
  notePaths: Map<string, string>,
  visitPaths: Map<string, string>,
  relative: (from: string, to: string) => string,
  journal: Journal,
): string {
  const s = JOURNAL_STRINGS[journal.language];
  const parts = [`# ${escapeLine(chapter.title)}`];
  if (chapter.description) parts.push(escapeMarkdown(chapter.description));
  if (chapter.synthesis.length > 0)
    parts.push(
      `## ${s.synthesis}`,
      blocksToMarkdown(chapter.synthesis, () => null),
    );
  parts.push(`## ${s.evidence}`);
  if (chapter.visits.length === 0) parts.push(`*${s.noEvidence}*`);
  // Each visit's evidence under the visit's title and day.
  for (const visit of chapter.visits) {
    parts.push(`### ${visitLink(visit, path, visitPaths, relative)}`);
    for (const e of visit.evidence) parts.push(evidenceMarkdown(e, path, notePaths, relative, journal));
  }
  return `${frontMatter({ title: chapter.title, type: 'lesson', color: chapter.color })}${parts.join('\n\n')}\n`;
}

function evidenceMarkdown(e: Evidence, path: string, notePaths: Map<string, string>, relative: (from: string, to: string) => string, journal: Journal): string {
  const byline = journal.collective && e.author ? ` · ${escapeLine(e.author)}` : '';
  return [
    ...e.passages.map((p) => quoted(markedPassage(p))),
    e.summary?.title ? `**${escapeLine(e.summary.title)}**` : e.note ? escapeLine(e.note.title || e.note.kindLabel) : '',
    e.summary?.excerpt ? (e.speaker ? quoted(escapeMarkdown(e.summary.excerpt)) : escapeLine(e.summary.excerpt)) : '',
    e.speaker && !e.note ? `— ${escapeLine(e.speaker)}` : '',
    `— [${escapeLine(e.reference)}](${encodeURI(relative(path, notePaths.get(e.noteAnchor) ?? ''))})${byline}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** Markdown text as a block quote, line by line. */
function quoted(markdown: string): string {
  return markdown
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** A passage in bold within its sentence, when it has one around it. */
function markedPassage(p: Passage): string {
  return p.before || p.after ? `${escapeMarkdown(p.before)}**${escapeMarkdown(p.text)}**${escapeMarkdown(p.after)}` : escapeMarkdown(p.text);
}

function keyEvidence(e: KeyEvidence, path: string, notePaths: Map<string, string>, relative: (from: string, to: string) => string): string {
  return [
    e.title ? `**${escapeLine(e.title)}**` : '',
    e.excerpt.text ? quoted(markedPassage(e.excerpt)) : '',
    e.speaker ? `— ${escapeLine(e.speaker)}` : '',
    `— [${escapeLine(e.reference)}](${encodeURI(relative(path, notePaths.get(e.noteAnchor) ?? ''))}) · ${e.authors.map(escapeLine).join(', ')}`,
  ]
    .filter(Boolean)
    .join('\n\n');
}

/** The expedition's book's summary: each lesson, the group's synthesis, its strongest evidence. */
function summaryFile(
  chapter: SummaryChapter,
  journal: Journal,
  path: string,
  { lessonPaths, notePaths, visitPaths }: Record<'lessonPaths' | 'notePaths' | 'visitPaths', Map<string, string>>,
  relative: (from: string, to: string) => string,
): string {
  const s = JOURNAL_STRINGS[journal.language];
  const parts = [`# ${escapeLine(chapter.title)}`];
  for (const lesson of chapter.lessons) {
    parts.push(`## [${escapeLine(lesson.title)}](${encodeURI(relative(path, lessonPaths.get(lesson.anchor) ?? ''))})`);
    if (lesson.synthesis.length > 0) parts.push(blocksToMarkdown(lesson.synthesis, () => null));
    if (lesson.synthesisMissing) parts.push(`*${s.noGroupSynthesis}*`);
    if (lesson.strongest.length > 0) parts.push(`### ${s.strongest}`, ...lesson.strongest.map((e) => keyEvidence(e, path, notePaths, relative)));
    if (lesson.noEvidence) parts.push(`*${s.noEvidence}*`);
  }
  if (chapter.unlinkedVisits.length > 0)
    parts.push(`${s.unlinkedVisits}${colon(journal)}${chapter.unlinkedVisits.map((v) => visitLink(v, path, visitPaths, relative)).join(', ')}`);
  return `${frontMatter({ title: chapter.title, type: 'summary' })}${parts.join('\n\n')}\n`;
}
