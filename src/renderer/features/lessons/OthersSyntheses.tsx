// In a shared expedition, the other participants' syntheses of a lesson, below one's own:
// read here, written by each of them (the whose-notes choice applies).
import { useLiveQuery } from 'dexie-react-hooks';
import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import { db } from '../../db/AppDB';
import { NoteReader } from '../../editor/NoteReader';
import { useSharing } from '../sharing/SharingProvider';

export function OthersSyntheses({ lessonId }: { lessonId: string }): JSX.Element | null {
  const { t } = useTranslation();
  const { share, members, shows } = useSharing();
  const syntheses = useLiveQuery(() => db().syntheses.where('lessonId').equals(lessonId).toArray(), [lessonId]);
  const shown = syntheses?.filter((synthesis) => synthesis.authorId !== share?.participantId && shows(synthesis));
  if (!shown || shown.length === 0) return null;
  const nameOf = (authorId: string) => members.find((member) => member.id === authorId)?.name ?? '';
  return (
    <section className="synthesis others-syntheses" aria-label={t('lessons.othersSyntheses')}>
      <h3>{t('lessons.othersSyntheses')}</h3>
      {shown.map((synthesis) => (
        <article key={synthesis.id} className="others-synthesis" aria-label={t('lessons.synthesisBy', { name: nameOf(synthesis.authorId) })}>
          <h4>{t('lessons.synthesisBy', { name: nameOf(synthesis.authorId) })}</h4>
          <NoteReader state={synthesis.state} />
        </article>
      ))}
    </section>
  );
}
