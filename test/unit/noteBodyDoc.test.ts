// A note's body goes into a Yjs document and comes back as the same Lexical state, and
// two replicas that edit it apart converge.
import { $createTextNode, $getRoot, type ParagraphNode } from 'lexical';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markdownToNote } from '../../src/shared/editor/markdown';
import { deriveNoteFields } from '../../src/shared/editor/derive';
import { docToNoteState, noteStateToDoc, openNoteDoc } from '../../src/shared/editor/noteBodyDoc';
import { parseNoteState } from '../../src/shared/editor/markdown';

const textOf = (stateJson: string) => deriveNoteFields(parseNoteState(stateJson)).text;

describe('a note body as a Yjs document', () => {
  it('keeps headings, lists, quotes, bold, links and #tags through Yjs and back', () => {
    const markdown =
      '# Michelin\n\nLes salariés **proposent** des projets #intrapreneuriat #lesson/territoire\n\n- un\n- deux\n\n> « On leur donne de l’air. »\n\n[le site](https://michelin.com)';
    const note = markdownToNote(markdown);
    const doc = noteStateToDoc(note.state);
    const back = docToNoteState(doc);
    expect(textOf(back)).toBe(note.text);
    expect(deriveNoteFields(parseNoteState(back)).tags).toEqual(note.tags);
    expect(back).toContain('"format":1'); // the bold survives
    expect(back).toContain('https://michelin.com');
  });

  it('gives an empty note for an empty state, and one that any replica reads the same', () => {
    expect(textOf(docToNoteState(noteStateToDoc('')))).toBe('');
    const doc = noteStateToDoc(markdownToNote('Une ligne').state);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
    expect(textOf(docToNoteState(replica))).toBe('Une ligne');
  });

  it('merges edits made apart on two replicas, and brings each into an editor open on the other', () => {
    const base = noteStateToDoc(markdownToNote('Premier paragraphe\n\nSecond paragraphe').state);
    const a = new Y.Doc();
    const b = new Y.Doc();
    Y.applyUpdate(a, Y.encodeStateAsUpdate(base));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(base));
    const onA = openNoteDoc(a);
    const onB = openNoteDoc(b);
    // Each laptop offline: one edits the first paragraph, the other the second.
    const append = (open: typeof onA, index: number, text: string) =>
      open.editor.update(() => ($getRoot().getChildAtIndex(index) as ParagraphNode).append($createTextNode(text)), { discrete: true });
    append(onA, 0, ' modifié');
    append(onB, 1, ' et suite');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const merged = 'Premier paragraphe modifié\nSecond paragraphe et suite';
    expect(textOf(docToNoteState(a))).toBe(merged);
    expect(textOf(docToNoteState(b))).toBe(merged);
    // The editors open on each replica show the other's edit too.
    for (const open of [onA, onB]) {
      open.editor.update(() => undefined, { discrete: true });
      expect(open.editor.getEditorState().read(() => $getRoot().getTextContent())).toBe('Premier paragraphe modifié\n\nSecond paragraphe et suite');
      open.close();
    }
  });
});
