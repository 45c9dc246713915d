import Dexie from 'dexie';
import { $createMarkNode, $isMarkNode, $wrapSelectionInMarkNode } from '@lexical/mark';
import { $createRangeSelection, $getRoot, $isElementNode, $isTextNode, $setSelection, type LexicalNode } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveNoteFields } from '../../src/shared/editor/derive';
import { createHeadlessNoteEditor, markdownToNote } from '../../src/shared/editor/markdown';
import { passagesInState, renameTagInState, unlinkLessonInState } from '../../src/shared/editor/rewrite';
import { AppDB } from '../../src/renderer/db/AppDB';
import { deleteLesson, listTags, mergeTags, renameTag } from '../../src/renderer/db/bulkEdits';
import { createLesson, listLessons, moveLesson } from '../../src/renderer/db/lessons';
import { createNote } from '../../src/renderer/db/notes';

/** Marks the first occurrence of `phrase` in the note as a passage linked to `lessonIds`. */
function linkPassage(stateJson: string, phrase: string, lessonIds: string[]): string {
  const editor = createHeadlessNoteEditor();
  editor.setEditorState(editor.parseEditorState(stateJson));
  editor.update(
    () => {
      const texts: LexicalNode[] = [];
      const collect = (node: LexicalNode) => {
        if ($isTextNode(node)) texts.push(node);
        if ($isElementNode(node)) node.getChildren().forEach(collect);
      };
      collect($getRoot());
      const node = texts.find((text) => text.getTextContent().includes(phrase));
      if (!node || !$isTextNode(node)) throw new Error(`phrase not found: ${phrase}`);
      const offset = node.getTextContent().indexOf(phrase);
      const selection = $createRangeSelection();
      selection.anchor.set(node.getKey(), offset, 'text');
      selection.focus.set(node.getKey(), offset + phrase.length, 'text');
      $setSelection(selection);
      const [first, ...others] = lessonIds;
      $wrapSelectionInMarkNode(selection, false, first!);
      for (const id of others) {
        const mark = $getRoot()
          .getAllTextNodes()
          .map((t) => t.getParent())
          .find($isMarkNode);
        mark?.addID(id);
      }
      $setSelection(null);
    },
    { discrete: true },
  );
  return JSON.stringify(editor.getEditorState().toJSON());
}

describe('passage marks in the note state', () => {
  it('survive a JSON round trip and edits around them', () => {
    const base = markdownToNote('Avant. Les salariés proposent des projets. Après.').state;
    const marked = linkPassage(base, 'Les salariés proposent des projets', ['lesson-a', 'lesson-b']);
    expect(passagesInState(marked, 'lesson-a')).toEqual(['Les salariés proposent des projets']);
    expect(passagesInState(marked, 'lesson-b')).toEqual(['Les salariés proposent des projets']);

    // Round trip through an editor, then type before and after the passage.
    const editor = createHeadlessNoteEditor();
    editor.setEditorState(editor.parseEditorState(marked));
    editor.update(
      () => {
        const root = $getRoot();
        const first = root.getFirstDescendant();
        if ($isTextNode(first)) first.setTextContent('Tout avant. ');
        const last = root.getLastDescendant();
        if ($isTextNode(last)) last.setTextContent(`${last.getTextContent()} Et encore après.`);
        root.append($createMarkNode(['other']));
      },
      { discrete: true },
    );
    const edited = JSON.stringify(editor.getEditorState().toJSON());
    expect(passagesInState(edited, 'lesson-a')).toEqual(['Les salariés proposent des projets']);
    expect(deriveNoteFields(editor.parseEditorState(edited)).passageLessonIds).toContain('lesson-a');
  });

  it('can be unlinked from one lesson while keeping the others and the text', () => {
    const base = markdownToNote('Les salariés proposent des projets.').state;
    const marked = linkPassage(base, 'salariés', ['a', 'b']);
    const withoutA = unlinkLessonInState(marked, 'a')!;
    expect(passagesInState(withoutA, 'a')).toEqual([]);
    expect(passagesInState(withoutA, 'b')).toEqual(['salariés']);
    const withoutAny = unlinkLessonInState(withoutA, 'b')!;
    expect(withoutAny).not.toContain('"type":"mark"');
    const editor = createHeadlessNoteEditor();
    expect(deriveNoteFields(editor.parseEditorState(withoutAny)).text).toBe('Les salariés proposent des projets.');
    expect(unlinkLessonInState(withoutAny, 'b')).toBeNull();
  });
});

describe('tag rewriting in the note state', () => {
  it('renames a tag, whatever its case, and its nested tags, and leaves others alone', () => {
    const { state } = markdownToNote('#Énergie et #énergie/solaire mais pas #énergies ni #autre');
    const renamed = renameTagInState(state, 'énergie', 'transition')!;
    const editor = createHeadlessNoteEditor();
    const fields = deriveNoteFields(editor.parseEditorState(renamed));
    expect(fields.text).toBe('#transition et #transition/solaire mais pas #énergies ni #autre');
    expect(fields.tags).toEqual(['autre', 'énergies', 'transition', 'transition/solaire']);
  });

  it('deletes a tag by keeping its word as plain text', () => {
    const { state } = markdownToNote('Une note #rh sur les #RH');
    const deleted = renameTagInState(state, 'rh', null)!;
    expect(deleted).not.toContain('"type":"hashtag"');
    const editor = createHeadlessNoteEditor();
    expect(deriveNoteFields(editor.parseEditorState(deleted))).toMatchObject({ text: 'Une note rh sur les RH', tags: [] });
  });

  it('returns null for corrupt or untouched states', () => {
    expect(renameTagInState('not json', 'a', 'b')).toBeNull();
    expect(renameTagInState(markdownToNote('#x').state, 'y', 'z')).toBeNull();
  });
});

describe('lessons and tags in the database', () => {
  const databases: AppDB[] = [];
  afterEach(async () => {
    for (const database of databases.splice(0)) {
      database.close();
      await Dexie.delete(database.name);
    }
  });
  const fresh = () => {
    const database = new AppDB(`carnet-lessons-${Math.random()}`);
    databases.push(database);
    return database;
  };

  it('merges two tags across notes in one go and counts tags', async () => {
    const database = fresh();
    const a = await createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', content: markdownToNote('#start-up innovante') });
    const b = await createNote(database, { expeditionId: 'e', visitId: 'v', author: 'A', content: markdownToNote('des #startups et des #start-up') });
    await createNote(database, { expeditionId: 'other', visitId: 'w', author: 'A', content: markdownToNote('#startups ailleurs') });
    expect(await listTags(database, 'e')).toEqual([
      { tag: 'start-up', count: 2 },
      { tag: 'startups', count: 1 },
    ]);
    expect(await mergeTags(database, 'e', 'startups', 'start-up')).toBe(1);
    expect(await listTags(database, 'e')).toEqual([{ tag: 'start-up', count: 2 }]);
    expect((await database.notes.get(b.id))?.text).toBe('des #start-up et des #start-up');
    expect((await database.notes.get(a.id))?.text).toBe('#start-up innovante');
    expect(await listTags(database, 'other')).toEqual([{ tag: 'startups', count: 1 }]);
    expect(await renameTag(database, 'e', 'start-up', 'jeunes-pousses')).toBe(2);
    expect(await database.notes.where('tags').equals('jeunes-pousses').count()).toBe(2);
  });

  it('deletes a lesson: links go, text stays, other lessons stay', async () => {
    const database = fresh();
    const keep = await createLesson(database, 'e', { title: 'Garder', description: '', color: '#000' });
    const drop = await createLesson(database, 'e', { title: 'Supprimer', description: '', color: '#111' });
    const marked = linkPassage(markdownToNote('Un passage clé ici.').state, 'passage clé', [drop.id, keep.id]);
    const editor = createHeadlessNoteEditor();
    const note = await createNote(database, {
      expeditionId: 'e',
      visitId: 'v',
      author: 'A',
      content: { state: marked, ...deriveNoteFields(editor.parseEditorState(marked)) },
    });
    await database.notes.update(note.id, { lessonIds: [drop.id, keep.id] });
    await deleteLesson(database, drop.id);
    const after = await database.notes.get(note.id);
    expect(after?.text).toBe('Un passage clé ici.');
    expect(after?.lessonIds).toEqual([keep.id]);
    expect(after?.passageLessonIds).toEqual([keep.id]);
    expect((await listLessons(database, 'e')).map((l) => l.title)).toEqual(['Garder']);
  });

  it('reorders lessons', async () => {
    const database = fresh();
    const first = await createLesson(database, 'e', { title: 'Un', description: '', color: '#000' });
    await createLesson(database, 'e', { title: 'Deux', description: '', color: '#000' });
    await moveLesson(database, first.id, 1);
    expect((await listLessons(database, 'e')).map((l) => l.title)).toEqual(['Deux', 'Un']);
    await moveLesson(database, first.id, 1);
    expect((await listLessons(database, 'e')).map((l) => l.title)).toEqual(['Deux', 'Un']);
  });
});
