import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../../shared/journal/evidence';
import { noteLabel } from '../../../shared/editor/derive';
import { isMine, useSharing } from '../sharing/SharingProvider';
import { quotationTransfer, withoutQuotes, type Quotation } from '../../editor/quotation';

interface Props {
  item: EvidenceItem;
  /** The lesson's colour for the quotes' rule; the accent colour without one. */
  colour?: string;
  onOpenNote: (noteId: string, visitId: string) => void;
  /** Where this evidence can be quoted (the group's synthesis): the note's back reference
   *  and what sends a quotation there. The note and its passages can also be dragged there. */
  quoting?: { reference: string; send: (quotation: Quotation) => void };
}

/** One note's evidence for a lesson: its title when linked whole, its passages quoted. */
export function EvidenceItemView({ item: { note, whole, passages }, colour, onOpenNote, quoting }: Props): JSX.Element {
  const { t } = useTranslation();
  const { share } = useSharing();
  const quoteButton = (text: string, label: string) =>
    quoting && (
      <button type="button" className="quiet" aria-label={label} onClick={() => quoting.send({ text, reference: quoting.reference })}>
        {t('lessons.quote')}
      </button>
    );
  return (
    <li className="evidence-item">
      {whole && (
        <p
          className="evidence-note"
          draggable={quoting !== undefined}
          onDragStart={quoting && ((event) => quotationTransfer(event.dataTransfer, { text: note.text, reference: quoting.reference }))}
        >
          {noteLabel(note, t('notes.untitled'))}{' '}
          {quoteButton(note.text, t('lessons.quoteNote', { title: withoutQuotes(noteLabel(note, t('notes.untitled'))) }))}
        </p>
      )}
      {passages.map((passage, index) => (
        <div key={index} className="evidence-passage">
          <blockquote
            style={colour ? { borderColor: colour } : undefined}
            draggable={quoting !== undefined}
            onDragStart={quoting && ((event) => quotationTransfer(event.dataTransfer, { text: passage, reference: quoting.reference }))}
          >
            {passage}
          </blockquote>
          {quoteButton(passage, t('lessons.quotePassage', { passage: withoutQuotes(passage) }))}
        </div>
      ))}
      {!isMine(note, share) && <p className="note-author">{t('sharing.by', { name: note.author })}</p>}
      <button type="button" className="quiet" onClick={() => onOpenNote(note.id, note.visitId)}>
        {t('lessons.openNote')} →
      </button>
    </li>
  );
}
