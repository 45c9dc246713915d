import { useLiveQuery } from 'dexie-react-hooks';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { listExpeditions } from '../../db/expeditions';
import { writeSetting } from '../../db/settings';

const NEW = '__new__';
const JOIN = '__join__';

/** Switches between the expeditions of this notebook, starts a new one, or joins a shared one. */
export function ExpeditionSwitcher({ current, onNew, onJoin }: { current: Expedition; onNew: () => void; onJoin: () => void }): JSX.Element {
  const { t } = useTranslation();
  const expeditions = useLiveQuery(() => listExpeditions(db()), []);
  const choose = async (id: string): Promise<void> => {
    if (id === NEW) return onNew();
    if (id === JOIN) return onJoin();
    await writeSetting(db(), 'currentVisitId', null);
    await writeSetting(db(), 'currentNoteId', null);
    await writeSetting(db(), 'currentExpeditionId', id);
  };
  return (
    <select className="expedition-switcher" aria-label={t('expedition.switch')} value={current.id} onChange={(e) => void choose(e.target.value)}>
      {expeditions?.map((expedition) => (
        <option key={expedition.id} value={expedition.id}>
          {expedition.title}
        </option>
      ))}
      <option value={NEW}>{t('expedition.new')}…</option>
      <option value={JOIN}>{t('sharing.join')}…</option>
    </select>
  );
}
