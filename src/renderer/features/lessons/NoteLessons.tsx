// The lessons a whole note is linked to, shown as chips in the note's header; linked and
// unlinked there, unless the note is another participant's (`readOnly`).
import { useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson, NoteSummary } from '../../../shared/model';
import { db } from '../../db/AppDB';
import { updateNote } from '../../db/notes';
import { LessonPicker } from '../../components/LessonPicker';

export function NoteLessons({ note, lessons, readOnly = false }: { note: NoteSummary; lessons: Lesson[]; readOnly?: boolean }): JSX.Element | null {
  const { t } = useTranslation();
  const [picking, setPicking] = useState(false);
  const linked = note.lessonIds.flatMap((id) => lessons.filter((lesson) => lesson.id === id));
  const setLinks = (lessonIds: string[]) => void updateNote(db(), note.id, { lessonIds });
  if (readOnly && linked.length === 0) return null;

  return (
    <div className="note-lessons" role="group" aria-label={t('lessons.ofNote')}>
      {linked.map((lesson) => (
        <span key={lesson.id} className="lesson-chip" style={{ borderColor: lesson.color }}>
          <span className="lesson-dot" style={{ backgroundColor: lesson.color }} aria-hidden="true" />
          {lesson.title}
          {!readOnly && (
            <button
              type="button"
              aria-label={t('lessons.unlinkNote', { title: lesson.title })}
              onClick={() => setLinks(note.lessonIds.filter((id) => id !== lesson.id))}
            >
              ×
            </button>
          )}
        </span>
      ))}
      {readOnly ? null : picking ? (
        <LessonPicker
          lessons={lessons}
          exclude={note.lessonIds}
          label={t('lessons.linkNote')}
          onPick={(lesson) => {
            setLinks([...note.lessonIds, lesson.id]);
            setPicking(false);
          }}
          onClose={() => setPicking(false)}
        />
      ) : (
        lessons.length > 0 && (
          <button type="button" className="link-lesson-button" onClick={() => setPicking(true)}>
            + {t('lessons.linkNote')}
          </button>
        )
      )}
    </div>
  );
}
