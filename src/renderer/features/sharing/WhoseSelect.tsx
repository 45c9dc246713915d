// In a shared expedition: everyone's notes, mine, or one participant's — for the note
// lists, the search, the lesson pages and the matrix alike.
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { useSharing, type WhoseNotes } from './SharingProvider';

const EVERYONE = '';
const MINE = '__mine__';

export function WhoseSelect({ expeditionId }: { expeditionId: string }): JSX.Element | null {
  const { t } = useTranslation();
  const { share, members, whose, setWhose } = useSharing();
  if (!share || share.expeditionId !== expeditionId) return null;
  const value = whose === null ? EVERYONE : 'mine' in whose ? MINE : whose.participantId;
  const choose = (chosen: string): void => {
    const next: WhoseNotes = chosen === EVERYONE ? null : chosen === MINE ? { mine: true } : { participantId: chosen };
    setWhose(next);
  };
  return (
    <label className="whose-select">
      <span>{t('sharing.whose')}</span>
      <select value={value} onChange={(event) => choose(event.target.value)}>
        <option value={EVERYONE}>{t('sharing.everyone')}</option>
        <option value={MINE}>{t('sharing.mine')}</option>
        {members
          .filter((member) => member.id !== share.participantId)
          .map((member) => (
            <option key={member.id} value={member.id}>
              {member.name}
            </option>
          ))}
      </select>
    </label>
  );
}
