import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../../shared/journal/evidence';
import { noteLabel } from '../../../shared/editor/derive';
import { isMine, useSharing } from '../sharing/SharingProvider';
import { quotationTransfer } from '../../editor/quotation';
import { QuoteButton, type Quoting } from './QuoteButton';

interface Props {
  item: EvidenceItem;
  /** The lesson's colour for the quotes' rule; the accent colour without one. */
  colour?: string;
  onOpenNote: (noteId: string, visitId: string) => void;
  /** Where this evidence can be quoted (the group's synthesis): the note's back reference
   *  and what sends a quotation there. The note and its passages can also be dragged there. */
  quoting?: Quoting;
}

/** One note's evidence for a lesson: its title when linked whole, its passages quoted. */
export function EvidenceItemView({ item: { note, whole, passages }, colour, onOpenNote, quoting }: Props): JSX.Element {
  const { t } = useTranslation();
  const { share } = useSharing();
  return (
    <li className="evidence-item">
      {whole && (
        <p
          className="evidence-note"
          draggable={quoting !== undefined}
          onDragStart={quoting && ((event) => quotationTransfer(event.dataTransfer, { text: note.text, reference: quoting.reference }))}
        >
          {noteLabel(note, t('notes.untitled'))} {quoting && <QuoteButton quoting={quoting} text={note.text} title={noteLabel(note, t('notes.untitled'))} />}
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
          {quoting && <QuoteButton quoting={quoting} text={passage} />}
        </div>
      ))}
      {!isMine(note, share) && <p className="note-author">{t('sharing.by', { name: note.author })}</p>}
      <button type="button" className="quiet" onClick={() => onOpenNote(note.id, note.visitId)}>
        {t('lessons.openNote')} →
      </button>
    </li>
  );
}
