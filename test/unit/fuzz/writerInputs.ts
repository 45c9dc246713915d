// Hostile records for the journal writers: the sample expedition's records (they passed
// the backup reader's schemas, as a crafted backup's must) with what an attacker can put
// in them — markup, links to anything, placeholders, quadratic runs, photos by the
// thousand, colliding names, deep nesting, the ends of time. `scale` shrinks the sizes
// and counts for a writer that legitimately costs more per page (the PDF).
import type { ExportRecords } from '../../../src/shared/journal/records';
import { exportRecordsSchema } from '../../../src/shared/journal/records';
import { sampleRecords } from '../journal/craftBackup';
import { hostileText, LINE_BREAKS, LINK_URLS, MARKUP, quadraticRun, TERMINAL, XML_FORBIDDEN } from './hostileText';
import type { Random } from './random';

export interface WriterInput {
  records: ExportRecords;
  /** For each attachment, the sample photo whose bytes it has. */
  photoOf: Map<string, string>;
  /** Written as the expedition's book (`carnet journal --collective`). */
  book: boolean;
}

interface WriterClass {
  name: string;
  change(random: Random, input: WriterInput, scale: number): void;
}

interface LexicalNode {
  type: string;
  text?: string;
  url?: string;
  caption?: string;
  attachmentId?: string;
  children?: LexicalNode[];
  [key: string]: unknown;
}

type Note = ExportRecords['notes'][number];

const text = (value: string, format = 0): LexicalNode => ({ type: 'text', text: value, format, detail: 0, mode: 'normal', style: '', version: 1 });
const paragraph = (...children: LexicalNode[]): LexicalNode => ({ type: 'paragraph', children, version: 1 });
const image = (attachmentId: string, caption = ''): LexicalNode => ({ type: 'image', attachmentId, caption, width: 1200, height: 800, version: 1 });

/** A note's or synthesis's Lexical root, changed by `change`. */
function editState(state: string, change: (root: LexicalNode) => void): string {
  const parsed = JSON.parse(state) as { root: LexicalNode };
  change(parsed.root);
  return JSON.stringify(parsed);
}

/** Blocks added at the end of a note; a list, not spread arguments: there can be 100,000. */
const append = (note: Note, blocks: LexicalNode[]): void =>
  void (note.state = editState(note.state, (root) => {
    for (const block of blocks) root.children!.push(block);
  }));

/** Every node of a tree. */
function* nodes(node: LexicalNode): Generator<LexicalNode> {
  yield node;
  for (const child of node.children ?? []) yield* nodes(child);
}

/** Every text a person typed in the records, each replaced by `change` of it. */
function changeEveryText(records: ExportRecords, change: (value: string) => string): void {
  const { expedition } = records;
  Object.assign(expedition, { title: change(expedition.title), place: change(expedition.place), participant: change(expedition.participant) });
  for (const visit of records.visits) {
    Object.assign(visit, {
      title: change(visit.title),
      organisation: change(visit.organisation),
      location: change(visit.location),
      description: change(visit.description),
    });
    visit.speakers = visit.speakers.map((speaker) => ({ name: change(speaker.name), role: change(speaker.role) }));
  }
  const inState = (state: string): string =>
    editState(state, (root) => {
      for (const node of nodes(root)) {
        if (typeof node.text === 'string') node.text = change(node.text);
        if (typeof node.caption === 'string') node.caption = change(node.caption);
      }
    });
  for (const note of records.notes) {
    Object.assign(note, {
      title: change(note.title),
      speaker: change(note.speaker),
      author: change(note.author),
      text: change(note.text),
      state: inState(note.state),
    });
    note.tags = note.tags.map(change);
  }
  for (const lesson of records.lessons) {
    Object.assign(lesson, { title: change(lesson.title), description: change(lesson.description) });
    if (lesson.synthesis) lesson.synthesis = inState(lesson.synthesis);
  }
  for (const attachment of records.attachments) Object.assign(attachment, { name: change(attachment.name), caption: change(attachment.caption) });
}

const size = (scale: number, n: number): number => Math.max(1, Math.round(n * scale));

/** A new attachment with a sample photo's bytes, shown in `note`; its id is `wanted`, with
 *  a number before it if another attachment has it (a class may be applied twice). */
function addPhoto(input: WriterInput, random: Random, note: Note, wanted: string, name: string): void {
  let id = wanted;
  for (let n = 2; input.photoOf.has(id); n++) id = `${n}${wanted}`;
  const source = random.pick(input.records.attachments.filter((a) => input.photoOf.get(a.id) === a.id));
  input.records.attachments.push({ ...source, id, noteId: note.id, name });
  input.photoOf.set(id, source.id);
  append(note, [image(id, name)]);
}

export const WRITER_CLASSES: WriterClass[] = [
  {
    name: 'markup in every text field',
    change: (random, { records }) => changeEveryText(records, (value) => `${value}${hostileText(random)}${random.pick(MARKUP)}`),
  },
  {
    name: 'links to anything',
    change: (random, { records }) => {
      for (const note of records.notes) {
        const links = Array.from({ length: random.int(1, 5) }, () => ({
          type: random.pick(['link', 'autolink']),
          url: random.chance(0.7)
            ? random.pick(LINK_URLS)
            : random.pick(['https://example.org/a?b=<c>&d="e"', 'mailto:a@example.org', 'http://example.org/(x)']),
          children: random.chance(0.8) ? [text(hostileText(random))] : [],
          version: 1,
        }));
        append(note, [paragraph(...links)]);
      }
    },
  },
  {
    name: 'types and colours from records',
    change: (random, { records }) => {
      const types = [
        'image/png" onerror="alert(1)',
        'text/html',
        'image/svg+xml',
        'image/png;charset=<script>',
        "image/jpeg' onload='x",
        'application/javascript',
        '',
      ];
      for (const attachment of records.attachments) {
        attachment.mime = random.pick([...types, attachment.mime]);
        if (attachment.displayMime !== null) attachment.displayMime = random.pick([...types, attachment.displayMime]);
        attachment.width = random.pick([0, 1e308, 0.5, attachment.width]);
      }
      for (const lesson of records.lessons)
        lesson.color = random.pick(['red;background:url(http://evil.example/x)', '#fff" onclick="alert(1)', 'expression(alert(1))', '#12345678', '']);
    },
  },
  {
    name: 'placeholders typed in notes',
    change: (random, { records }, scale) => {
      const [first, second] = records.attachments;
      const typed = [`carnet-image:${first!.id} `, `carnet-photo-${'0'.repeat(32)}-${second!.id}`, `carnet-image:${random.pick(['unknown', '../x', ''])}`];
      for (const note of records.notes) append(note, [paragraph(text(random.pick(typed).repeat(size(scale, random.count(500)))))]);
      records.attachments[0]!.caption = typed.join(' ');
    },
  },
  {
    name: 'quadratic text',
    change: (random, { records }, scale) => {
      const note = random.pick(records.notes);
      const blocks = random.pick([
        () => [paragraph(text(quadraticRun(random, size(scale, random.count(1024 * 1024)))))],
        () => Array.from({ length: size(scale, random.count(100_000)) }, () => ({ type: 'heading', tag: 'h2', children: [text('a')], version: 1 })),
        () => Array.from({ length: size(scale, random.count(100_000)) }, () => paragraph(text(random.pick(['[', '*', '<', ' '])))),
        () => [paragraph(text('x'.repeat(size(scale, random.count(1024 * 1024)))))],
      ])();
      append(note, blocks);
    },
  },
  {
    name: 'tens of thousands of images',
    change: (random, input, scale) => {
      const { records } = input;
      const note = random.pick(records.notes);
      const ids = [...records.attachments.map((a) => a.id), 'unknown-photo'];
      // About a megabyte of records: 10,000 images, and a few more photos of 5-15 KB.
      append(
        note,
        Array.from({ length: size(scale, random.count(10_000)) }, () => image(random.pick(ids))),
      );
      for (let i = size(scale, random.count(20)); i > 0; i--) addPhoto(input, random, random.pick(records.notes), `photo-${i}`, `photo-${i}.png`);
    },
  },
  {
    name: 'speaker and tag names with markup or newlines',
    change: (random, { records }) => {
      const name = (): string => `${hostileText(random, 2)}${random.pick(LINE_BREAKS)}# fuzz-injected${random.pick(LINE_BREAKS)}${random.pick(MARKUP)}`;
      for (const note of records.notes) {
        note.speaker = name();
        note.author = name();
        note.tags = [name(), name()];
      }
      for (const visit of records.visits) visit.speakers = [{ name: name(), role: name() }];
      records.expedition.participant = name();
    },
  },
  {
    name: 'characters XML forbids',
    change: (random, { records }) =>
      changeEveryText(
        records,
        (value) => `${value}${Array.from({ length: random.int(1, 4) }, () => random.pick(XML_FORBIDDEN)).join('')}${value.slice(0, 10)}`,
      ),
  },
  {
    name: 'colliding photo names',
    change: (random, input) => {
      const note = random.pick(input.records.notes);
      // A long name, with room left for the text other classes add in a mix.
      const names = [
        '.',
        '..',
        '../../evil.png',
        '/etc/passwd',
        'a/b.png',
        'a\\b.png',
        'CON',
        'nul.png',
        'Photo.PNG',
        'photo.png',
        `${TERMINAL[0]}.png`,
        'x'.repeat(600),
        '',
      ];
      for (let i = random.int(2, 12); i > 0; i--) {
        // Ids that end alike, as names are made of the last 8 characters of the id.
        addPhoto(input, random, note, `${random.pick(['a', 'b', 'A', 'B'])}-${i}-SAMEEND8`, random.pick(names));
      }
    },
  },
  {
    name: 'deeply nested note states',
    change: (random, { records }) => {
      const note = random.pick(records.notes);
      // At most 400 levels of JSON, which the backup reader allows (the root takes 4): a
      // list and its item are 4 levels (two nodes, two children arrays), another node 2.
      let levels = random.count(396);
      let deepest: LexicalNode = random.chance(0.5) ? text('au fond') : image(records.attachments[0]!.id);
      while (levels >= 2) {
        const list = levels >= 4 && random.chance(0.5);
        deepest = list
          ? {
              type: 'list',
              listType: random.pick(['bullet', 'number', 'check']),
              children: [{ type: 'listitem', children: [deepest], version: 1 }],
              version: 1,
            }
          : { type: random.pick(['mark', 'unknown', 'quote', 'link']), url: 'https://example.org', children: [deepest], version: 1 };
        levels -= list ? 4 : 2;
      }
      append(note, [deepest]);
    },
  },
  {
    name: 'huge epochs and far zones',
    change: (random, { records }) => {
      const epoch = (): number => random.pick([8.64e15, -8.64e15, 0, -1, 253402300799999, -62198755200000]);
      const date = (): string => random.pick(['0000-01-01', '9999-12-31', '1970-01-01', '2024-02-29']);
      for (const visit of records.visits)
        Object.assign(visit, {
          start: epoch(),
          end: random.pick([null, epoch()]),
          allDay: random.chance(0.5),
          date: date(),
          endDate: random.pick([null, date()]),
        });
      for (const note of records.notes) Object.assign(note, { createdAt: epoch(), updatedAt: epoch() });
      for (const attachment of records.attachments) attachment.capturedAt = epoch();
      Object.assign(records.expedition, {
        startDate: date(),
        endDate: date(),
        timeZone: random.pick(['Pacific/Kiritimati', 'Etc/GMT+12', 'America/St_Johns', 'Asia/Kathmandu', 'Antarctica/Troll', 'UTC']),
      });
    },
  },
  {
    name: 'many records',
    change: (random, { records }, scale) => {
      const notes = records.notes;
      // About a megabyte of records, as for every other input: each note quotes the sample's.
      const lessonCount = size(scale, random.count(100));
      records.lessons = Array.from({ length: lessonCount }, (_, i) => ({ ...records.lessons[i % records.lessons.length]!, id: `lesson-${i}`, order: i }));
      const lessonIds = records.lessons.map((lesson) => lesson.id);
      records.notes = Array.from({ length: size(scale, random.count(500)) }, (_, i) => ({
        ...notes[i % notes.length]!,
        id: `note-${i}`,
        lessonIds: Array.from({ length: random.count(Math.min(lessonIds.length, 20)) }, () => random.pick(lessonIds)),
      }));
    },
  },
  {
    name: 'a mix of every class',
    change: (random, input, scale) => {
      for (let n = random.int(2, 4); n > 0; n--) random.pick(WRITER_CLASSES.slice(0, -1)).change(random, input, scale);
    },
  },
];

/** The records of writer input `index`'s class, made from `random` at `scale`. */
export function writerInput(inputClass: WriterClass, random: Random, scale: number): WriterInput {
  const records = sampleRecords();
  const input = { records, photoOf: new Map(records.attachments.map((a) => [a.id, a.id])), book: false };
  inputClass.change(random, input, scale);
  // Each lesson's synthesis, whatever the class put in it, is the group's too; drawn last,
  // so that a seed's records stay what they were before the book.
  records.groupSyntheses = records.lessons.map((lesson) => ({
    lessonId: lesson.id,
    expeditionId: records.expedition.id,
    state: lesson.synthesis,
    updatedAt: lesson.updatedAt,
  }));
  input.book = random.chance(0.5);
  // Records a backup's reader would refuse never reach a writer: such an input is a
  // mistake of the generator, not a finding.
  const checked = exportRecordsSchema.safeParse(input.records);
  if (!checked.success) throw new Error(`writer input "${inputClass.name}" breaks the records' schema: ${checked.error.message.slice(0, 500)}`);
  // Nor do records that share an id: the notebook keeps them by id.
  const { visits, lessons, notes, attachments } = input.records;
  for (const [kind, list] of Object.entries({ visits, lessons, notes, attachments })) {
    if (new Set(list.map((record) => record.id)).size !== list.length) throw new Error(`writer input "${inputClass.name}" has ${kind} that share an id`);
  }
  return input;
}
