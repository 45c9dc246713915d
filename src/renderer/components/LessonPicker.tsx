// Picks a lesson by typing part of its title (accents and case ignored); arrows move,
// Enter picks, Escape closes.
import { useId, useState, type JSX } from 'react';
import { useTranslation } from 'react-i18next';
import type { Lesson } from '../../shared/model';

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');

interface Props {
  lessons: Lesson[];
  /** Lessons already chosen, left out of the list. */
  exclude?: readonly string[];
  label: string;
  onPick: (lesson: Lesson) => void;
  /** Closed by a click elsewhere, or by Escape. */
  onClose: () => void;
}

export function LessonPicker({ lessons, exclude = [], label, onPick, onClose }: Props): JSX.Element {
  const { t } = useTranslation();
  const listId = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const options = lessons.filter((lesson) => !exclude.includes(lesson.id) && fold(lesson.title).includes(fold(query)));
  const current = options[Math.min(active, options.length - 1)];

  return (
    <div className="lesson-picker" onMouseDown={(e) => e.target instanceof HTMLInputElement || e.preventDefault()}>
      <input
        autoFocus
        role="combobox"
        aria-label={label}
        aria-expanded="true"
        aria-controls={listId}
        aria-activedescendant={current ? `${listId}-${current.id}` : undefined}
        placeholder={t('lessons.filter')}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onBlur={onClose}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, options.length - 1));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter' && current) onPick(current);
          else if (e.key === 'Escape') onClose();
          else return;
          e.preventDefault();
        }}
      />
      <ul role="listbox" id={listId} aria-label={label}>
        {options.map((lesson) => (
          <li key={lesson.id} id={`${listId}-${lesson.id}`} role="option" aria-selected={lesson === current} onClick={() => onPick(lesson)}>
            <span className="lesson-dot" style={{ backgroundColor: lesson.color }} aria-hidden="true" />
            {lesson.title}
          </li>
        ))}
        {options.length === 0 && <li className="empty">{t('lessons.noMatch')}</li>}
      </ul>
    </div>
  );
}
