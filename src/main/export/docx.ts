// The journal as a Word document (docx): a title page, a table-of-contents field (Word
// fills in the page numbers when it opens the file), a chapter per visit and per lesson
// with headings, lists, quotes and photos, for those who will edit the journal further.
import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  PageBreak,
  Paragraph,
  TableOfContents,
  TextRun,
  type ParagraphChild,
} from 'docx';
import type { Evidence, Journal, JournalNote, KeyEvidence, LessonChapter, Passage, SummaryChapter, VisitChapter } from '../../shared/journal/build';
import { printedVariant, variantMime, type AttachmentMeta } from '../../shared/journal/records';
import type { Block, Inline } from '../../shared/journal/richText';
import { JOURNAL_STRINGS } from '../../shared/journal/strings';
import { typography } from '../../shared/text/typography';
import { xmlSafe } from '../../shared/text/xml';
import { writeFileAtomic } from '../atomicFiles';
import { photoCopies, type AttachmentStore } from './attachments';

/** The text column of an A4 page with 2 cm margins, in pixels at 96 dpi. */
const MAX_IMAGE_WIDTH = 600;
const MAX_IMAGE_HEIGHT = 600;

const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
  HeadingLevel.HEADING_6,
];

class DocxBuilder {
  private readonly s;
  private listInstance = 0;
  private readonly mayCopy = photoCopies();
  private readonly paragraphs: (Paragraph | TableOfContents)[] = [];

  constructor(
    private readonly journal: Journal,
    private readonly images: Map<string, { meta: AttachmentMeta; bytes: Uint8Array }>,
  ) {
    this.s = JOURNAL_STRINGS[journal.language];
  }

  private t(text: string): string {
    return typography(text, this.journal.language);
  }

  /** "Intervenants : " / "Speakers: ". */
  private colon(): string {
    return this.journal.language === 'fr' ? ' : ' : ': ';
  }

  build(): (Paragraph | TableOfContents)[] {
    const j = this.journal;
    this.paragraphs.push(
      new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, spacing: { before: 3000 }, children: [new TextRun(this.t(j.title))] }),
      ...[j.place, j.dates, j.collective ? `${this.s.authors}${this.colon()}${j.authors.join(', ')}` : j.author]
        .filter(Boolean)
        .map((line) => new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: this.t(line), size: 28 })] })),
      new Paragraph({ children: [new PageBreak()] }),
      // Not a heading: the contents do not list themselves.
      new Paragraph({ spacing: { after: 240 }, children: [new TextRun({ text: this.t(this.s.contents), bold: true, size: 36 })] }),
      // A field Word fills in with the chapters and their pages when it opens the file.
      new TableOfContents(this.s.contents, { hyperlink: true, headingStyleRange: '1-1' }),
    );
    for (const chapter of j.chapters) {
      if (chapter.kind === 'summary') this.summary(chapter);
      else if (chapter.kind === 'visit') this.visit(chapter);
      else this.lesson(chapter);
    }
    if (j.tagIndex.length > 0) {
      this.chapterHeading(this.s.tagIndex);
      for (const entry of j.tagIndex) {
        this.paragraphs.push(
          new Paragraph({
            bullet: { level: 0 },
            children: [new TextRun({ text: `#${entry.tag}`, bold: true }), new TextRun(` — ${this.t(entry.notes.map((n) => n.reference).join(', '))}`)],
          }),
        );
      }
    }
    return this.paragraphs;
  }

  private chapterHeading(title: string): void {
    this.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(this.t(title))] }));
  }

  private visit(c: VisitChapter): void {
    this.chapterHeading(c.title);
    const facts = [
      c.organisation !== c.title ? c.organisation : '',
      c.when,
      c.location,
      c.speakers.length > 0 ? `${this.s.speakers}${this.colon()}${c.speakers.map((sp) => (sp.role ? `${sp.name} (${sp.role})` : sp.name)).join(', ')}` : '',
      c.description,
      this.journal.collective && c.contributors.length > 0 ? `${this.s.contributors}${this.colon()}${c.contributors.join(', ')}` : '',
    ].filter(Boolean);
    for (const fact of facts) this.paragraphs.push(new Paragraph({ children: [new TextRun({ text: this.t(fact), color: '555555' })] }));
    for (const note of c.notes) this.note(note);
  }

  /** A note, its title a heading of `level` (2: in a visit chapter; 4: under a visit in a lesson chapter). */
  private note(note: JournalNote, level = 2): void {
    if (note.title) this.paragraphs.push(new Paragraph({ heading: HEADINGS[level - 1], children: [new TextRun(this.t(note.title))] }));
    const meta = [note.kindLabel, note.time, this.journal.collective ? note.author : ''].filter(Boolean).join(' · ');
    this.paragraphs.push(new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: meta.toUpperCase(), size: 18, color: '666666' })] }));
    this.blocks(note.blocks, note.kind === 'quote');
    if (note.kind === 'quote') this.speaker(note.speaker);
  }

  private speaker(speaker: string): void {
    if (speaker)
      this.paragraphs.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: `— ${this.t(speaker)}`, italics: true })] }));
  }

  /** A line in italics saying what is not there. */
  private remark(text: string): void {
    this.paragraphs.push(new Paragraph({ children: [new TextRun({ text: this.t(text), italics: true })] }));
  }

  private reference(text: string): void {
    this.paragraphs.push(new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: this.t(text), size: 18, color: '666666' })] }));
  }

  private summary(c: SummaryChapter): void {
    this.chapterHeading(c.title);
    for (const lesson of c.lessons) {
      this.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(this.t(lesson.title))] }));
      this.blocks(lesson.synthesis, false);
      if (lesson.synthesisMissing) this.remark(this.s.noGroupSynthesis);
      if (lesson.strongest.length > 0)
        this.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(this.t(this.s.strongest))] }));
      for (const e of lesson.strongest) this.keyEvidence(e);
      if (lesson.noEvidence) this.remark(this.s.noEvidence);
    }
    if (c.unlinkedVisits.length > 0)
      this.paragraphs.push(
        new Paragraph({
          spacing: { before: 360 },
          children: [
            new TextRun({ text: this.t(`${this.s.unlinkedVisits}${this.colon()}${c.unlinkedVisits.map((v) => v.heading).join(', ')}`), color: '555555' }),
          ],
        }),
      );
  }

  private keyEvidence(e: KeyEvidence): void {
    if (e.title) this.paragraphs.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: this.t(e.title), bold: true })] }));
    if (e.excerpt.text) this.paragraphs.push(new Paragraph({ style: 'Quote', children: this.passage(e.excerpt) }));
    this.speaker(e.speaker);
    this.reference(`${e.reference} · ${e.authors.join(', ')}`);
  }

  private lesson(c: LessonChapter): void {
    this.chapterHeading(c.title);
    if (c.description) this.paragraphs.push(new Paragraph({ children: [new TextRun({ text: this.t(c.description), italics: true })] }));
    if (c.synthesis.length > 0) {
      this.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(this.t(this.s.synthesis))] }));
      this.blocks(c.synthesis, false);
    }
    this.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(this.t(this.s.evidence))] }));
    if (c.visits.length === 0) this.remark(this.s.noEvidence);
    // Each visit's evidence under the visit's title and day, a heading below the chapter's
    // (the contents list chapters only).
    for (const visit of c.visits) {
      this.paragraphs.push(new Paragraph({ heading: HeadingLevel.HEADING_3, children: [new TextRun(this.t(visit.heading))] }));
      for (const e of visit.evidence) this.evidence(e);
    }
  }

  private evidence(e: Evidence): void {
    for (const passage of e.passages) this.paragraphs.push(new Paragraph({ style: 'Quote', children: this.passage(passage) }));
    if (e.summary?.title) this.paragraphs.push(new Paragraph({ keepNext: true, children: [new TextRun({ text: this.t(e.summary.title), bold: true })] }));
    if (e.summary?.excerpt) this.paragraphs.push(new Paragraph({ style: e.speaker ? 'Quote' : undefined, children: [new TextRun(this.t(e.summary.excerpt))] }));
    if (e.note) {
      // A note shown in full says its kind, time and author itself.
      this.note(e.note, 4);
      return;
    }
    this.speaker(e.speaker);
    this.reference(this.journal.collective && e.author ? `${e.reference} · ${e.author}` : e.reference);
  }

  /** A passage in bold within its sentence, when it has one around it. */
  private passage(p: Passage): TextRun[] {
    if (!p.before && !p.after) return [new TextRun(this.t(p.text))];
    return [new TextRun(this.t(p.before)), new TextRun({ text: this.t(p.text), bold: true }), new TextRun(this.t(p.after))];
  }

  private blocks(blocks: readonly Block[], quoted: boolean, level = 0): void {
    for (const block of blocks) {
      switch (block.kind) {
        case 'paragraph':
          this.paragraphs.push(new Paragraph({ style: quoted ? 'Quote' : undefined, children: this.inlines(block.inlines) }));
          break;
        case 'heading':
          this.paragraphs.push(new Paragraph({ heading: HEADINGS[Math.min(5, block.level + 1)], children: this.inlines(block.inlines) }));
          break;
        case 'quote':
          this.paragraphs.push(new Paragraph({ style: 'Quote', children: this.inlines(block.inlines) }));
          break;
        case 'list': {
          const instance = ++this.listInstance;
          for (const item of block.items) {
            const box = block.style === 'check' ? [new TextRun(item.checked ? '☒ ' : '☐ ')] : [];
            const children = [...box, ...this.inlines(item.inlines)];
            this.paragraphs.push(
              block.style === 'number'
                ? new Paragraph({ numbering: { reference: 'numbers', level, instance }, children })
                : new Paragraph({ bullet: { level }, children }),
            );
            this.blocks(item.children, quoted, level + 1);
          }
          break;
        }
        case 'image':
          this.image(block.attachmentId, block.caption);
          break;
      }
    }
  }

  private image(id: string, caption: string): void {
    const image = this.images.get(id);
    if (!image || !this.mayCopy(id)) return;
    const type = docxImageType(variantMime(image.meta, printedVariant(image.meta)));
    if (!type) return;
    const { width, height } = image.meta;
    const scale = Math.min(1, MAX_IMAGE_WIDTH / Math.max(1, width), MAX_IMAGE_HEIGHT / Math.max(1, height));
    this.paragraphs.push(
      new Paragraph({
        alignment: AlignmentType.CENTER,
        keepNext: true,
        children: [
          new ImageRun({
            type,
            data: image.bytes,
            transformation: { width: Math.round((width || 400) * scale), height: Math.round((height || 300) * scale) },
            altText: { name: image.meta.name, description: caption, title: caption },
          }),
        ],
      }),
    );
    if (caption)
      this.paragraphs.push(new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: this.t(caption), italics: true, size: 18 })] }));
  }

  private inlines(inlines: readonly Inline[]): ParagraphChild[] {
    return inlines.flatMap((inline): ParagraphChild[] => {
      if (inline.kind === 'break') return [new TextRun({ break: 1 })];
      if (inline.kind === 'link') {
        const text = this.inlines(inline.children).length > 0 ? inline.children : [{ kind: 'text' as const, text: inline.url }];
        return [
          new ExternalHyperlink({
            link: inline.url,
            children: text.flatMap((c) => (c.kind === 'text' ? [new TextRun({ text: this.t(c.text), style: 'Hyperlink' })] : [])),
          }),
        ];
      }
      return [
        new TextRun({
          text: this.t(inline.text),
          bold: inline.bold,
          italics: inline.italic,
          underline: inline.underline ? {} : undefined,
          strike: inline.strike,
          font: inline.code ? 'Courier New' : undefined,
        }),
      ];
    });
  }
}

function docxImageType(mime: string): 'jpg' | 'png' | 'gif' | null {
  if (mime === 'image/jpeg') return 'jpg';
  if (mime === 'image/png') return 'png';
  if (mime === 'image/gif') return 'gif';
  return null;
}

export async function writeDocx(unsafe: Journal, store: AttachmentStore, out: string, signal: AbortSignal): Promise<void> {
  // Every text of the document, its properties included, without what XML forbids.
  const journal = xmlSafe(unsafe);
  const images = new Map<string, { meta: AttachmentMeta; bytes: Uint8Array }>();
  for (const meta of journal.attachments) {
    signal.throwIfAborted();
    images.set(meta.id, { meta, bytes: await store.read(meta, printedVariant(meta)) });
  }
  const children = new DocxBuilder(journal, images).build();
  const document = new Document({
    creator: journal.author || 'Carnet',
    title: journal.title,
    description: 'Carnet',
    features: { updateFields: true },
    styles: {
      default: { document: { run: { font: 'Noto Serif', size: 22 } } },
      paragraphStyles: [
        {
          id: 'Quote',
          name: 'Quote',
          basedOn: 'Normal',
          run: { italics: true, color: '333333' },
          paragraph: { indent: { left: 567 }, spacing: { before: 120, after: 120 } },
        },
      ],
    },
    numbering: {
      config: [
        {
          reference: 'numbers',
          levels: [0, 1, 2, 3].map((level) => ({
            level,
            format: LevelFormat.DECIMAL,
            text: `%${level + 1}.`,
            alignment: AlignmentType.START,
            style: { paragraph: { indent: { left: 720 * (level + 1), hanging: 360 } } },
          })),
        },
      ],
    },
    sections: [{ properties: { page: { size: { width: 11906, height: 16838 }, margin: { top: 1247, right: 1134, bottom: 1134, left: 1134 } } }, children }],
  });
  signal.throwIfAborted();
  const bytes = await Packer.toBuffer(document);
  signal.throwIfAborted();
  await writeFileAtomic(out, bytes);
}
