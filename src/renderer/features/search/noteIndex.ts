// The search index of one expedition's notes, held in memory: MiniSearch (BM25 ranking,
// prefix search on a radix tree) fed with folded words, plus the few fields that filters
// look at. The notes' text is not kept here: results are read back from IndexedDB.
import MiniSearch, { type AsPlainObject, type Options, type SearchResult } from 'minisearch';
import type { Id, Note } from '../../../shared/model';
import { indexWords, MAX_WORD_LENGTH, tokenize } from '../../../shared/text/fold';
import { isIndexable } from '../../../shared/text/stopWords';
import { matchesFilters, type NoteFacts, type SearchFilters } from './filters';

/** What the index needs of a note. */
export type IndexableNote = Pick<Note, 'id' | 'title' | 'text' | 'tags' | 'updatedAt'> & NoteFacts;

export interface SearchHit {
  id: Id;
  score: number;
  /** The indexed words that matched, folded: the words to highlight. */
  words: string[];
}

/** A query is read up to this many characters and this many distinct words: enough for
 *  any real search, and a pasted page cannot make one expensive. */
export const MAX_QUERY_LENGTH = 200;
export const MAX_QUERY_WORDS = 8;
/** A word is searched as a prefix from this length on; a single letter matches exactly,
 *  since as a prefix it would expand to a large share of the vocabulary. */
const PREFIX_FROM = 2;

type Indexed = Pick<IndexableNote, 'id' | 'title' | 'text' | 'tags'>;

/** The words a query asks for, folded, without repeats. Stop words are not indexed, so
 *  they are dropped too — unless they are all there is: then, as prefixes, they can still
 *  find longer words ("de" → "développement"). */
export function queryWords(query: string): string[] {
  const words = [...new Set(tokenize(query.slice(0, MAX_QUERY_LENGTH)))];
  const meaningful = words.filter(isIndexable);
  return (meaningful.length > 0 ? meaningful : words.filter((word) => word.length > 1)).slice(0, MAX_QUERY_WORDS);
}

const OPTIONS: Options<Indexed> = {
  fields: ['title', 'text', 'tags'],
  extractField: (note, field) => (field === 'tags' ? note.tags.join(' ') : String(note[field as keyof Indexed])),
  tokenize: indexWords,
  // indexWords already folds. Queries arrive as folded words joined by spaces.
  processTerm: (term) => term,
  searchOptions: { tokenize: (query) => query.split(' '), processTerm: (term) => term },
};

/** The format of NoteIndex snapshots. Raise it whenever what is indexed changes (folding,
 *  stop words, fields, MiniSearch's serialization): older snapshots are then ignored. */
export const SNAPSHOT_FORMAT = 2;

type Facts = NoteFacts & { updatedAt: number };

export class NoteIndex {
  private search_ = new MiniSearch<Indexed>(OPTIONS);
  private facts = new Map<Id, Facts>();
  private trashed: ReadonlySet<Id> = new Set();

  constructor() {
    cachePostings(this.search_);
  }

  /** The index and the filter fields of its notes, for `load`: the word postings as one
   *  Int32Array and the words as strings, which IndexedDB stores and reads back far faster
   *  than MiniSearch's own JSON (nested objects keyed by numbers). */
  serialize(): IndexSnapshot {
    const search = this.search_ as unknown as MiniSearchInternals;
    let length = 0;
    for (const [, postings] of search._index) {
      length += 1;
      for (const [, docs] of postings) length += 2 + 2 * docs.size;
    }
    const terms: string[] = [];
    const postings = new Int32Array(length);
    let at = 0;
    for (const [term, byField] of search._index) {
      terms.push(term);
      postings[at++] = byField.size;
      for (const [fieldId, docs] of byField) {
        postings[at++] = fieldId;
        postings[at++] = docs.size;
        for (const [doc, frequency] of docs) {
          postings[at++] = doc;
          postings[at++] = frequency;
        }
      }
    }
    // MiniSearch's serialized form (see its toJSON), its index left out.
    const meta: AsPlainObject = {
      documentCount: search._documentCount,
      nextId: search._nextId,
      documentIds: Object.fromEntries(search._documentIds),
      fieldIds: search._fieldIds,
      fieldLength: Object.fromEntries(search._fieldLength),
      averageFieldLength: search._avgFieldLength,
      storedFields: {},
      dirtCount: search._dirtCount,
      index: [],
      serializationVersion: 2,
    };
    return { format: SNAPSHOT_FORMAT, meta: JSON.stringify(meta), terms, postings, facts: JSON.stringify([...this.facts]) };
  }

  /** Replaces this index's content by a serialized one (from `serialize`); throws, and
   *  leaves the index as it was, when the snapshot is not one. */
  load(snapshot: IndexSnapshot): void {
    const { format, meta, terms, postings } = snapshot;
    if (format !== SNAPSHOT_FORMAT || !(postings instanceof Int32Array) || !Array.isArray(terms)) throw new Error('Not a search index snapshot');
    const facts = new Map(JSON.parse(snapshot.facts) as [Id, Facts][]);
    const search = MiniSearch.loadJS<Indexed>(JSON.parse(meta) as AsPlainObject, OPTIONS);
    const tree = (search as unknown as MiniSearchInternals)._index;
    let at = 0;
    const next = (): number => {
      if (at >= postings.length) throw new Error('Search index snapshot cut short');
      return postings[at++]!;
    };
    for (const term of terms) {
      const byField: Postings = new Map();
      for (let fields = next(); fields > 0; fields--) {
        const fieldId = next();
        const docs = new Map<number, number>();
        for (let count = next(); count > 0; count--) docs.set(next(), next());
        byField.set(fieldId, docs);
      }
      tree.set(term, byField);
    }
    if (at !== postings.length) throw new Error('Search index snapshot too long');
    cachePostings(search);
    this.search_ = search;
    this.facts = facts;
  }

  /** When the note was last indexed (its updatedAt then). */
  updatedAt(id: Id): number | undefined {
    return this.facts.get(id)?.updatedAt;
  }

  get size(): number {
    return this.facts.size;
  }

  has(id: Id): boolean {
    return this.facts.has(id);
  }

  /** Adds a note, or replaces the indexed version when the note changed since. */
  upsert(note: IndexableNote): void {
    const known = this.facts.get(note.id);
    if (known && known.updatedAt === note.updatedAt && sameFacts(known, note)) return;
    const document: Indexed = { id: note.id, title: note.title, text: note.text, tags: note.tags };
    if (known) this.search_.replace(document);
    else this.search_.add(document);
    this.facts.set(note.id, factsOf(note));
  }

  remove(id: Id): void {
    if (!this.facts.delete(id)) return;
    this.search_.discard(id);
  }

  ids(): IterableIterator<Id> {
    return this.facts.keys();
  }

  /** Notes in the trash stay indexed (restoring one is instant) but are never found. */
  setTrashed(ids: ReadonlySet<Id>): void {
    this.trashed = ids;
  }

  /** Every known tag with its number of notes (trash excluded), for the tag filter. */
  tagCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [id, facts] of this.facts) {
      if (this.trashed.has(id)) continue;
      for (const tag of facts.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
    }
    return counts;
  }

  /** Notes matching every word of the query (the last ones as prefixes), best first, among
   *  those the filters let through. A blank query lists the filtered notes, pinned then newest. */
  search(query: string, filters: SearchFilters = {}, limit = 50): { hits: SearchHit[]; total: number } {
    const words = queryWords(query);
    const allowed = (id: Id): boolean => {
      const facts = this.facts.get(id);
      return facts !== undefined && !this.trashed.has(id) && matchesFilters(facts, filters);
    };
    if (query.trim() === '') return this.browse(allowed, limit);
    // Only punctuation, symbols or emoji: nothing a note's words could match.
    if (words.length === 0) return { hits: [], total: 0 };
    const results = this.search_.search(words.join(' '), {
      fields: ['title', 'text', 'tags'],
      boost: { title: 3, tags: 2 },
      prefix: (word) => word.length >= PREFIX_FROM && word.length < MAX_WORD_LENGTH,
      combineWith: 'AND',
      filter: (result: SearchResult) => allowed(result.id as Id),
    });
    const hits = results.slice(0, limit).map((result) => ({ id: result.id as Id, score: result.score, words: result.terms }));
    return { hits, total: results.length };
  }

  private browse(allowed: (id: Id) => boolean, limit: number): { hits: SearchHit[]; total: number } {
    const found: (NoteFacts & { id: Id })[] = [];
    for (const [id, facts] of this.facts) if (allowed(id)) found.push({ id, ...facts });
    found.sort((a, b) => Number(b.pinned) - Number(a.pinned) || b.createdAt - a.createdAt);
    return { hits: found.slice(0, limit).map(({ id }) => ({ id, score: 0, words: [] })), total: found.length };
  }
}

type Postings = Map<number, Map<number, number>>;
/** MiniSearch 7.2.0's fields that snapshots and the postings map below rely on. */
interface MiniSearchInternals {
  _index: Iterable<[string, Postings]> & { fetch(term: string, init: () => Postings): Postings; set(term: string, postings: Postings): void };
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _dirtCount: number;
  addTerm(fieldId: number, documentId: number, term: string): void;
}

/** A NoteIndex as saved in IndexedDB (opaque to the database code). */
export interface IndexSnapshot {
  format: number;
  /** MiniSearch's serialized form without its index, as JSON. */
  meta: string;
  /** The indexed words; for each, in `postings`: its number of fields, then for each field
   *  its id, its number of notes, and (note's short id, frequency) pairs. */
  terms: string[];
  postings: Int32Array;
  /** The filter fields of every note, as JSON. */
  facts: string;
}

/** MiniSearch adds every occurrence of every word by walking its radix tree from the root,
 *  which is most of the time it takes to index a note. The postings of each word are kept
 *  here by the word as well, in a hash map, so that only a word's first occurrence walks
 *  the tree: building the index takes about half the time, and the tree is the same.
 *  MiniSearch drops a word from its tree only once its postings are empty (removeTerm and
 *  vacuuming both check), so an empty map here is one that left the tree: it is fetched
 *  again. Written against minisearch 7.2.0 (pinned); test/unit/search checks both ways
 *  give the same results. */
function cachePostings(search: MiniSearch<Indexed>): void {
  const internals = search as unknown as MiniSearchInternals;
  const byWord = new Map<string, Postings>();
  const created = (): Postings => new Map();
  internals.addTerm = (fieldId, documentId, term) => {
    let postings = byWord.get(term);
    if (postings === undefined || postings.size === 0) {
      postings = internals._index.fetch(term, created);
      byWord.set(term, postings);
    }
    const field = postings.get(fieldId);
    if (field === undefined) postings.set(fieldId, new Map([[documentId, 1]]));
    else field.set(documentId, (field.get(documentId) ?? 0) + 1);
  };
}

function factsOf(note: IndexableNote): Facts {
  const { visitId, kind, tags, lessonIds, passageLessonIds, pinned, createdAt, updatedAt, authorId } = note;
  return { visitId, kind, tags, lessonIds, passageLessonIds, pinned, createdAt, updatedAt, ...(authorId === undefined ? {} : { authorId }) };
}

/** Some writers change a field without touching updatedAt; comparing the facts too means
 *  such a change is still picked up. */
function sameFacts(a: NoteFacts, b: NoteFacts): boolean {
  return (
    a.visitId === b.visitId &&
    a.kind === b.kind &&
    a.pinned === b.pinned &&
    a.createdAt === b.createdAt &&
    a.authorId === b.authorId &&
    a.tags.join('\n') === b.tags.join('\n') &&
    a.lessonIds.join('\n') === b.lessonIds.join('\n') &&
    a.passageLessonIds.join('\n') === b.passageLessonIds.join('\n')
  );
}
