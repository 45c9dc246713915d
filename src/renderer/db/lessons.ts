import { newId } from '../../shared/ids';
import type { Lesson } from '../../shared/model';
import type { AppDB } from './AppDB';

/** Colours offered for new lessons, distinct on paper and on screen, light or dark. */
export const LESSON_COLOURS = ['#c2410c', '#15803d', '#1d4ed8', '#7e22ce', '#b45309', '#0f766e', '#be123c', '#4d7c0f'];

export type LessonInput = Pick<Lesson, 'title' | 'description' | 'color'>;

export async function listLessons(database: AppDB, expeditionId: string): Promise<Lesson[]> {
  return database.lessons.where('[expeditionId+order]').between([expeditionId, -Infinity], [expeditionId, Infinity]).toArray();
}

export async function createLesson(database: AppDB, expeditionId: string, input: LessonInput): Promise<Lesson> {
  return database.transaction('rw', database.lessons, async () => {
    const last = await database.lessons.where('[expeditionId+order]').between([expeditionId, -Infinity], [expeditionId, Infinity]).last();
    const now = Date.now();
    const lesson: Lesson = {
      id: newId(),
      expeditionId,
      ...input,
      order: (last?.order ?? -1) + 1,
      synthesis: '',
      createdAt: now,
      updatedAt: now,
    };
    await database.lessons.add(lesson);
    return lesson;
  });
}

export async function updateLesson(
  database: AppDB,
  id: string,
  changes: Partial<Pick<Lesson, 'title' | 'description' | 'color' | 'synthesis'>>,
): Promise<void> {
  await database.lessons.update(id, { ...changes, updatedAt: Date.now() });
}

/** Moves a lesson one place up (-1) or down (+1) in the expedition's order. */
export async function moveLesson(database: AppDB, id: string, direction: -1 | 1): Promise<void> {
  await database.transaction('rw', database.lessons, async () => {
    const lesson = await database.lessons.get(id);
    if (!lesson) return;
    const lessons = await listLessons(database, lesson.expeditionId);
    const index = lessons.findIndex((candidate) => candidate.id === id);
    const other = lessons[index + direction];
    if (!other) return;
    await database.lessons.update(lesson.id, { order: other.order });
    await database.lessons.update(other.id, { order: lesson.order });
  });
}
