import type { JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../shared/model';

interface Props {
  lessons: Lesson[];
  selectedId: string | null;
  onSelect: (lessonId: string) => void;
}

export function LessonList({ lessons, selectedId, onSelect }: Props): JSX.Element {
  const { t } = useTranslation();
  if (lessons.length === 0) return <p className="empty">{t('lessons.none')}</p>;
  return (
    <ul className="lesson-list" aria-label={t('lessons.heading')}>
      {lessons.map((lesson) => (
        <li key={lesson.id}>
          <button type="button" className="lesson-item" aria-current={lesson.id === selectedId ? 'true' : undefined} onClick={() => onSelect(lesson.id)}>
            <span className="lesson-dot" style={{ backgroundColor: lesson.color }} aria-hidden="true" />
            <span>{lesson.title}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
