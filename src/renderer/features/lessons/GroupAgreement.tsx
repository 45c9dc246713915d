// Where the group agrees on a lesson (a shared expedition): at each visit, how many
// participants linked something to it and who; the quotes and passages several of them
// linked alike, strongest first — where the group's synthesis starts from. Everyone's
// notes count, whatever the whose-notes choice shows.
import { useLiveQuery } from 'dexie-react-hooks';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { expeditionAgreement, type Agreement } from '../../../shared/journal/agreement';
import type { Lesson, Visit } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { withStates } from '../../db/notes';
import { QuoteButton, type Quoting } from './QuoteButton';

interface Props {
  lesson: Lesson;
  visits: Visit[];
  /** Where an agreement is quoted (the group's synthesis), with its back reference. */
  quoting: (agreement: Agreement) => Quoting;
}

export function GroupAgreement({ lesson, visits, quoting }: Props): JSX.Element | null {
  const { t } = useTranslation();
  const agreement = useLiveQuery(async () => {
    const [whole, passages] = await Promise.all([
      db().notes.where('lessonIds').equals(lesson.id).toArray(),
      db().notes.where('passageLessonIds').equals(lesson.id).toArray(),
    ]);
    const notes = [...new Map([...whole, ...passages].map((note) => [note.id, note])).values()];
    return expeditionAgreement({ visits, lessons: [lesson], notes: await withStates(db(), notes) }).lessons[0] ?? null;
  }, [lesson, visits]);
  if (!agreement || agreement.cells.length === 0) return null;
  return (
    <section className="group-agreement" aria-label={t('agreement.title')}>
      <h3>{t('agreement.title')}</h3>
      <ul className="agreement-visits" aria-label={t('agreement.byVisit')}>
        {agreement.cells.map(({ visit, contributions }) => (
          <li key={visit.id}>
            <strong>{visit.title}</strong> —{' '}
            {t('agreement.participants', {
              count: contributions.length,
              names: contributions.map(({ participant, items }) => `${participant.name} (${items.length})`).join(', '),
            })}
          </li>
        ))}
      </ul>
      <h4>{t('agreement.shared')}</h4>
      {agreement.shared.length === 0 ? (
        <p className="empty">{t('agreement.noneShared')}</p>
      ) : (
        <ul className="agreement-shared">
          {agreement.shared.map((shared, index) => {
            const quotingShared = quoting(shared);
            return (
              <li key={index}>
                <blockquote style={{ borderColor: lesson.color }}>{shared.text}</blockquote>
                <p className="hint">
                  {t('agreement.linkedBy', { count: shared.participants.length, names: shared.participants.map((p) => p.name).join(', ') })} ·{' '}
                  {quotingShared.source}
                </p>
                <QuoteButton quoting={quotingShared} text={shared.text} />
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
