import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition } from '../../../shared/model';
import { isValidTimeZone } from '../../../shared/time';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { db } from '../../db/AppDB';
import { createExpedition, systemTimeZone, updateExpedition, type ExpeditionInput } from '../../db/expeditions';
import { writeSetting } from '../../db/settings';

const TIME_ZONES: string[] = Intl.supportedValuesOf?.('timeZone') ?? [];

interface Props {
  /** The expedition to edit; a new one is created when absent. */
  expedition?: Expedition;
  /** A new expedition's participant, to start with. */
  participant?: string;
  onClose: () => void;
}

export function ExpeditionForm({ expedition, participant = '', onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [form, setForm] = useState<ExpeditionInput>({
    title: expedition?.title ?? '',
    place: expedition?.place ?? '',
    startDate: expedition?.startDate ?? null,
    endDate: expedition?.endDate ?? null,
    timeZone: expedition?.timeZone ?? systemTimeZone(),
    participant: expedition?.participant ?? participant,
  });
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof ExpeditionInput>(key: K, value: ExpeditionInput[K]) => setForm({ ...form, [key]: value });

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!form.title.trim()) return setError(t('expedition.titleRequired'));
    if (!isValidTimeZone(form.timeZone)) return setError(t('expedition.badTimeZone'));
    if (form.startDate && form.endDate && form.endDate < form.startDate) return setError(t('expedition.endBeforeStart'));
    const input = { ...form, title: form.title.trim(), place: form.place.trim(), participant: form.participant.trim() };
    if (expedition) {
      await updateExpedition(db(), expedition.id, input);
    } else {
      const created = await createExpedition(db(), input);
      await writeSetting(db(), 'currentExpeditionId', created.id);
    }
    onClose();
  };

  return (
    <Dialog title={expedition ? t('expedition.edit') : t('expedition.new')} onClose={onClose}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('expedition.title')}</span>
          <input required value={form.title} onChange={(e) => set('title', e.target.value)} autoFocus />
        </label>
        <label className="field">
          <span>{t('expedition.place')}</span>
          <input value={form.place} onChange={(e) => set('place', e.target.value)} />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t('expedition.startDate')}</span>
            <input type="date" value={form.startDate ?? ''} onChange={(e) => set('startDate', e.target.value || null)} />
          </label>
          <label className="field">
            <span>{t('expedition.endDate')}</span>
            <input type="date" value={form.endDate ?? ''} onChange={(e) => set('endDate', e.target.value || null)} />
          </label>
        </div>
        <label className="field">
          <span>{t('expedition.timeZone')}</span>
          <input list="carnet-time-zones" value={form.timeZone} onChange={(e) => set('timeZone', e.target.value)} />
          <datalist id="carnet-time-zones">
            {TIME_ZONES.map((zone) => (
              <option key={zone} value={zone} />
            ))}
          </datalist>
        </label>
        <label className="field">
          <span>{t('onboarding.participant')}</span>
          <input value={form.participant} onChange={(e) => set('participant', e.target.value)} />
          <small>{t('onboarding.participantHint')}</small>
        </label>
        <FormFooter error={error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
