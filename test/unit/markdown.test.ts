import { describe, expect, it } from 'vitest';
import { markdownToNote, noteStateToMarkdown } from '../../src/shared/editor/markdown';

describe('markdown ⇄ note state', () => {
  it('converts headings, lists, quotes and hashtags, and derives text and tags', () => {
    const note = markdownToNote('# Titre\n\nLes salariés #Intrapreneuriat et #lesson/territoire\n\n> « Une citation »\n\n- un\n- deux\n\n- [ ] à faire');
    const state = JSON.parse(note.state);
    const types = state.root.children.map((c: { type: string }) => c.type);
    expect(types).toEqual(['heading', 'paragraph', 'quote', 'list', 'list']);
    expect(note.tags).toEqual(['intrapreneuriat', 'lesson/territoire']);
    expect(note.text).toContain('« Une citation »');
    expect(JSON.stringify(state)).toContain('"type":"hashtag"');
    expect(noteStateToMarkdown(note.state)).toContain('- [ ] à faire');
  });

  it('drops links with forbidden schemes but keeps their text', () => {
    const note = markdownToNote('[clic](javascript:alert(1)) et [site](https://example.org) et [f](file:///etc/passwd)');
    expect(note.state).not.toContain('javascript:');
    expect(note.state).not.toContain('file:');
    expect(note.state).toContain('https://example.org');
    expect(note.text).toBe('clic et site et f');
  });
});
