// Long lists (a visit's notes, search results) draw their first items, then more each time
// their end comes near the visible part of the pane that scrolls them: a list of hundreds
// opens as fast as one of a few dozen.
import { useEffect, useRef, useState, type RefObject } from 'react';

export interface DrawnCount {
  /** How many items to draw. */
  count: number;
  /** Put on an empty item after the last one drawn, when `count` < the list's length. */
  sentinel: RefObject<HTMLLIElement | null>;
}

/** `keep`: how many items must be drawn whatever the scrolling (the selected one and
 *  those before it). */
export function useDrawnCount(length: number, step: number, keep = 0): DrawnCount {
  const [drawn, setDrawn] = useState(step);
  const sentinel = useRef<HTMLLIElement>(null);
  // What was drawn for the selection stays drawn when the selection moves up the list:
  // a list that shrank under the pointer would lose its scroll position.
  if (keep > drawn) setDrawn(keep);
  const count = Math.min(length, Math.max(drawn, keep));
  const more = count < length;
  useEffect(() => {
    const end = sentinel.current;
    if (!more || !end) return;
    // Without IntersectionObserver (a test DOM), the whole list is drawn at once.
    if (typeof IntersectionObserver === 'undefined') {
      setDrawn(length);
      return;
    }
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) setDrawn((before) => before + step);
      },
      // The pane that scrolls the list, so that the margin draws ahead of the scrolling.
      { root: end.closest('.pane'), rootMargin: '800px 0px' },
    );
    observer.observe(end);
    return () => observer.disconnect();
  }, [more, count, length, step]);
  return { count, sentinel };
}
