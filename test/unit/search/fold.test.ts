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
    for (const written of ["l'entreprise", 'l’entreprise', 'L’Entreprise', 'd’entreprise', 'qu’entreprise', 'j’entreprise', 'n’entreprise', 's’entreprise', 'c’entreprise', 'jusqu’entreprise', 'lorsqu’entreprise', 'puisqu’entreprise']) {
      expect(tokenize(written)).toEqual(['entreprise']);
    }
  });

  it('splits on everything but letters and digits, and keeps the words of hashtags', () => {
    expect(tokenize('#lesson/territoire, start-up (2024) ; #Énergie!')).toEqual(['lesson', 'territoire', 'start', 'up', '2024', 'energie']);
    expect(tokenize('aujourd’hui')).toEqual(['aujourd', 'hui']);
  });

  it('gives the same words as wordSpans, whose spans point at the written words', () => {
    const text = 'L’Énergie de l’entreprise, #cœur du projet — aujourd’hui.';
    expect(wordSpans(text).map((span) => span.word)).toEqual(tokenize(text));
    expect(wordSpans(text).map((span) => text.slice(span.start, span.end))).toEqual(['Énergie', 'de', 'entreprise', 'cœur', 'du', 'projet', 'aujourd', 'hui']);
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
