// The journal as one HTML document: the self-contained HTML export, and what PDF printing
// lays out. Pure: text and every attribute are escaped here, images are whatever
// `imageSrc` answers (a data: URI streamed in by main, or a file beside the page for
// printing), and a Content-Security-Policy forbids any script, so that a slip of escaping
// would still run nothing.
import { typography } from '../text/typography';
import type {
  Chapter,
  Evidence,
  Journal,
  JournalNote,
  KeyEvidence,
  LessonChapter,
  LessonVisit,
  Passage,
  SummaryChapter,
  VisitChapter,
  VisitMention,
} from './build';
import { JOURNAL_CSS } from './css';
import type { Block, Inline } from './richText';
import { JOURNAL_STRINGS } from './strings';

export interface HtmlOptions {
  /** The src of a photo of the book; '' leaves the photo out. */
  imageSrc: (attachmentId: string) => string;
  /** Where photos come from, the only place the page may load images from: data: URIs in
   *  the file itself (the HTML export), or files beside the page (the PDF's print page). */
  photos: 'inline' | 'files';
  /** @font-face rules for the shipped font (main reads the font files). */
  fontCss?: string;
  /** Page of each chapter (by anchor), for the PDF's table of contents. */
  pageNumbers?: ReadonlyMap<string, number>;
  /** A draft printed only to learn where chapters start: photos keep their place but are
   *  not painted (the rule is the <style id="draft">, removed before the final print). */
  draft?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** No script, no frame, no form, nothing fetched but the journal's own photos and fonts. */
function contentSecurityPolicy(photos: HtmlOptions['photos']): string {
  return [
    "default-src 'none'",
    `img-src ${photos === 'inline' ? 'data:' : "'self'"}`,
    'font-src data:',
    // The journal's own <style> and the lesson colours' style attributes.
    "style-src 'unsafe-inline'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderJournalHtml(journal: Journal, options: HtmlOptions): string {
  const r = new HtmlRenderer(journal, options);
  return r.document();
}

/** The anchor of the index of tags, the last entry of the contents. */
const TAG_INDEX_ANCHOR = 'tags';

/** What the table of contents points at, in order: each chapter, then the index of tags. */
export function contentsAnchors(journal: Journal): string[] {
  return [...journal.chapters.map((chapter) => chapter.anchor), ...(journal.tagIndex.length > 0 ? [TAG_INDEX_ANCHOR] : [])];
}

/** The table of contents alone (the <nav class="toc"> of the document), to put the page
 *  numbers in once the draft has told them. */
export function renderJournalContents(journal: Journal, options: HtmlOptions): string {
  return new HtmlRenderer(journal, options).contents();
}

class HtmlRenderer {
  private readonly s;

  constructor(
    private readonly journal: Journal,
    private readonly options: HtmlOptions,
  ) {
    this.s = JOURNAL_STRINGS[journal.language];
  }

  /** Escaped text with the journal language's typography. */
  private t(text: string): string {
    return escapeHtml(typography(text, this.journal.language));
  }

  /** "Intervenants : " / "Speakers: ". */
  private colon(): string {
    return this.journal.language === 'fr' ? ' : ' : ': ';
  }

  private label(text: string): string {
    return this.t(`${text}${this.colon()}`);
  }

  document(): string {
    const j = this.journal;
    return [
      '<!doctype html>',
      `<html lang="${escapeHtml(j.language)}">`,
      '<head>',
      '<meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(this.options.photos)}">`,
      `<meta name="author" content="${escapeHtml(j.author)}">`,
      '<meta name="generator" content="Carnet">',
      `<title>${this.t(j.title)}</title>`,
      `<style>${this.options.fontCss ?? ''}\n${JOURNAL_CSS}</style>`,
      this.options.draft ? '<style id="draft">img { visibility: hidden; }</style>' : '',
      '</head>',
      '<body>',
      this.cover(),
      this.contents(),
      ...j.chapters.map((chapter) => this.chapter(chapter)),
      j.tagIndex.length > 0 ? this.tagIndex() : '',
      '</body>',
      '</html>',
      '',
    ].join('\n');
  }

  private cover(): string {
    const j = this.journal;
    const line = (cls: string, text: string) => (text ? `<p class="${cls}">${this.t(text)}</p>` : '');
    return [
      '<section class="cover">',
      line('cover-title', j.title),
      line('cover-place', j.place),
      line('cover-dates', j.dates),
      j.collective ? line('cover-author', `${this.s.authors}${this.colon()}${j.authors.join(', ')}`) : line('cover-author', j.author),
      '</section>',
    ].join('\n');
  }

  private tocEntry(anchor: string, title: string, cls = 'toc-entry'): string {
    const page = this.options.pageNumbers?.get(anchor);
    return `<li class="${cls}"><a href="#${escapeHtml(anchor)}"><span class="toc-title">${this.t(title)}</span><span class="toc-page">${page ?? ''}</span></a></li>`;
  }

  contents(): string {
    // Each part where its first chapter stands: visits then lessons, or (the expedition's
    // book) its summary, the lessons, then the visits.
    const parts = [...new Set(this.journal.chapters.map((c) => c.kind))].map((kind) => {
      const chapters = this.journal.chapters.filter((c) => c.kind === kind);
      if (kind === 'summary') return chapters.map((c) => this.tocEntry(c.anchor, c.title, 'toc-entry toc-single')).join('');
      return `<li class="toc-part">${this.t(kind === 'visit' ? this.s.visits : this.s.lessons)}<ol>${chapters.map((c) => this.tocEntry(c.anchor, c.title)).join('')}</ol></li>`;
    });
    return [
      '<nav class="toc" aria-labelledby="contents">',
      `<h1 id="contents">${this.t(this.s.contents)}</h1>`,
      '<ol>',
      ...parts,
      this.journal.tagIndex.length > 0 ? this.tocEntry(TAG_INDEX_ANCHOR, this.s.tagIndex, 'toc-entry toc-single') : '',
      '</ol>',
      '</nav>',
    ].join('\n');
  }

  private chapter(chapter: Chapter): string {
    if (chapter.kind === 'summary') return this.summaryChapter(chapter);
    return chapter.kind === 'visit' ? this.visitChapter(chapter) : this.lessonChapter(chapter);
  }

  private summaryChapter(c: SummaryChapter): string {
    const lessons = c.lessons.map((lesson) =>
      [
        `<section class="summary-lesson" style="--lesson-color: ${safeColor(lesson.color)}">`,
        `<h2><a href="#${escapeHtml(lesson.anchor)}">${this.t(lesson.title)}</a></h2>`,
        lesson.synthesis.length > 0 ? `<div class="synthesis">${this.blocks(lesson.synthesis, 3)}</div>` : '',
        lesson.synthesisMissing ? `<p class="empty">${this.t(this.s.noGroupSynthesis)}</p>` : '',
        lesson.strongest.length > 0 ? `<h3>${this.t(this.s.strongest)}</h3>${lesson.strongest.map((e) => this.keyEvidence(e)).join('\n')}` : '',
        lesson.noEvidence ? `<p class="empty">${this.t(this.s.noEvidence)}</p>` : '',
        '</section>',
      ].join('\n'),
    );
    const unlinked =
      c.unlinkedVisits.length > 0
        ? `<p class="unlinked-visits"><span class="label">${this.label(this.s.unlinkedVisits)}</span>${c.unlinkedVisits.map((v) => this.visitMention(v)).join(', ')}</p>`
        : '';
    return [`<section class="chapter executive-summary" id="${escapeHtml(c.anchor)}">`, `<h1>${this.t(c.title)}</h1>`, ...lessons, unlinked, '</section>']
      .filter(Boolean)
      .join('\n');
  }

  /** A visit's title and day, a link to its chapter when the book has one. */
  private visitMention(v: VisitMention): string {
    return v.anchor ? `<a href="#${escapeHtml(v.anchor)}">${this.t(v.heading)}</a>` : this.t(v.heading);
  }

  private keyEvidence(e: KeyEvidence): string {
    return [
      '<div class="evidence">',
      e.title ? `<p class="summary-title">${this.t(e.title)}</p>` : '',
      e.excerpt.text ? `<blockquote class="passage">${this.passage(e.excerpt)}</blockquote>` : '',
      this.speaker(e.speaker),
      `<p class="reference"><a href="#${escapeHtml(e.noteAnchor)}">${this.t(e.reference)}</a> · ${this.t(e.authors.join(', '))}</p>`,
      '</div>',
    ].join('');
  }

  private speaker(speaker: string): string {
    return speaker ? `<p class="quote-speaker">— ${this.t(speaker)}</p>` : '';
  }

  private visitChapter(c: VisitChapter): string {
    const facts = [
      c.organisation && c.organisation !== c.title ? `<p class="visit-organisation">${this.t(c.organisation)}</p>` : '',
      `<p class="visit-when">${this.t(c.when)}</p>`,
      c.location ? `<p class="visit-location">${this.t(c.location)}</p>` : '',
      c.speakers.length > 0
        ? `<p class="visit-speakers"><span class="label">${this.label(this.s.speakers)}</span>${c.speakers
            .map((sp) => `${this.t(sp.name)}${sp.role ? ` <span class="role">(${this.t(sp.role)})</span>` : ''}`)
            .join(', ')}</p>`
        : '',
      c.description ? `<p class="visit-description">${this.t(c.description)}</p>` : '',
      this.journal.collective && c.contributors.length > 0
        ? `<p class="visit-contributors"><span class="label">${this.label(this.s.contributors)}</span>${this.t(c.contributors.join(', '))}</p>`
        : '',
    ];
    return [
      `<section class="chapter visit" id="${escapeHtml(c.anchor)}">`,
      `<h1>${this.t(c.title)}</h1>`,
      `<div class="visit-facts">${facts.join('')}</div>`,
      c.notes.length === 0 ? `<p class="empty">${this.t(this.s.noNotes)}</p>` : c.notes.map((n) => this.note(n)).join('\n'),
      '</section>',
    ].join('\n');
  }

  /** A note, its title a heading of `level` (its own headings below it). */
  private note(note: JournalNote, level = 2): string {
    const meta = [note.kindLabel, note.time, this.journal.collective ? note.author : ''].filter(Boolean).join(' · ');
    const body = this.blocks(note.blocks, level + 1);
    const content = note.kind === 'quote' ? `<blockquote class="note-quote">${body}</blockquote>${this.speaker(note.speaker)}` : body;
    return [
      `<article class="note note-${escapeHtml(note.kind)}" id="${escapeHtml(note.anchor)}">`,
      note.title ? `<h${level}>${this.t(note.title)}</h${level}>` : '',
      `<p class="note-meta">${this.t(meta)}</p>`,
      content,
      note.tags.length > 0 ? `<p class="note-tags">${note.tags.map((tag) => `<span>#${escapeHtml(tag)}</span>`).join(' ')}</p>` : '',
      '</article>',
    ].join('');
  }

  private lessonChapter(c: LessonChapter): string {
    return [
      `<section class="chapter lesson" id="${escapeHtml(c.anchor)}" style="--lesson-color: ${safeColor(c.color)}">`,
      `<h1>${this.t(c.title)}</h1>`,
      c.description ? `<p class="lesson-description">${this.t(c.description)}</p>` : '',
      c.synthesis.length > 0 ? `<h2>${this.t(this.s.synthesis)}</h2><div class="synthesis">${this.blocks(c.synthesis, 3)}</div>` : '',
      `<h2>${this.t(this.s.evidence)}</h2>`,
      c.visits.length === 0 ? `<p class="empty">${this.t(this.s.noEvidence)}</p>` : c.visits.map((v) => this.lessonVisit(v)).join('\n'),
      '</section>',
    ].join('\n');
  }

  /** What one visit showed, under the visit's title and day (not an entry of the contents). */
  private lessonVisit(v: LessonVisit): string {
    return [
      '<section class="lesson-visit">',
      `<h3 class="visit-heading">${this.visitMention(v)}</h3>`,
      ...v.evidence.map((e) => this.evidence(e)),
      '</section>',
    ].join('\n');
  }

  private evidence(e: Evidence): string {
    const byline = this.journal.collective && e.author ? ` · ${this.t(e.author)}` : '';
    // A note shown in full says its kind, time and author itself.
    const reference = e.note ? '' : `<p class="reference"><a href="#${escapeHtml(e.noteAnchor)}">${this.t(e.reference)}</a>${byline}</p>`;
    return [
      '<div class="evidence">',
      ...e.passages.map((passage) => `<blockquote class="passage">${this.passage(passage)}</blockquote>`),
      e.summary?.title ? `<p class="summary-title">${this.t(e.summary.title)}</p>` : '',
      e.summary?.excerpt
        ? e.speaker
          ? `<blockquote class="passage">${this.t(e.summary.excerpt)}</blockquote>`
          : `<p class="summary">${this.t(e.summary.excerpt)}</p>`
        : '',
      e.note ? this.note(e.note, 4) : this.speaker(e.speaker),
      reference,
      '</div>',
    ].join('');
  }

  /** A passage, marked within its sentence when it has one around it. */
  private passage(p: Passage): string {
    const text = (part: string) => this.t(part).replace(/\n/g, '<br>');
    return p.before || p.after ? `${text(p.before)}<mark>${text(p.text)}</mark>${text(p.after)}` : text(p.text);
  }

  private tagIndex(): string {
    const entries = this.journal.tagIndex.map(
      (entry) =>
        `<li><span class="tag">#${escapeHtml(entry.tag)}</span> — ${entry.notes
          .map((n) => `<a href="#${escapeHtml(n.anchor)}">${this.t(n.reference)}</a>`)
          .join(', ')}</li>`,
    );
    return [
      `<section class="chapter tags" id="${TAG_INDEX_ANCHOR}">`,
      `<h1>${this.t(this.s.tagIndex)}</h1>`,
      `<ul class="tag-index">${entries.join('')}</ul>`,
      '</section>',
    ].join('\n');
  }

  /** Note content; its own headings start at `level` so chapters stay on top. */
  private blocks(blocks: readonly Block[], level: number): string {
    return blocks.map((block) => this.block(block, level)).join('\n');
  }

  private block(block: Block, level: number): string {
    switch (block.kind) {
      case 'paragraph':
        return `<p>${this.inlines(block.inlines)}</p>`;
      case 'heading': {
        const h = Math.min(6, level + block.level - 1);
        return `<h${h}>${this.inlines(block.inlines)}</h${h}>`;
      }
      case 'quote':
        return `<blockquote>${this.inlines(block.inlines)}</blockquote>`;
      case 'list': {
        const tag = block.style === 'number' ? 'ol' : 'ul';
        const items = block.items.map((item) => {
          const box = block.style === 'check' ? `<input type="checkbox" disabled${item.checked ? ' checked' : ''}> ` : '';
          return `<li>${box}${this.inlines(item.inlines)}${this.blocks(item.children, level)}</li>`;
        });
        return `<${tag}${block.style === 'check' ? ' class="checklist"' : ''}>${items.join('')}</${tag}>`;
      }
      case 'image': {
        const src = this.options.imageSrc(block.attachmentId);
        if (!src) return '';
        const size = block.width > 0 && block.height > 0 ? ` width="${block.width}" height="${block.height}"` : '';
        return (
          `<figure class="photo"><img src="${escapeHtml(src)}" alt="${escapeHtml(block.caption)}"${size}>` +
          (block.caption ? `<figcaption>${this.t(block.caption)}</figcaption>` : '') +
          '</figure>'
        );
      }
    }
  }

  private inlines(inlines: readonly Inline[]): string {
    return inlines
      .map((inline) => {
        if (inline.kind === 'break') return '<br>';
        if (inline.kind === 'link') return `<a href="${escapeHtml(inline.url)}">${this.inlines(inline.children)}</a>`;
        let html = this.t(inline.text);
        if (inline.code) html = `<code>${html}</code>`;
        if (inline.bold) html = `<strong>${html}</strong>`;
        if (inline.italic) html = `<em>${html}</em>`;
        if (inline.underline) html = `<u>${html}</u>`;
        if (inline.strike) html = `<s>${html}</s>`;
        return html;
      })
      .join('');
  }
}

/** Lesson colours come from records: only a plain CSS colour reaches the style. */
function safeColor(color: string): string {
  return /^#[0-9a-fA-F]{3,8}$/.test(color) ? color : '#555';
}
