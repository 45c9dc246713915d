// What a synthesis already quotes: the words of its quote blocks, where quotations sent
// or dragged from the evidence land. Lets the lesson page mark evidence already cited
// and the book's summary not repeat it among the strongest.
import { inlineText, stateToBlocks } from './richText';

/** Case, quotation marks, apostrophes and spacing (a whole note's lines) aside. */
function quotationKey(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('fr')
    .replace(/[«»“”„"]/g, ' ')
    .replace(/[’‘]/g, "'")
    .replace(/\s+/g, ' ')
    .trim();
}

/** Whether `text` is among the quotations of the synthesis `stateJson`. */
export function quotedIn(stateJson: string): (text: string) => boolean {
  const quotes = stateToBlocks(stateJson).flatMap((block) => (block.kind === 'quote' ? [quotationKey(inlineText(block.inlines))] : []));
  return (text) => {
    const key = quotationKey(text);
    return key !== '' && quotes.some((quote) => quote.includes(key));
  };
}
