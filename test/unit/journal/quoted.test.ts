// What a synthesis already quotes: the lesson page marks that evidence ("Déjà dans la
// synthèse"), the book's summary does not repeat it among the strongest.
import { describe, expect, it } from 'vitest';
import { quotedIn } from '../../../src/shared/journal/quoted';

const state = (...children: unknown[]) => JSON.stringify({ root: { type: 'root', children } });
const text = (value: string, format = 0) => ({ type: 'text', text: value, format });
const quotation = (lines: string[], reference: string) => ({
  type: 'quote',
  children: [...lines.flatMap((line) => [text(line), { type: 'linebreak' }]), text(reference, 2)],
});

describe('quotedIn', () => {
  const synthesis = state(
    { type: 'paragraph', children: [text('Le temps donné aux salariés compte.')] },
    quotation(['« On ne demande pas aux gens de changer de métier,', 'on leur donne de l’air. »'], '— Claire Vernet, Michelin, 20 nov. 2024'),
  );
  const quoted = quotedIn(synthesis);

  it('finds a quotation whatever its line breaks, quotation marks, apostrophes and case', () => {
    expect(quoted('« On ne demande pas aux gens de changer de métier, on leur donne de l’air. »')).toBe(true);
    expect(quoted("on ne demande pas aux gens de changer de métier,\non leur donne de l'air.")).toBe(true);
    expect(quoted('On leur donne de l’air')).toBe(true);
  });

  it('only in the quotations: words the synthesis says in its own paragraphs are not quoted', () => {
    expect(quoted('Le temps donné aux salariés')).toBe(false);
    expect(quoted('On leur donne du temps')).toBe(false);
  });

  it('finds nothing for empty words, an empty synthesis or one that is not a Lexical state', () => {
    expect(quoted('  ')).toBe(false);
    expect(quotedIn('')('air')).toBe(false);
    expect(quotedIn('{"root": 3}')('air')).toBe(false);
    expect(quotedIn('not json')('air')).toBe(false);
  });
});
