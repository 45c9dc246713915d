import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fold, searchWords, tokenize, wordSpans } from '../../../src/shared/text/fold';

describe('fold', () => {
  it('lower-cases and folds accents and ligatures', () => {
    expect(fold('Énergie')).toBe('energie');
    expect(fold('Œuvre ÆQUO straße Noël garçon')).toBe('oeuvre aequo strasse noel garcon');
  });
});

describe('tokenize', () => {
  it('strips French elisions with either apostrophe', () => {
    for (const written of [
      "l'entreprise",
      'l’entreprise',
      'L’Entreprise',
      'd’entreprise',
      'qu’entreprise',
      'j’entreprise',
      'n’entreprise',
      's’entreprise',
      'c’entreprise',
      'jusqu’entreprise',
      'lorsqu’entreprise',
      'puisqu’entreprise',
    ]) {
      expect(tokenize(written)).toEqual(['entreprise']);
    }
  });

  it('splits on everything but letters and digits, and keeps the words of hashtags', () => {
    expect(tokenize('#lesson/territoire, start-up (2024) ; #Énergie!')).toEqual(['lesson', 'territoire', 'start', 'up', '2024', 'energie']);
    expect(tokenize('aujourd’hui')).toEqual(['aujourd', 'hui']);
  });

  it('gives the same words as wordSpans, whose spans point at the written words', () => {
    const text = 'L’Énergie de l’entreprise, #cœur du projet — aujourd’hui.';
    expect([...wordSpans(text)].map((span) => span.word)).toEqual(tokenize(text));
    expect([...wordSpans(text)].map((span) => text.slice(span.start, span.end))).toEqual([
      'Énergie',
      'de',
      'entreprise',
      'cœur',
      'du',
      'projet',
      'aujourd',
      'hui',
    ]);
  });

  it('finds on plain text (ASCII and ’) the same words as the Unicode pattern', () => {
    // A lone non-ASCII letter at the end sends the same text down the Unicode path.
    const alphabet = fc.constantFrom(..."abzAZ09 ’'-#/.,é".split(''), 'l’', 'qu’', 'jusqu’');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 60 }), (parts) => {
        const text = parts.join('');
        const plain = tokenize(text.replace(/é/g, 'e'));
        expect(tokenize(`${text.replace(/é/g, 'e')} ʼ`)).toEqual(plain);
        expect([...wordSpans(text.replace(/é/g, 'e'))].map((span) => span.word)).toEqual(plain);
      }),
      { numRuns: 2000 },
    );
  });

  it('copes with hostile text', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize('.*+?^${}()|[]\\ !!! ’’’')).toEqual([]);
    expect(tokenize('😀 café 👍🏽')).toEqual(['cafe']);
    expect(tokenize('a'.repeat(10_000))[0]).toHaveLength(40);
  });
});

describe('searchWords', () => {
  it('keeps each meaningful word once, from title, text and tags, without stop words', () => {
    expect(searchWords('Le cœur de l’énergie et l’énergie', 'Titre', ['lesson/territoire'])).toEqual(['titre', 'coeur', 'energie', 'lesson', 'territoire']);
  });
});
