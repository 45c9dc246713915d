// Creating or editing a visit. Dates and times are typed in the expedition's time zone
// and stored as instants.
import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Expedition, Speaker, Visit } from '../../../shared/model';
import { zonedDate, zonedTime, zonedToEpoch } from '../../../shared/time';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { db } from '../../db/AppDB';
import { writeSetting } from '../../db/settings';
import { createVisit, updateVisit, type VisitInput } from '../../db/visits';

interface Props {
  expedition: Expedition;
  visit?: Visit;
  onClose: () => void;
}

interface FormState {
  title: string;
  organisation: string;
  allDay: boolean;
  date: string;
  endDate: string;
  startTime: string;
  endTime: string;
  location: string;
  description: string;
  speakers: Speaker[];
}

function initialState(expedition: Expedition, visit?: Visit): FormState {
  const zone = expedition.timeZone;
  return {
    title: visit?.title ?? '',
    organisation: visit?.organisation ?? '',
    allDay: visit?.allDay ?? false,
    date: visit ? (visit.date ?? zonedDate(visit.start, zone)) : (expedition.startDate ?? zonedDate(Date.now(), zone)),
    endDate: visit?.endDate ?? '',
    startTime: visit && !visit.allDay ? zonedTime(visit.start, zone) : '09:00',
    endTime: visit?.end ? zonedTime(visit.end, zone) : '',
    location: visit?.location ?? '',
    description: visit?.description ?? '',
    speakers: visit?.speakers ?? [],
  };
}

/** The stored form of what was typed, or the key of the message saying what is wrong. */
export function toVisitInput(form: FormState, timeZone: string): VisitInput | { error: string } {
  if (!form.title.trim()) return { error: 'visits.titleRequired' };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(form.date)) return { error: 'visits.dateRequired' };
  const speakers = form.speakers.map((speaker) => ({ name: speaker.name.trim(), role: speaker.role.trim() })).filter((speaker) => speaker.name);
  const common = {
    title: form.title.trim(),
    organisation: form.organisation.trim(),
    location: form.location.trim(),
    description: form.description.trim(),
    speakers,
  };
  if (form.allDay) {
    if (form.endDate && form.endDate < form.date) return { error: 'visits.endBeforeStart' };
    return {
      ...common,
      allDay: true,
      start: zonedToEpoch(form.date, '00:00', timeZone),
      end: null,
      date: form.date,
      endDate: form.endDate && form.endDate !== form.date ? form.endDate : null,
    };
  }
  if (!/^\d{2}:\d{2}$/.test(form.startTime)) return { error: 'visits.timeRequired' };
  const start = zonedToEpoch(form.date, form.startTime, timeZone);
  const end = form.endTime ? zonedToEpoch(form.date, form.endTime, timeZone) : null;
  if (end !== null && end <= start) return { error: 'visits.endBeforeStart' };
  return { ...common, allDay: false, start, end, date: null, endDate: null };
}

export function VisitForm({ expedition, visit, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [form, setForm] = useState<FormState>(() => initialState(expedition, visit));
  const [error, setError] = useState<string | null>(null);
  const set = <K extends keyof FormState>(key: K, value: FormState[K]) => setForm((f) => ({ ...f, [key]: value }));
  const setSpeaker = (index: number, change: Partial<Speaker>) =>
    set(
      'speakers',
      form.speakers.map((s, i) => (i === index ? { ...s, ...change } : s)),
    );

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    const input = toVisitInput(form, expedition.timeZone);
    if ('error' in input) return setError(t(input.error));
    if (visit) {
      await updateVisit(db(), visit.id, input);
    } else {
      const created = await createVisit(db(), expedition.id, input);
      await writeSetting(db(), 'currentVisitId', created.id);
    }
    onClose();
  };

  return (
    <Dialog title={visit ? t('visits.edit') : t('visits.new')} onClose={onClose} wide>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('visits.title')}</span>
          <input value={form.title} onChange={(e) => set('title', e.target.value)} autoFocus />
        </label>
        <div className="field-row">
          <label className="field">
            <span>{t('visits.organisation')}</span>
            <input value={form.organisation} onChange={(e) => set('organisation', e.target.value)} />
          </label>
          <label className="field">
            <span>{t('visits.location')}</span>
            <input value={form.location} onChange={(e) => set('location', e.target.value)} />
          </label>
        </div>
        <div className="field-row">
          <label className="field">
            <span>{t('visits.date')}</span>
            <input type="date" value={form.date} onChange={(e) => set('date', e.target.value)} />
          </label>
          {form.allDay ? (
            <label className="field">
              <span>{t('visits.endDate')}</span>
              <input type="date" value={form.endDate} onChange={(e) => set('endDate', e.target.value)} />
            </label>
          ) : (
            <>
              <label className="field">
                <span>{t('visits.start')}</span>
                <input type="time" value={form.startTime} onChange={(e) => set('startTime', e.target.value)} />
              </label>
              <label className="field">
                <span>{t('visits.end')}</span>
                <input type="time" value={form.endTime} onChange={(e) => set('endTime', e.target.value)} />
              </label>
            </>
          )}
          <label className="checkbox">
            <input type="checkbox" checked={form.allDay} onChange={(e) => set('allDay', e.target.checked)} />
            <span>{t('visits.allDay')}</span>
          </label>
        </div>
        <p className="hint">{t('visits.timeZoneHint', { zone: expedition.timeZone })}</p>
        <fieldset className="speakers">
          <legend>{t('visits.speakers')}</legend>
          {form.speakers.map((speaker, index) => (
            <div className="field-row" key={index}>
              <input
                aria-label={t('visits.speakerName')}
                placeholder={t('visits.speakerName')}
                value={speaker.name}
                onChange={(e) => setSpeaker(index, { name: e.target.value })}
              />
              <input
                aria-label={t('visits.speakerRole')}
                placeholder={t('visits.speakerRole')}
                value={speaker.role}
                onChange={(e) => setSpeaker(index, { role: e.target.value })}
              />
              <button
                type="button"
                aria-label={t('visits.removeSpeaker', { name: speaker.name })}
                onClick={() =>
                  set(
                    'speakers',
                    form.speakers.filter((_, i) => i !== index),
                  )
                }
              >
                ×
              </button>
            </div>
          ))}
          <button type="button" onClick={() => set('speakers', [...form.speakers, { name: '', role: '' }])}>
            {t('visits.addSpeaker')}
          </button>
        </fieldset>
        <label className="field">
          <span>{t('visits.description')}</span>
          <textarea rows={3} value={form.description} onChange={(e) => set('description', e.target.value)} />
        </label>
        <FormFooter error={error} onCancel={onClose} />
      </form>
    </Dialog>
  );
}
