import { useState, type FormEvent, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../../shared/model';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { db } from '../../db/AppDB';
import { createLesson, LESSON_COLOURS, updateLesson } from '../../db/lessons';

interface Props {
  expeditionId: string;
  lesson?: Lesson;
  /** How many lessons exist: a new one takes the next colour. */
  count: number;
  onClose: (created?: Lesson) => void;
}

export function LessonForm({ expeditionId, lesson, count, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const [title, setTitle] = useState(lesson?.title ?? '');
  const [description, setDescription] = useState(lesson?.description ?? '');
  const [color, setColor] = useState(lesson?.color ?? LESSON_COLOURS[count % LESSON_COLOURS.length]!);
  const [error, setError] = useState(false);

  const submit = async (event: FormEvent): Promise<void> => {
    event.preventDefault();
    if (!title.trim()) return setError(true);
    const input = { title: title.trim(), description: description.trim(), color };
    if (lesson) {
      await updateLesson(db(), lesson.id, input);
      onClose();
    } else {
      onClose(await createLesson(db(), expeditionId, input));
    }
  };

  // Heard by their names, not their codes.
  const colourNames = t('lessons.colours', { returnObjects: true }) as string[];

  return (
    <Dialog title={lesson ? t('lessons.edit') : t('lessons.new')} onClose={() => onClose()}>
      <form className="form" onSubmit={(e) => void submit(e)}>
        <label className="field">
          <span>{t('lessons.title')}</span>
          <input value={title} onChange={(e) => setTitle(e.target.value)} autoFocus aria-invalid={error} />
        </label>
        <label className="field">
          <span>{t('lessons.description')}</span>
          <textarea rows={3} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <fieldset className="colours">
          <legend>{t('lessons.colour')}</legend>
          {LESSON_COLOURS.map((candidate, index) => (
            <label key={candidate} className="colour-choice">
              <input
                type="radio"
                name="colour"
                value={candidate}
                checked={color === candidate}
                onChange={() => setColor(candidate)}
                aria-label={colourNames[index] ?? candidate}
              />
              <span className="lesson-dot large" style={{ backgroundColor: candidate }} aria-hidden="true" />
            </label>
          ))}
        </fieldset>
        <FormFooter error={error ? t('lessons.titleRequired') : null} onCancel={() => onClose()} />
      </form>
    </Dialog>
  );
}
