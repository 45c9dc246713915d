// The fast Markdown path must give, to the character, the note Lexical's conversion gives,
// or decline. Checked on hand-picked edge cases, the sample expedition's notes, and
// generated Markdown built from the characters both readers care about.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHeadlessNoteEditor, lexicalMarkdownToNote, markdownToNote } from '../../src/shared/editor/markdown';
import { plainMarkdownToNote } from '../../src/shared/editor/plainMarkdown';
import { splitFrontMatter } from '../../src/main/import/notesMarkdown';

const editor = createHeadlessNoteEditor();
const byLexical = (markdown: string) => lexicalMarkdownToNote(markdown, editor);

/** Null, or exactly what Lexical makes of the same Markdown. */
function expectNullOrSame(markdown: string): boolean {
  const fast = plainMarkdownToNote(markdown);
  if (fast === null) return false;
  expect({ markdown, ...fast }).toEqual({ markdown, ...byLexical(markdown) });
  return true;
}

const NOTES = join(__dirname, '../fixtures/sample-expedition/notes');

describe('the plain Markdown fast path', () => {
  it('reads the everyday forms itself, exactly as Lexical does', () => {
    const everyday = [
      '',
      '\n\n',
      'Une ligne.',
      'a #tag b\nsuite de la ligne',
      '# Titre\ntexte',
      '###### Six\n####### sept',
      '- a\n- b\n\n- c\nsuite\n\naprès',
      '* a\n+ b',
      '1. a\n2. b\n\n7. c\n- d',
      '3. trois',
      '> « q1\n> q2\n\n> q3\nsuite',
      '**Gras** mot **x**, fin (parenthèse) ! « **cité** »',
      'mot **x**\n**y** z',
      '#tag **b**',
      '## #tag t',
      '#1 #2024 #a1 #é/ü-x c#d',
      '#a#b #industrie/pneumatique, #a/b/c. #rh-x #fin/',
      'Pourquoi\u00a0? Parce\u00a0que.',
      '  \n\u00a0\ntexte\n   \n',
      '- **a** b\n1. **c**',
      '> **q** r',
      '> # x',
      '1. mot\n\n2. mot\nmot',
    ];
    for (const markdown of everyday) expect(expectNullOrSame(markdown), JSON.stringify(markdown)).toBe(true);
  });

  it('leaves to Lexical what it cannot be sure to read the same', () => {
    const lexicalOnly = [
      'un [lien](https://example.org)',
      '*italique*',
      '_souligné_',
      'x **a**b',
      '**a****b**',
      '***gras italique***',
      '`code`',
      '```\nbloc\n```',
      '  - imbriqué',
      '- a\n  - b',
      'ligne  \ncassée',
      'tab\tulation',
      '| a | b |',
      '>collé',
      '&#65; entité',
      '\\* échappé',
      '1234567890. long',
      '**#tag**',
      'a\r\nb',
      '![photo](attachment:abc)',
      '- [ ] à faire',
    ];
    for (const markdown of lexicalOnly) {
      expect(plainMarkdownToNote(markdown), JSON.stringify(markdown)).toBeNull();
      // And the public conversion still gives Lexical's answer.
      expect(markdownToNote(markdown)).toEqual(byLexical(markdown));
    }
  });

  it("reads the sample expedition's notes itself, as Lexical does", () => {
    let fast = 0;
    const files = readdirSync(NOTES).filter((name) => name.endsWith('.md'));
    expect(files.length).toBeGreaterThan(0);
    for (const name of files) {
      const { body } = splitFrontMatter(readFileSync(join(NOTES, name), 'utf8'));
      if (expectNullOrSame(body)) fast++;
    }
    // Paragraphs, a quote, a list, tags: all of them are plain enough.
    expect(fast).toBe(files.length);
  });

  // Lines built from what the block and inline rules of either reader look at.
  const BLOCK_STARTS = ['', '', '', '# ', '## ', '###### ', '####### ', '#', '> ', '- ', '* ', '+ ', '-', '1. ', '12. ', '0. ', '1.'];
  const WILD_STARTS = [' ', '  ', '    ', '\u00a0', '>', '>>'];
  const PLAIN_PIECES = [
    'mot',
    'Été',
    'a',
    ' ',
    ' ',
    ' ',
    ' ',
    '\u00a0',
    '**mot**',
    '**Été !**',
    '#',
    '#tag',
    '#é-t/x',
    '#1',
    ',',
    '.',
    '!',
    '?',
    '«',
    '»',
    "'",
    '’',
    '(',
    ')',
    '-',
    '+',
    '/',
    '&',
    '…',
    '"',
    ':',
  ];
  const WILD_PIECES = [...PLAIN_PIECES, '**', '*', '_', '[', ']', '`', '~', '=', '\\', '<', '>', '|', '&#', '\t', '  ', '[l](https://x.fr)'];
  const lineOf = (starts: string[], pieces: string[], between: string) =>
    fc.tuple(fc.constantFrom(...starts), fc.array(fc.constantFrom(...pieces), { maxLength: 12 })).map(([start, body]) => start + body.join(between));
  const markdownOf = (line: fc.Arbitrary<string>) =>
    fc
      .array(fc.oneof({ weight: 5, arbitrary: line }, { weight: 1, arbitrary: fc.constantFrom('', ' ', '\u00a0') }), { maxLength: 10 })
      .map((lines) => lines.join('\n'));
  // Words apart, as in prose. Trailing spaces make a hard line break or stay in the text: Lexical's, like indents.
  const plainMarkdown = markdownOf(lineOf(BLOCK_STARTS, PLAIN_PIECES, ' ').map((line) => line.trimEnd()));
  const wildMarkdown = markdownOf(lineOf([...BLOCK_STARTS, ...WILD_STARTS], WILD_PIECES, ''));

  it('is null or equal to Lexical on generated plain Markdown, and takes most of it', () => {
    let fast = 0;
    let runs = 0;
    fc.assert(
      fc.property(plainMarkdown, (markdown) => {
        runs++;
        if (expectNullOrSame(markdown)) fast++;
      }),
      { numRuns: 5000, seed: 24347 },
    );
    // Not a path that declines everything: a good share of these go through it.
    expect(fast / runs).toBeGreaterThan(0.5);
  });

  it('is null or equal to Lexical on generated Markdown of every kind', () => {
    fc.assert(
      fc.property(wildMarkdown, (markdown) => {
        expectNullOrSame(markdown);
      }),
      { numRuns: 5000 },
    );
  });
});
