import { describe, expect, it } from 'vitest';
import { clockTime, dateRange, englishTypography, frenchTypography, longDate, NNBSP, shortDate, typography } from '../../../src/shared/text/typography';

const at = Date.parse('2024-11-20T09:15:00+01:00');

describe('French typography', () => {
  it('puts a narrow no-break space before ; : ! ? whatever was typed', () => {
    expect(frenchTypography('Points à creuser : deux ; trois ! Vraiment ?')).toBe(`Points à creuser${NNBSP}: deux${NNBSP}; trois${NNBSP}! Vraiment${NNBSP}?`);
    expect(frenchTypography('Vraiment!')).toBe(`Vraiment${NNBSP}!`);
    expect(frenchTypography('Quoi?!')).toBe(`Quoi${NNBSP}?!`);
    expect(frenchTypography('a\u00a0: b')).toBe(`a${NNBSP}: b`);
  });

  it('leaves times, URLs and colons without a space alone', () => {
    expect(frenchTypography('à 10:30, voir https://x.fr/a?b=1')).toBe('à 10:30, voir https://x.fr/a?b=1');
  });

  it('sets narrow no-break spaces inside « guillemets »', () => {
    expect(frenchTypography('«leadership partagé»')).toBe(`«${NNBSP}leadership partagé${NNBSP}»`);
    expect(frenchTypography('« territoire apprenant »')).toBe(`«${NNBSP}territoire apprenant${NNBSP}»`);
  });

  it('turns straight apostrophes between letters into typographic ones', () => {
    expect(frenchTypography("l'air")).toBe('l’air');
  });

  it('is idempotent', () => {
    const once = frenchTypography('« Oui ! » dit-elle : « non ? »');
    expect(frenchTypography(once)).toBe(once);
  });
});

describe('typography on hostile text', () => {
  // A megabyte each, built to make a backtracking pattern rescan runs: quadratic work took
  // seconds at 20,000 characters and would take most of an hour here.
  const MB = 1024 * 1024;
  const inputs: [string, string, string][] = [
    ['spaces', ' '.repeat(MB), ' '.repeat(MB)],
    ['spaces, then a letter', `${' '.repeat(MB)}x`, `${' '.repeat(MB)}x`],
    ['spaces, then a colon', `${'\t\u00a0'.repeat(MB / 2)}:`, `${NNBSP}:`],
    ['spaces, then a guillemet', `${' '.repeat(MB)}»`, `${NNBSP}»`],
    ['exclamation marks after a letter', `a${'!'.repeat(MB)}x`, `a${'!'.repeat(MB)}x`],
    ['opening guillemets', '« '.repeat(MB / 2), `«${NNBSP}`.repeat(MB / 2)],
    ['apostrophes', "l'".repeat(MB / 2), 'l’'.repeat(MB / 2 - 1) + "l'"],
  ];

  it.each(inputs)('%s: a megabyte in linear time, typeset as usual', (_name, text, expected) => {
    for (const locale of ['fr', 'en'] as const) {
      const started = performance.now();
      const result = typography(text, locale);
      // A guard against quadratic rewriting (minutes on a megabyte), not a speed goal.
      expect(performance.now() - started).toBeLessThan(10_000);
      if (locale === 'fr') expect(result).toBe(expected);
    }
  });
});

describe('English typography', () => {
  it('adds no space before punctuation', () => {
    expect(englishTypography('Really? Yes: it works!')).toBe('Really? Yes: it works!');
    expect(typography("it's", 'en')).toBe('it’s');
  });
});

describe('dates in each language', () => {
  it('writes French dates the French way', () => {
    expect(longDate(at, 'Europe/Paris', 'fr')).toBe('mercredi 20 novembre 2024');
    expect(shortDate(at, 'Europe/Paris', 'fr')).toBe('20 nov. 2024');
    expect(clockTime(at, 'Europe/Paris', 'fr')).toBe('09:15');
    expect(dateRange('2024-11-19', '2024-11-21', 'fr')).toBe('19–21 novembre 2024');
  });

  it('writes English dates the English way', () => {
    expect(longDate(at, 'Europe/Paris', 'en')).toBe('Wednesday 20 November 2024');
    expect(shortDate(at, 'Europe/Paris', 'en')).toBe('20 Nov 2024');
  });
});
