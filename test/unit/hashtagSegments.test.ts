// Hashtags are cut out of the text as it changes, and the caret stays where the user
// typed: the states below are the ones keys produce (a character typed after a tag lands
// in a text node of its own, or in the tag itself).
import { $createHashtagNode, $isHashtagNode } from '@lexical/hashtag';
import { $createParagraphNode, $createTextNode, $getRoot, $getSelection, $isRangeSelection, $isTextNode, type LexicalNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import { createHeadlessNoteEditor } from '../../src/shared/editor/markdown';

type Piece = { text: string; tag?: boolean; caret?: number };

/** Builds a paragraph of the given pieces with the caret in one of them, lets the
 *  transforms run, and returns the pieces and where the caret ended, as text with '|'. */
function afterTransforms(pieces: Piece[]): { nodes: string[]; withCaret: string } {
  const editor = createHeadlessNoteEditor();
  editor.update(
    () => {
      const paragraph = $createParagraphNode();
      $getRoot().clear().append(paragraph);
      for (const piece of pieces) {
        const node = piece.tag ? $createHashtagNode(piece.text) : $createTextNode(piece.text);
        paragraph.append(node);
        if (piece.caret !== undefined) node.select(piece.caret, piece.caret);
      }
    },
    { discrete: true },
  );
  return editor.getEditorState().read(() => {
    const selection = $getSelection();
    if (!$isRangeSelection(selection) || !selection.isCollapsed()) throw new Error('no caret');
    const children: LexicalNode[] = $getRoot().getFirstChildOrThrow<ReturnType<typeof $createParagraphNode>>().getChildren();
    let withCaret = '';
    const nodes = children.map((child) => {
      const text = child.getTextContent();
      withCaret += child.getKey() === selection.anchor.key ? `${text.slice(0, selection.anchor.offset)}|${text.slice(selection.anchor.offset)}` : text;
      return $isHashtagNode(child) ? `[${text}]` : $isTextNode(child) ? text : `<${child.getType()}>`;
    });
    return { nodes, withCaret };
  });
}

describe('hashtags as they are typed', () => {
  it('grows a tag into a nested one and keeps the caret after the letter typed (the nested-tag bug)', () => {
    // '#industrie' then '/', then 'p': the '/p' node is merged into the tag.
    expect(afterTransforms([{ text: 'Visite ' }, { text: '#industrie', tag: true }, { text: '/p', caret: 2 }])).toEqual({
      nodes: ['Visite ', '[#industrie/p]'],
      withCaret: 'Visite #industrie/p|',
    });
    // The same with text after the caret (typing inside a sentence).
    expect(
      afterTransforms([
        { text: '#rh', tag: true },
        { text: '/f puis', caret: 2 },
      ]),
    ).toEqual({
      nodes: ['[#rh/f]', ' puis'],
      withCaret: '#rh/f| puis',
    });
  });

  it('splits a tag where a space or punctuation is typed inside it, caret after that character', () => {
    expect(afterTransforms([{ text: '#indu strie', tag: true, caret: 6 }])).toEqual({
      nodes: ['[#indu]', ' strie'],
      withCaret: '#indu |strie',
    });
    expect(afterTransforms([{ text: '#lesson/territoire,', tag: true, caret: 19 }])).toEqual({
      nodes: ['[#lesson/territoire]', ','],
      withCaret: '#lesson/territoire,|',
    });
    // A '/' at the end of a tag is not part of it until a letter follows.
    expect(afterTransforms([{ text: '#a/', tag: true, caret: 3 }])).toEqual({ nodes: ['[#a]', '/'], withCaret: '#a/|' });
  });

  it('turns a tag back into text in place when its # is deleted, the caret where it was', () => {
    expect(afterTransforms([{ text: 'voir ' }, { text: 'industrie', tag: true, caret: 0 }, { text: ' ici' }])).toEqual({
      nodes: ['voir industrie ici'],
      withCaret: 'voir |industrie ici',
    });
  });

  it('makes a tag of a # typed before a word, and none of a # glued to a word', () => {
    expect(afterTransforms([{ text: 'un #mot', caret: 4 }])).toEqual({ nodes: ['un ', '[#mot]'], withCaret: 'un #|mot' });
    expect(afterTransforms([{ text: 'c#d #a#b', caret: 8 }])).toEqual({ nodes: ['c#d ', '[#a]', '#b'], withCaret: 'c#d #a#b|' });
  });

  it('leaves well-cut text alone', () => {
    expect(afterTransforms([{ text: 'a ' }, { text: '#b/c', tag: true }, { text: ' d', caret: 1 }])).toEqual({
      nodes: ['a ', '[#b/c]', ' d'],
      withCaret: 'a #b/c |d',
    });
  });
});
