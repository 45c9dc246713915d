import { useLiveQuery } from 'dexie-react-hooks';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition } from '../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { db } from '../../db/AppDB';
import { restoreNote } from '../../db/notes';
import { listTrash, TRASH_DAYS } from '../../db/trash';
import { restoreVisit } from '../../db/visits';
import { formatDateTime } from '../../i18n';
import { noteLabel } from '../../../shared/editor/derive';
import { useLocale } from '../../i18n/useLocale';

export function TrashDialog({ expedition, onClose }: { expedition: Expedition; onClose: () => void }): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const trash = useLiveQuery(() => listTrash(db(), expedition.id), [expedition.id]);
  const when = (ms: number | null) => formatDateTime(ms ?? 0, locale, expedition.timeZone);
  const empty = trash && trash.notes.length === 0 && trash.visits.length === 0;

  return (
    <Dialog title={t('trash.title')} onClose={onClose} wide>
      <p className="hint">{t('trash.hint', { days: TRASH_DAYS })}</p>
      {empty && <p className="empty">{t('trash.empty')}</p>}
      <ul className="trash-list" aria-label={t('trash.title')}>
        {trash?.visits.map((visit) => (
          <li key={visit.id}>
            <span className="kind">{t('trash.visit')}</span>
            <span className="trash-label">{visit.title}</span>
            <span className="note-time">{t('trash.deletedOn', { date: when(visit.deletedAt) })}</span>
            <button type="button" onClick={() => void restoreVisit(db(), visit.id)} aria-label={t('trash.restoreItem', { name: visit.title })}>
              {t('trash.restore')}
            </button>
          </li>
        ))}
        {trash?.notes.map((note) => {
          const label = noteLabel(note, t('notes.untitled'));
          return (
            <li key={note.id}>
              <span className="kind">{t(`notes.kinds.${note.kind}`)}</span>
              <span className="trash-label">{label}</span>
              <span className="note-time">{t('trash.deletedOn', { date: when(note.deletedAt) })}</span>
              <button type="button" onClick={() => void restoreNote(db(), note.id)} aria-label={t('trash.restoreItem', { name: label })}>
                {t('trash.restore')}
              </button>
            </li>
          );
        })}
      </ul>
    </Dialog>
  );
}
