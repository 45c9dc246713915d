import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { EvidenceItem } from '../../../shared/journal/evidence';
import { noteLabel } from '../../../shared/editor/derive';
import { isMine, useSharing } from '../sharing/SharingProvider';

interface Props {
  item: EvidenceItem;
  /** The lesson's colour for the quotes' rule; the accent colour without one. */
  colour?: string;
  onOpenNote: (noteId: string, visitId: string) => void;
}

/** One note's evidence for a lesson: its title when linked whole, its passages quoted. */
export function EvidenceItemView({ item: { note, whole, passages }, colour, onOpenNote }: Props): JSX.Element {
  const { t } = useTranslation();
  const { share } = useSharing();
  return (
    <li className="evidence-item">
      {whole && <p className="evidence-note">{noteLabel(note, t('notes.untitled'))}</p>}
      {passages.map((passage, index) => (
        <blockquote key={index} style={colour ? { borderColor: colour } : undefined}>
          {passage}
        </blockquote>
      ))}
      {!isMine(note, share) && <p className="note-author">{t('sharing.by', { name: note.author })}</p>}
      <button type="button" className="quiet" onClick={() => onOpenNote(note.id, note.visitId)}>
        {t('lessons.openNote')} →
      </button>
    </li>
  );
}
