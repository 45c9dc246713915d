// "Citer": sends a piece of evidence into the group's synthesis as a quotation. When the
// synthesis already quotes it, the button says so (a second click quotes it again).
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { withoutQuotes, type Quotation } from '../../editor/quotation';

/** Where evidence can be quoted (the group's synthesis), with its back reference. */
export interface Quoting {
  /** "— Claire Vernet, Michelin, 20 nov. 2024 (noté par Alice)", after the quotation. */
  reference: string;
  /** "Claire Vernet, Michelin, 20 nov. 2024": where the words come from, without who noted them. */
  source: string;
  send: (quotation: Quotation) => void;
  /** Whether the synthesis already quotes these words. */
  quoted: (text: string) => boolean;
}

interface Props {
  quoting: Quoting;
  text: string;
  /** A whole note goes by its title in the button's name, a passage by its words. */
  title?: string;
}

export function QuoteButton({ quoting, text, title }: Props): JSX.Element {
  const { t } = useTranslation();
  const again = quoting.quoted(text);
  const label =
    title === undefined
      ? t(again ? 'lessons.quotePassageAgain' : 'lessons.quotePassage', { passage: withoutQuotes(text) })
      : t(again ? 'lessons.quoteNoteAgain' : 'lessons.quoteNote', { title: withoutQuotes(title) });
  return (
    <button
      type="button"
      className={again ? 'quiet quoted' : 'quiet'}
      aria-label={label}
      title={again ? label : undefined}
      onClick={() => quoting.send({ text, reference: quoting.reference })}
    >
      {t(again ? 'lessons.quoted' : 'lessons.quote')}
    </button>
  );
}
