import { createContext, useContext } from 'react';
import type { Lesson } from '../../shared/model';

/** The lessons of the expedition on screen: passage marks take their colours and titles. */
export const LessonsContext = createContext<Lesson[]>([]);

export function useLessons(): Lesson[] {
  return useContext(LessonsContext);
}
