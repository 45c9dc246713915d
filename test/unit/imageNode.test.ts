import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { deriveNoteFields } from '../../src/shared/editor/derive';
import { $createImageNode, $isImageNode } from '../../src/shared/editor/ImageNode';
import { escapeCaption } from '../../src/shared/editor/imageMarkdown';
import { createHeadlessNoteEditor, markdownToNote, noteStateToMarkdown, parseNoteState } from '../../src/shared/editor/markdown';
import { sniffImageKind } from '../../src/shared/images';

function noteWithImage(caption: string): string {
  const editor = createHeadlessNoteEditor();
  editor.update(
    () => {
      const before = $createParagraphNode().append($createTextNode('Avant la photo #atelier'));
      const image = $createImageNode({ attachmentId: 'att-42', caption, width: 4000, height: 3000 });
      const after = $createParagraphNode().append($createTextNode('Après'));
      $getRoot().clear().append(before, image, after);
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

describe('ImageNode', () => {
  it('serialises to JSON with the attachment id and survives a round trip through the headless editor', () => {
    const json = noteWithImage('La ligne de production');
    const stored = JSON.parse(json);
    expect(stored.root.children[1]).toMatchObject({
      type: 'image',
      version: 1,
      attachmentId: 'att-42',
      caption: 'La ligne de production',
      width: 4000,
      height: 3000,
    });
    expect(json).not.toContain('blob:');

    const editor = createHeadlessNoteEditor();
    const state = parseNoteState(json, editor);
    state.read(() => {
      const image = $getRoot().getChildAtIndex(1);
      expect($isImageNode(image)).toBe(true);
      if (!$isImageNode(image)) return;
      expect(image.getAttachmentId()).toBe('att-42');
      expect(image.getCaption()).toBe('La ligne de production');
      expect([image.getWidth(), image.getHeight()]).toEqual([4000, 3000]);
    });
    expect(JSON.stringify(state.toJSON())).toBe(json);
  });

  it('keeps its caption editable and in the derived plain text', () => {
    const editor = createHeadlessNoteEditor();
    editor.setEditorState(parseNoteState(noteWithImage('Atelier'), editor));
    editor.update(
      () => {
        const image = $getRoot().getChildAtIndex(1);
        if ($isImageNode(image)) image.setCaption('Atelier de pneus #michelin');
      },
      { discrete: true },
    );
    const fields = deriveNoteFields(editor.getEditorState());
    expect(fields.text).toBe('Avant la photo #atelier\nAtelier de pneus #michelin\nAprès');
    expect(fields.tags).toEqual(['atelier', 'michelin']);
  });

  it('headless, it has no renderer and decorates to nothing', () => {
    const editor = createHeadlessNoteEditor();
    editor.setEditorState(parseNoteState(noteWithImage(''), editor));
    editor.getEditorState().read(() => {
      const image = $getRoot().getChildAtIndex(1);
      expect($isImageNode(image) && image.decorate(editor)).toBe(null);
    });
  });

  it('reads missing or junk fields as defaults rather than failing to load the note', () => {
    const json = noteWithImage('x').replace('"width":4000', '"width":"wide"').replace(',"caption":"x"', '');
    const state = parseNoteState(json);
    state.read(() => {
      const image = $getRoot().getChildAtIndex(1);
      expect($isImageNode(image) && [image.getCaption(), image.getWidth(), image.getAttachmentId()]).toEqual(['', 0, 'att-42']);
    });
  });
});

describe('images in Markdown', () => {
  it('exports an image as ![caption](attachment:<id>) on its own line', () => {
    const markdown = noteStateToMarkdown(noteWithImage('La ligne [2] de production'));
    expect(markdown).toBe('Avant la photo #atelier\n\n![La ligne \\[2\\] de production](attachment:att-42)\n\nAprès');
  });

  it('imports the same line back into an image node with its caption', () => {
    const note = markdownToNote('Avant\n\n![La ligne \\[2\\] de production](attachment:att-42)\n\nAprès');
    const stored = JSON.parse(note.state);
    expect(stored.root.children.map((c: { type: string }) => c.type)).toEqual(['paragraph', 'image', 'paragraph']);
    expect(stored.root.children[1]).toMatchObject({ attachmentId: 'att-42', caption: 'La ligne [2] de production' });
    expect(note.text).toBe('Avant\nLa ligne [2] de production\nAprès');
    expect(noteStateToMarkdown(note.state)).toBe('Avant\n\n![La ligne \\[2\\] de production](attachment:att-42)\n\nAprès');
  });

  it('leaves other images and links alone', () => {
    const note = markdownToNote('![logo](https://example.org/logo.png)');
    expect(note.state).not.toContain('"type":"image"');
  });

  it('keeps a caption on one line', () => {
    expect(escapeCaption('deux\nlignes')).toBe('deux lignes');
  });
});

describe('sniffImageKind', () => {
  const bytes = (...values: (number | string)[]): Uint8Array =>
    new Uint8Array(values.flatMap((v) => (typeof v === 'string' ? [...v].map((c) => c.charCodeAt(0)) : [v])));

  it('recognises photos by their first bytes', () => {
    expect(sniffImageKind(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(sniffImageKind(bytes(0x89, 'PNG\r\n', 0x1a, '\n'))).toBe('png');
    expect(sniffImageKind(bytes('GIF89a'))).toBe('gif');
    expect(sniffImageKind(bytes('RIFF', 0, 0, 0, 0, 'WEBP'))).toBe('webp');
    expect(sniffImageKind(bytes(0, 0, 0, 24, 'ftypheic'))).toBe('heic');
    expect(sniffImageKind(bytes(0, 0, 0, 24, 'ftypavif'))).toBe('avif');
  });

  it('refuses text, empty files and other containers', () => {
    expect(sniffImageKind(bytes('Bonjour, ceci est un texte'))).toBe(null);
    expect(sniffImageKind(new Uint8Array())).toBe(null);
    expect(sniffImageKind(bytes(0, 0, 0, 24, 'ftypisom'))).toBe(null);
  });
});
