// The most frequent French and English words, folded. They say nothing about what a note
// is about, and they are about four words in ten of any text: leaving them out of the
// search index makes it build faster and take less memory.
const WORDS =
  'a au aux avec ce ces cet cette dans de des du elle elles en est et eux il ils je la le les leur leurs lui ' +
  'ma mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te tes ' +
  'toi ton tu un une vos votre vous y ete etre avoir ont sont fait plus tres aussi donc car comme tout tous ' +
  'toute toutes bien ici la sans sous entre vers chez si ni or ' +
  'an and are as at be but by for from has have he her his i in is it its of on or our she that the their ' +
  'them they this to was we were with you your';

export const STOP_WORDS: ReadonlySet<string> = new Set(WORDS.split(' '));

/** Whether a folded word is worth indexing: not a stop word, not a lone letter. */
export function isIndexable(word: string): boolean {
  return word.length > 1 && !STOP_WORDS.has(word);
}
