// Hashtags become HashtagNodes as they are typed, imported or pasted.
//
// @lexical/hashtag's own registration (registerLexicalTextEntity) loses the caret when a
// tag grows into the text node after it: typing '/' then 'p' after '#industrie' merged
// '/p' into the tag and left the caret after '#industrie', so each '/x' of a nested tag
// ended up at the end of the note. It also puts the caret at the end of a node that it
// turns back into plain text. Here a whole run of neighbouring text nodes is cut again
// into plain text and tags, and every selection point keeps its character offset in
// that run, so the caret stays exactly where the user typed.
import { $createHashtagNode, $isHashtagNode, HashtagNode } from '@lexical/hashtag';
import { mergeRegister } from '@lexical/utils';
import { $createTextNode, $getSelection, $isRangeSelection, $isTextNode, TextNode, type LexicalEditor, type LexicalNode, type PointType } from 'lexical';
import { hashtagsIn } from '../text/hashtags';

interface Segment {
  start: number;
  end: number;
  tag: boolean;
}

/** Plain text or a tag, in the ordinary mode: what a run is made of. */
function isSegmentNode(node: LexicalNode | null): node is TextNode {
  return $isTextNode(node) && (node.isSimpleText() || ($isHashtagNode(node) && node.getMode() === 'normal'));
}

function looksAlike(a: TextNode, b: TextNode): boolean {
  return a.getFormat() === b.getFormat() && a.getStyle() === b.getStyle() && a.getDetail() === b.getDetail();
}

/** The neighbours of `node` that read as one text with it: same format, no element or
 *  line break between them. */
function $runAround(node: TextNode): TextNode[] {
  const run = [node];
  for (let prev = node.getPreviousSibling(); isSegmentNode(prev) && looksAlike(prev, node); prev = prev.getPreviousSibling()) {
    run.unshift(prev);
  }
  for (let next = node.getNextSibling(); isSegmentNode(next) && looksAlike(next, node); next = next.getNextSibling()) {
    run.push(next);
  }
  return run;
}

/** How `text` should be cut: the tags hashtagsIn finds, plain text around them. The
 *  character before the run (another format) decides whether a leading '#' starts a tag,
 *  as it does for the note's derived tags. */
function segmentsOf(text: string, before: string): Segment[] {
  const segments: Segment[] = [];
  let at = 0;
  for (const { start, end } of hashtagsIn(before + text)) {
    if (start < before.length) continue;
    if (start - before.length > at) segments.push({ start: at, end: start - before.length, tag: false });
    segments.push({ start: start - before.length, end: end - before.length, tag: true });
    at = end - before.length;
  }
  if (at < text.length || segments.length === 0) segments.push({ start: at, end: text.length, tag: false });
  return segments;
}

/** Where a character offset of the run lands: in plain text rather than a tag when it
 *  is on their border (text typed there must not extend the tag by accident). */
function segmentAt(segments: Segment[], offset: number): number {
  let found = -1;
  for (let index = 0; index < segments.length; index++) {
    const { start, end, tag } = segments[index]!;
    if (offset < start) break;
    if (offset <= end && (found < 0 || !tag)) found = index;
  }
  return Math.max(found, 0);
}

function $resegment(editor: LexicalEditor, node: TextNode): void {
  // A word being composed by an input method is left alone until it is committed (the
  // node is marked dirty again when composition ends).
  if (editor.isComposing() || !isSegmentNode(node)) return;
  const run = $runAround(node);
  const texts = run.map((member) => member.getTextContent());
  const starts: number[] = [];
  let length = 0;
  for (const text of texts) {
    starts.push(length);
    length += text.length;
  }
  const previous = run[0]!.getPreviousSibling();
  const segments = segmentsOf(texts.join(''), $isTextNode(previous) ? previous.getTextContent().slice(-2) : '');
  const wanted = segments.filter((segment) => segment.tag);
  const current = run.flatMap((member, index) => ($isHashtagNode(member) ? [{ start: starts[index]!, end: starts[index]! + texts[index]!.length }] : []));
  if (wanted.length === current.length && wanted.every((tag, index) => tag.start === current[index]!.start && tag.end === current[index]!.end)) {
    return;
  }

  // Selection points inside the run, as offsets in its text.
  const parent = run[0]!.getParentOrThrow();
  const firstIndex = run[0]!.getIndexWithinParent();
  const selection = $getSelection();
  const points: PointType[] = $isRangeSelection(selection) ? [selection.anchor, selection.focus] : [];
  const pointOffsets = points.map((point) => {
    if (point.type === 'text') {
      const index = run.findIndex((member) => member.getKey() === point.key);
      return index < 0 ? null : starts[index]! + point.offset;
    }
    const inRun = point.key === parent.getKey() && point.offset > firstIndex && point.offset < firstIndex + run.length;
    return inRun ? starts[point.offset - firstIndex]! : null;
  });
  const afterRun = points.map((point) => point.type === 'element' && point.key === parent.getKey() && point.offset >= firstIndex + run.length);

  // The nodes already there are kept where they still fit (same place, same kind), so
  // that undo sees typing, not a rewritten paragraph: a space typed after a tag is one
  // step with the word that follows it.
  const text = texts.join('');
  const model = run[0]!;
  const kept = new Set<TextNode>();
  const rebuilt = segments.map(({ start, end, tag }, index) => {
    const piece = text.slice(start, end);
    const existing = run[index];
    if (existing && $isHashtagNode(existing) === tag) {
      if (existing.getTextContent() !== piece) existing.setTextContent(piece);
      kept.add(existing);
      return existing;
    }
    const created = tag ? $createHashtagNode(piece) : $createTextNode(piece);
    return created.setFormat(model.getFormat()).setStyle(model.getStyle()).setDetail(model.getDetail());
  });
  let placed: TextNode | null = null;
  for (const node of rebuilt) {
    if (!kept.has(node)) {
      if (placed) placed.insertAfter(node, false);
      else model.insertBefore(node, false);
    }
    placed = node;
  }
  for (const member of run) if (!kept.has(member)) member.remove(true);

  points.forEach((point, index) => {
    const offset = pointOffsets[index];
    if (offset !== null && offset !== undefined) {
      const segment = segmentAt(segments, offset);
      point.set(rebuilt[segment]!.getKey(), offset - segments[segment]!.start, 'text');
    } else if (afterRun[index]) {
      point.set(parent.getKey(), point.offset + rebuilt.length - run.length, 'element');
    }
  });
}

/** Keeps the note's hashtags as HashtagNodes, with the caret where it was. */
export function registerHashtagSegments(editor: LexicalEditor): () => void {
  const transform = (node: TextNode): void => $resegment(editor, node);
  return mergeRegister(editor.registerNodeTransform(TextNode, transform), editor.registerNodeTransform(HashtagNode, transform));
}
