// The organiser's overview of a shared expedition: how many notes each participant wrote
// at each visit, who has written nothing since which visit, and the lessons with too
// little evidence for the group's synthesis. Everyone's notes, whatever the whose-notes
// filter shows elsewhere: it is about the whole group. The access document (the
// organiser's) tells who was revoked, not to be chased, and who never connected.
import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PARTICIPANTS, MIN_PIECES, participation } from '../../../shared/journal/participation';
import type { Expedition, Lesson, Visit } from '../../../shared/model';
import type { ParticipantEntry } from '../../../shared/sync/access';
import { db } from '../../db/AppDB';
import { withStates } from '../../db/notes';
import { formatDateTime } from '../../i18n';
import { useLocale } from '../../i18n/useLocale';
import { useNow } from '../layout/useSelection';
import { useSharing } from './SharingProvider';

interface Props {
  expedition: Expedition;
  visits: Visit[];
  lessons: Lesson[];
  onOpenLesson: (lessonId: string) => void;
}

export function GroupOverview({ expedition, visits, lessons, onOpenLesson }: Props): JSX.Element {
  const { t } = useTranslation();
  const [locale] = useLocale();
  const { share, session, members } = useSharing();
  const [access, setAccess] = useState<ParticipantEntry[]>([]);
  useEffect(() => session?.watchParticipants(setAccess), [session]);
  const now = useNow();
  const tableId = useId();
  const notes = useLiveQuery(async () => {
    const all = await db().notes.where('expeditionId').equals(expedition.id).toArray();
    // Only linked notes' bodies are read (for their passages): the others are just counted.
    const linked = await withStates(
      db(),
      all.filter((note) => note.lessonIds.length > 0 || note.passageLessonIds.length > 0),
    );
    const states = new Map(linked.map((note) => [note.id, note.state]));
    return all.map((note) => ({ ...note, state: states.get(note.id) ?? '' }));
  }, [expedition.id]);
  if (!notes) return <p className="empty">…</p>;

  const revoked = new Set(access.filter((entry) => entry.revoked).map((entry) => entry.id));
  const neverSeen = new Set(access.filter((entry) => entry.lastSeen === 0).map((entry) => entry.id));
  const active = members.filter((member) => !revoked.has(member.id));
  const overview = participation({ visits, lessons, notes, members: active, ownId: share?.participantId, now });
  const silent = overview.participants.filter((participant) => participant.silentSince.length > 0);
  const day = (ms: number) => formatDateTime(ms, locale, expedition.timeZone, { dateStyle: 'medium', timeStyle: undefined });

  return (
    <article className="group-overview" aria-label={t('overview.title')}>
      <header className="matrix-header">
        <h2>{t('overview.title')}</h2>
        <p className="lesson-description">{t('overview.intro')}</p>
      </header>

      <section className="overview-section" aria-labelledby={tableId}>
        <h3 id={tableId}>{t('overview.notes')}</h3>
        {overview.visits.length === 0 ? (
          <p className="empty">{t('visits.none')}</p>
        ) : (
          <div className="matrix-scroll">
            <table className="matrix overview-table" aria-labelledby={tableId}>
              <thead>
                <tr>
                  <th scope="col">{t('overview.participant')}</th>
                  {overview.visits.map((visit) => (
                    <th scope="col" key={visit.id}>
                      {visit.title} <span className="note-time">· {day(visit.start)}</span>
                    </th>
                  ))}
                  <th scope="col">{t('overview.total')}</th>
                </tr>
              </thead>
              <tbody>
                {overview.participants.map((participant) => (
                  <tr key={participant.id}>
                    <th scope="row">
                      {participant.name}
                      {participant.id === share?.participantId && ` (${t('sharing.you')})`}
                    </th>
                    {overview.visits.map((visit, index) => (
                      <td key={visit.id} className={participant.silentSince.includes(visit) ? 'count silent' : 'count'}>
                        {participant.counts[index]}
                      </td>
                    ))}
                    <td className="count total">{participant.total}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">{t('overview.total')}</th>
                  {overview.visits.map((visit, index) => (
                    <td key={visit.id} className="count total">
                      {overview.visitTotals[index]}
                    </td>
                  ))}
                  <td className="count total">{overview.total}</td>
                </tr>
              </tfoot>
            </table>
          </div>
        )}
      </section>

      <section className="overview-section" aria-label={t('overview.silent')}>
        <h3>{t('overview.silent')}</h3>
        {silent.length === 0 ? (
          <p className="empty">{overview.latestBegun ? t('overview.noneSilent', { visit: overview.latestBegun.title }) : t('overview.notBegun')}</p>
        ) : (
          <ul className="overview-list">
            {silent.map(({ id, name, lastVisit, silentSince }) => (
              <li key={id}>
                <strong>{name}</strong>
                {neverSeen.has(id) && ` (${t('sharing.neverSeen')})`} —{' '}
                {lastVisit ? t('overview.since', { visit: lastVisit.title, count: silentSince.length }) : t('overview.never', { count: silentSince.length })}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="overview-section" aria-label={t('overview.thin')}>
        <h3>{t('overview.thin')}</h3>
        <p className="hint">{t('overview.thinHint', { participants: MIN_PARTICIPANTS, pieces: MIN_PIECES })}</p>
        {overview.thinLessons.length === 0 ? (
          <p className="empty">{t('overview.noneThin')}</p>
        ) : (
          <ul className="overview-list">
            {overview.thinLessons.map(({ lesson, participants, visits: visitCount, pieces }) => (
              <li key={lesson.id}>
                <button type="button" className="lesson-item" onClick={() => onOpenLesson(lesson.id)}>
                  <span className="lesson-dot" style={{ backgroundColor: lesson.color }} aria-hidden="true" />
                  <span>{lesson.title}</span>
                  <span className="note-time">
                    {[
                      t('overview.participants', { count: participants }),
                      t('overview.pieces', { count: pieces }),
                      t('overview.visits', { count: visitCount }),
                    ].join(' · ')}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
    </article>
  );
}
