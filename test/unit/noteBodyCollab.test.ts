// Issue 17, in process: replicas of a note's body, each a note editor (Carnet's nodes
// and policies) bound to its own Y.Doc by shared/editor/noteBodyDoc.ts, their documents
// connected by relaying updates and one of them offline for a while; edits in the same
// and in different paragraphs merged; and the cases @lexical/yjs is known to get wrong,
// each reproduced as its issue tells it. After every scenario all the editors show the
// same note, and each document reads back (a reload, another participant opening it) as
// what its editor shows. The tag at each end of a paragraph, the bold word and the
// random sessions are what decided for the second binding (noteBodyDoc.ts's header).
import { $createMarkNode } from '@lexical/mark';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, $isLineBreakNode, type ElementNode } from 'lexical';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { deriveNoteFields } from '../../src/shared/editor/derive';
import { createHeadlessNoteEditor, markdownToNote, parseNoteState } from '../../src/shared/editor/markdown';
import { $insertQuotation } from '../../src/renderer/editor/quotation';
import { docToNoteState, isPristine, noteStateToDoc } from '../../src/shared/editor/noteBodyDoc';
import {
  backspace,
  blocksOf,
  bold,
  boldTextOf,
  canUndo,
  caret,
  caretOf,
  clearAll,
  deleteSome,
  drift,
  enter,
  hashtagsOf,
  Network,
  pause,
  redo,
  reloaded,
  split,
  stateOf,
  type,
  typeWord,
  undo,
  write,
  type Replica,
} from './collab/replicas';
import { Random } from './fuzz/random';

let network: Network;
afterEach(() => {
  network?.close();
  network = undefined as unknown as Network;
});

/** Every replica shows the same note, and every document reads back as its editor. */
function expectConverged(): void {
  const [first, ...others] = network.replicas;
  for (const replica of network.replicas) expect(reloaded(replica), `${replica.name}'s document, reloaded`).toBe(stateOf(replica));
  for (const replica of others) {
    expect(stateOf(replica), `${replica.name} and ${first!.name}`).toBe(stateOf(first!));
    expect(Y.encodeStateVector(replica.doc)).toEqual(Y.encodeStateVector(first!.doc));
  }
}

/** Two replicas of a note holding `paragraphs`, `b` having received it from `a`. */
async function twoReplicas(...paragraphs: string[]): Promise<[Replica, Replica]> {
  network = new Network();
  const a = network.add('a', 1);
  const b = network.add('b', 2);
  write(a, ...paragraphs);
  await network.settle();
  // What `a` wrote to start with is not one of the edits under test.
  a.bound.undoManager?.clear();
  return [a, b];
}

describe('two replicas of a note, one offline, merged', () => {
  it('keeps edits made in different paragraphs', async () => {
    const [a, b] = await twoReplicas('Premier paragraphe', 'Second paragraphe');
    b.online = false;
    caret(a, 0);
    type(a, ' modifié');
    caret(b, 1);
    type(b, ' et suite');
    await network.settle();
    expect(blocksOf(a)).toEqual(['Premier paragraphe modifié', 'Second paragraphe']);
    expect(blocksOf(b)).toEqual(['Premier paragraphe', 'Second paragraphe et suite']);
    await network.reconnectAll();
    expect(blocksOf(a)).toEqual(['Premier paragraphe modifié', 'Second paragraphe et suite']);
    expectConverged();
  });

  it('keeps edits made in the same paragraph, at different places', async () => {
    const [a, b] = await twoReplicas('Le guide parle de la ville');
    b.online = false;
    caret(a, 0, 'Le guide parle de la '.length);
    type(a, 'vieille ');
    caret(b, 0);
    type(b, ' et du port');
    await network.reconnectAll();
    expect(blocksOf(b)).toEqual(['Le guide parle de la vieille ville et du port']);
    expectConverged();
  });

  it('keeps both texts typed at the same place, one after the other', async () => {
    const [a, b] = await twoReplicas('Couleur : .');
    b.online = false;
    caret(a, 0, 'Couleur : '.length);
    type(a, 'rouge');
    caret(b, 0, 'Couleur : '.length);
    type(b, 'bleu');
    await network.reconnectAll();
    const [text] = blocksOf(a);
    expect(['Couleur : rougebleu.', 'Couleur : bleurouge.']).toContain(text);
    expectConverged();
  });

  it('merges paragraphs split and typed on each side, with three replicas', async () => {
    const [a, b] = await twoReplicas('Matin : visite.', 'Soir : débat.');
    const c = network.add('c', 3, Y.encodeStateAsUpdate(a.doc));
    b.online = false;
    caret(a, 0);
    enter(a);
    type(a, 'Midi : repas.');
    caret(b, 1, 'Soir : '.length);
    type(b, 'grand ');
    caret(c, 1);
    type(c, ' Fin.');
    await network.reconnectAll();
    expect(blocksOf(a)).toEqual(['Matin : visite.', 'Midi : repas.', 'Soir : grand débat. Fin.']);
    expectConverged();
  });

  it('draws and derives the same hashtags everywhere when tags are typed on both sides', async () => {
    const [a, b] = await twoReplicas('Visite de l’usine');
    b.online = false;
    caret(a, 0);
    type(a, ' #énergie');
    caret(b, 0, 0);
    type(b, '#industrie ');
    await network.reconnectAll();
    expect(blocksOf(a)).toEqual(['#industrie Visite de l’usine #énergie']);
    expect(hashtagsOf(a)).toEqual(['#industrie', '#énergie']);
    expect(hashtagsOf(b)).toEqual(hashtagsOf(a));
    expect([...deriveNoteFields(parseNoteState(reloaded(b))).tags].sort()).toEqual(['industrie', 'énergie'].sort());
    expectConverged();
  });

  it('keeps text typed at the end of a paragraph while its first word is made bold elsewhere', async () => {
    const [a, b] = await twoReplicas('Visite de l’usine');
    b.online = false;
    caret(a, 0);
    type(a, ' et du port');
    bold(b, 0, 0, 'Visite'.length);
    await network.reconnectAll();
    expect(blocksOf(a)).toEqual(['Visite de l’usine et du port']);
    expect(boldTextOf(a)).toEqual(['Visite']);
    expectConverged();
  });
});

describe('the cases @lexical/yjs is known to break', () => {
  // facebook/lexical#6614: two users in one paragraph, one undoes their text, and Lexical
  // and Yjs no longer agree (the paragraph comes back empty on reload). As in the
  // playground's reproduction: "This is a", backspace, "a test. " on one side, "Word" at
  // the end of the same paragraph on the other, then undo until the sentence is gone.
  it('undo after a remote edit in the same paragraph (lexical#6614)', async () => {
    const [a, b] = await twoReplicas('Line 1', '');
    caret(a, 1);
    type(a, 'This is a');
    pause(a);
    backspace(a);
    pause(a);
    type(a, 'a test. ');
    await network.settle();
    caret(b, 1);
    type(b, 'Word');
    await network.settle();
    expect(blocksOf(a)).toEqual(['Line 1', 'This is a test. Word']);
    for (let step = 0; step < 3; step++) {
      undo(a);
      await network.settle();
      expectConverged();
    }
    // "Word" was typed into the run of text the undo takes back. @lexical/yjs's fix of
    // #6614 drops it with that run; Carnet's undo keeps a run while it holds another
    // replica's text (noteBodyDoc.ts, createUndoManager), so only this editor's goes.
    expect(blocksOf(a)).toEqual(['Line 1', 'Word']);
    expect(blocksOf(b)).toEqual(['Line 1', 'Word']);
    expect(canUndo(a)).toBe(false);
  });

  it('undo after a remote edit in the same run of text removes only the undoer’s text', async () => {
    const [a, b] = await twoReplicas('Début ');
    caret(a, 0);
    type(a, 'fin');
    await network.settle();
    caret(b, 0);
    type(b, ' Word');
    await network.settle();
    undo(a);
    await network.settle();
    expect(blocksOf(a)).toEqual(['Début  Word']);
    expectConverged();
    redo(a);
    await network.settle();
    expect(blocksOf(b)).toEqual(['Début fin Word']);
    expectConverged();
  });

  it('undo keeps a paragraph this editor created while another replica has typed in it', async () => {
    const [a, b] = await twoReplicas('Premier');
    caret(a, 0);
    enter(a);
    type(a, 'Nouveau');
    await network.settle();
    caret(b, 1);
    type(b, ' et la suite');
    await network.settle();
    undo(a);
    await network.settle();
    expect(blocksOf(b)).toEqual(['Premier', ' et la suite']);
    expectConverged();
  });

  // facebook/lexical#6396: type a sentence, undo part of it, go on typing: the other
  // replica showed the new text several times.
  it('undo then typing does not duplicate text on the other replica (lexical#6396)', async () => {
    const [a, b] = await twoReplicas('');
    caret(a, 0);
    type(a, 'Hello, ');
    pause(a);
    type(a, 'World!');
    await network.settle();
    undo(a);
    await network.settle();
    expect(blocksOf(b)).toEqual(['Hello, ']);
    for (const character of 'Collaboration Test') {
      type(a, character);
      await network.settle();
    }
    expect(blocksOf(b)).toEqual(['Hello, Collaboration Test']);
    expectConverged();
  });

  it('undo then typing offline, merged later, does not duplicate text (lexical#6396)', async () => {
    const [a, b] = await twoReplicas('');
    caret(a, 0);
    type(a, 'Hello, ');
    pause(a);
    type(a, 'World!');
    await network.settle();
    b.online = false;
    undo(a);
    type(a, 'Collaboration Test');
    caret(b, 0, 0);
    type(b, '» ');
    await network.reconnectAll();
    expect(blocksOf(b)).toEqual(['» Hello, Collaboration Test']);
    expectConverged();
  });

  // facebook/lexical#8086: every node of the root cleared, and Lexical and Yjs drift
  // apart for good; a replica joining later received an empty document.
  it('stays in step after every node is cleared, with a replica joining later (lexical#8086)', async () => {
    network = new Network();
    const a = network.add('a', 1);
    const late = network.add('late', 2);
    late.online = false;
    write(a, 'Hello');
    await network.settle();
    clearAll(a);
    await network.settle();
    expect(blocksOf(a)).toEqual(['']);
    late.online = true;
    await network.settle();
    expect(blocksOf(late)).toEqual(['']);
    caret(a, 0);
    type(a, 'World');
    await network.settle();
    caret(late, 0);
    type(late, '!');
    await network.settle();
    expect(blocksOf(a)).toEqual(['World!']);
    expectConverged();
  });

  // Not one of the cases, and one the binding got wrong: when two replicas both
  // started the text of one empty paragraph before seeing each other's, the paragraph
  // held two text runs (two Y.XmlText); each replica's Lexical merged them into one text
  // node and the binding wrote the merge back by copying the second run into the first,
  // on both sides, so the second run's text came twice ("World!!"). An empty block is now
  // given an empty run by the replica that makes it, which everyone then types into
  // (noteBodyDoc.ts, giveEmptyBlocksText). Hiding the merge from the binding
  // (normalizedNodes left out of remote updates) had made it worse (desynchronised editors).
  it('two replicas starting the same empty paragraph at once: the text is kept once', async () => {
    const [a, b] = await twoReplicas('Titre', '');
    caret(a, 1);
    type(a, 'World');
    caret(b, 1);
    type(b, '!');
    await network.settle();
    expect(blocksOf(a)[1]).toMatch(/^(World!|!World)$/);
    expectConverged();
  });

  it('two replicas typing in a paragraph one of them just made with Enter, one offline: each text once', async () => {
    const [a, b] = await twoReplicas('Titre');
    caret(a, 0);
    enter(a);
    await network.settle();
    b.online = false;
    type(a, 'Bonjour');
    caret(b, 1);
    type(b, 'Salut');
    await network.reconnectAll();
    expect(['BonjourSalut', 'SalutBonjour']).toContain(blocksOf(a)[1]);
    expectConverged();
  });

  it('three replicas starting the same empty paragraph while apart: each text once', async () => {
    const [a, b] = await twoReplicas('Titre', '');
    const c = network.add('c', 3, Y.encodeStateAsUpdate(a.doc));
    a.online = false;
    b.online = false;
    c.online = false;
    for (const [replica, text] of [
      [a, 'un'],
      [b, 'deux'],
      [c, 'trois'],
    ] as const) {
      caret(replica, 1);
      type(replica, text);
    }
    await network.reconnectAll();
    expect([...blocksOf(a)[1]!].sort().join('')).toBe([...'undeuxtrois'].sort().join(''));
    expect(blocksOf(a)[1]).toHaveLength('undeuxtrois'.length);
    expectConverged();
  });

  it('two replicas typing at the end of the same paragraph, right after a bold word, one offline: each text once', async () => {
    const [a, b] = await twoReplicas('Visite importante');
    bold(a, 0, 'Visite '.length, 'importante'.length);
    await network.settle();
    b.online = false;
    caret(a, 0);
    type(a, ' et utile');
    caret(b, 0);
    type(b, ' !');
    await network.reconnectAll();
    expect(['Visite importante et utile !', 'Visite importante ! et utile']).toContain(blocksOf(a)[0]);
    expectConverged();
  });

  // The group synthesis: a quotation (a QuoteNode, its lines apart by LineBreakNodes, the
  // reference in italics) and the empty paragraph made after it to write in.
  it('two replicas writing after a quotation sent to a synthesis and into it, one offline: each text once', async () => {
    const [a, b] = await twoReplicas('Synthèse');
    a.editor.update(() => $insertQuotation({ text: '« Le port »\n« et la ville »', reference: '— Claire, 20 nov.' }, null), { discrete: true });
    await network.settle();
    b.online = false;
    caret(a, 2);
    type(a, 'Analyse');
    caret(b, 2);
    type(b, 'Remarque');
    caret(a, 1, '« Le port »'.length);
    type(a, ' (a)');
    caret(b, 1);
    type(b, ' (b)');
    await network.reconnectAll();
    expect(blocksOf(a)[0]).toBe('Synthèse');
    expect(blocksOf(a)[1]).toBe('« Le port » (a)\n« et la ville »\n— Claire, 20 nov. (b)');
    expect(['AnalyseRemarque', 'RemarqueAnalyse']).toContain(blocksOf(a)[2]);
    expectConverged();
  });

  // What giveEmptyBlocksText leaves: two runs of text still end up side by side, and are
  // merged on both sides, when both replicas type after a line break that ends a block (an
  // empty run is only kept alone in a block), or both delete the line break between two runs.
  it.fails('two replicas typing after a line break that ends a paragraph, one offline: each text once', async () => {
    const [a, b] = await twoReplicas('Titre');
    a.editor.update(() => $getRoot().getFirstChildOrThrow<ElementNode>().append($createLineBreakNode()), { discrete: true });
    await network.settle();
    b.online = false;
    caret(a, 0);
    type(a, 'x');
    caret(b, 0);
    type(b, 'y');
    await network.reconnectAll();
    expectConverged();
    expect(['Titre\nxy', 'Titre\nyx']).toContain(blocksOf(a)[0]);
  });

  it.fails('two replicas deleting the same line break between two runs, one offline: the text once', async () => {
    const [a, b] = await twoReplicas('Un');
    a.editor.update(() => $getRoot().getFirstChildOrThrow<ElementNode>().append($createLineBreakNode(), $createTextNode('Deux')), { discrete: true });
    await network.settle();
    b.online = false;
    for (const replica of [a, b]) {
      replica.editor.update(() => $getRoot().getFirstChildOrThrow<ElementNode>().getChildren().find($isLineBreakNode)?.remove(), { discrete: true });
    }
    await network.reconnectAll();
    expectConverged();
    expect(blocksOf(a)).toEqual(['UnDeux']);
  });

  // Another way to get it wrong, in Yjs's formatting rather than in the binding: text typed
  // right after a formatted run (a bold word, a quotation's italic reference) is plain, so
  // each keystroke writes format markers (Y.Text's ContentFormat items, the binding's `p`
  // and `i` attributes) next to its character, and those markers take their place among
  // the other replica's concurrent characters: the two texts typed there interleave
  // ("xa" and "yb" give "xyab"). Text typed at the end of plain text is kept whole.
  it.fails('two replicas typing at the same place right after a formatted run, one offline: each text whole', async () => {
    const [a, b] = await twoReplicas('Référence');
    a.editor.update(() => $getRoot().getAllTextNodes()[0]!.toggleFormat('italic'), { discrete: true });
    await network.settle();
    b.online = false;
    caret(a, 0);
    type(a, 'xa');
    caret(b, 0);
    type(b, 'yb');
    await network.reconnectAll();
    expectConverged();
    expect(['Référencexayb', 'Référenceybxa']).toContain(blocksOf(a)[0]);
  });
});

describe('bootstrapping a document twice', () => {
  const note = markdownToNote(
    '# Visite\n\nUn #tag, un [lien](https://uca.fr) et **du gras**.\n\n- un\n- [ ] à faire\n\n> « Citation »\n\n![La halle](attachment:photo-1)',
  ).state;

  it('keeps every kind of block of a note through its document: headings, lists, quotes, links, photos', () => {
    expect(note).toContain('"type":"image"');
    expect(docToNoteState(noteStateToDoc(note))).toBe(note);
  });

  it('keeps a passage linked to lessons (a mark) through its document', () => {
    const editor = createHeadlessNoteEditor();
    editor.update(
      () => {
        const passage = $createMarkNode(['lesson-1', 'lesson-2']).append($createTextNode('un passage'));
        $getRoot().append($createParagraphNode().append($createTextNode('Avant '), passage, $createTextNode(' après')));
      },
      { discrete: true },
    );
    const state = JSON.stringify(editor.getEditorState().toJSON());
    expect(docToNoteState(noteStateToDoc(state))).toBe(state);
  });

  it('gives the note once when two replicas each seed it, then merge', () => {
    const first = noteStateToDoc(note);
    const second = noteStateToDoc(note);
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    expect(docToNoteState(first)).toBe(note);
    expect(docToNoteState(second)).toBe(note);
  });

  it('writes nothing when a document is seeded again with what it holds', () => {
    const doc = noteStateToDoc(note);
    const before = Y.encodeStateVector(doc);
    noteStateToDoc(note, doc);
    expect(Y.encodeStateVector(doc)).toEqual(before);
    expect(docToNoteState(doc)).toBe(note);
  });

  it('keeps both when two replicas seed different contents (nothing says which is right)', () => {
    const first = noteStateToDoc(markdownToNote('Version A').state);
    const second = noteStateToDoc(markdownToNote('Version B').state);
    Y.applyUpdate(first, Y.encodeStateAsUpdate(second));
    Y.applyUpdate(second, Y.encodeStateAsUpdate(first));
    const text = deriveNoteFields(parseNoteState(docToNoteState(first))).text;
    expect(text.split('\n').sort()).toEqual(['Version A', 'Version B']);
    expect(docToNoteState(second)).toBe(docToNoteState(first));
  });

  it('gives an edited state as a change of what differs, which merges with an edit made elsewhere', async () => {
    const seeded = noteStateToDoc(markdownToNote('Premier #tag\n\nSecond').state);
    network = new Network();
    const a = network.add('a', 1, Y.encodeStateAsUpdate(seeded));
    const b = network.add('b', 2, Y.encodeStateAsUpdate(seeded));
    b.online = false;
    caret(b, 1);
    type(b, ' paragraphe');
    // The tag renamed outside the editor (the notebook's state rewritten), on `a`'s side.
    noteStateToDoc(markdownToNote('Premier #étiquette\n\nSecond').state, a.doc);
    await network.reconnectAll();
    expect(blocksOf(a)).toEqual(['Premier #étiquette', 'Second paragraphe']);
    expect(hashtagsOf(b)).toEqual(['#étiquette']);
    expectConverged();
  });

  it('gives one paragraph when two replicas each start a new, empty note and type in it', async () => {
    const first = noteStateToDoc('');
    const second = noteStateToDoc('');
    network = new Network();
    const a = network.add('a', 1, Y.encodeStateAsUpdate(first));
    const b = network.add('b', 2, Y.encodeStateAsUpdate(second));
    caret(a, 0);
    type(a, 'Bonjour');
    caret(b, 0);
    type(b, 'Salut');
    await network.settle();
    expect(blocksOf(a)).toHaveLength(1);
    expectConverged();
  });

  it('calls pristine only a document that never held anything', () => {
    const doc = noteStateToDoc(markdownToNote('Texte').state);
    expect(isPristine(new Y.Doc())).toBe(true);
    expect(isPristine(doc)).toBe(false);
    noteStateToDoc('', doc);
    expect(isPristine(doc)).toBe(false);
  });
});

describe('an editor that no longer shows its document', () => {
  it('is rebuilt from the document at the next change from Yjs, keeping its caret and its undo history', async () => {
    const [a, b] = await twoReplicas('Premier', 'Second');
    caret(a, 1);
    type(a, ' paragraphe');
    await network.settle();
    // A change that skips the binding (as a plugin writing with SKIP_COLLAB_TAG would).
    drift(a, 'Texte que le document n’a jamais reçu');
    caret(a, 1, 3);
    caret(b, 0);
    type(b, ' mot');
    await network.settle();
    expect(a.resyncs).toBe(1);
    expect(blocksOf(a)).toEqual(['Premier mot', 'Second paragraphe']);
    expect(caretOf(a)).toEqual({ block: 1, offset: 3 });
    expectConverged();
    undo(a);
    await network.settle();
    expect(blocksOf(b)).toEqual(['Premier mot', 'Second']);
    expectConverged();
  });

  it('is left alone while it is in step', async () => {
    const [a, b] = await twoReplicas('Texte');
    caret(b, 0);
    type(b, ' ajouté');
    await network.settle();
    expect(a.bound.verify()).toBe(false);
    expect(a.resyncs + b.resyncs).toBe(0);
  });
});

describe('random sessions of two replicas, one going offline and back', () => {
  const SESSIONS = 12;
  const STEPS = 30;

  // In step, not faultless. Two replicas starting the same empty paragraph used to get a
  // word twice or cut in two in about one session in five of these (20 of the first 100,
  // 2 of these 12); since an empty block is given its run of text, 2 in 100 (1 of these
  // 12): both replicas splitting one paragraph at once, each moving its end into a new
  // paragraph of its own (the end then twice), and text typed into the end of a paragraph
  // that the other replica moved meanwhile (a '#' left behind). With the first binding,
  // about a third of such sessions lost or scrambled words, and some left an editor out of
  // step.
  it('end in step when typing, splitting, bold and tags meet, every document reading as its editor', async () => {
    for (let session = 0; session < SESSIONS; session++) {
      const random = Random.forInput(17, session);
      const [a, b] = await twoReplicas('x0 y0', 'z0');
      for (let step = 0; step < STEPS; step++) {
        const replica = random.pick([a, b]);
        const roll = random.int(0, 9);
        if (roll < 6) {
          const word = `${random.chance(0.4) ? '#' : ''}${replica.name}${step}`;
          typeWord(replica, random.int(0, 99) / 100, random.int(0, 99) / 100, word, random.chance(0.15));
        } else if (roll < 7) split(replica, random.int(0, 99) / 100, random.chance(0.5));
        else if (roll < 9) replica.online = !replica.online;
        if (random.chance(0.5)) await network.settle();
      }
      await network.reconnectAll();
      expectConverged();
      network.close();
    }
  });

  it('end in step, every document reading as its editor, with deletions, undo and redo too', async () => {
    for (let session = 0; session < SESSIONS; session++) {
      const random = Random.forInput(29, session);
      const [a, b] = await twoReplicas('Un #tag ici', 'Deux');
      for (let step = 0; step < STEPS; step++) {
        const replica = random.pick([a, b]);
        const roll = random.int(0, 12);
        if (roll < 4) typeWord(replica, random.int(0, 99) / 100, random.int(0, 99) / 100, random.pick(['x', '#t', 'ag', 'é', '#k/l']), random.chance(0.1));
        else if (roll < 6) deleteSome(replica, random.int(0, 99) / 100, random.int(0, 99) / 100);
        else if (roll < 7) split(replica, random.int(0, 99) / 100, random.chance(0.5));
        else if (roll < 9) undo(replica);
        else if (roll < 10) redo(replica);
        else if (roll < 11) replica.online = !replica.online;
        else pause(replica);
        if (random.chance(0.5)) await network.settle();
      }
      await network.reconnectAll();
      expectConverged();
      network.close();
    }
  });
});
