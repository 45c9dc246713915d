// A panel fixed beside what it is about (a selected passage, a mark, the mouse), kept
// inside the window: opened near the right edge it moves left, near the bottom it opens
// above its anchor instead of below. It is rendered in <body>, because the panes are
// `contain: strict` (typing speed) and would otherwise place "fixed" against themselves.
import { useEffect, useLayoutEffect, useRef, useState, type CSSProperties, type HTMLAttributes, type JSX, type ReactNode } from 'react';
import { createPortal } from 'react-dom';

export interface FloatingAnchor {
  /** Where the panel's top goes when it opens below. */
  top: number;
  left: number;
  /** Where the panel's bottom goes when there is no room below (the anchor's top). */
  above?: number;
}

const MARGIN = 8;

/** The panel's position, moved inside the viewport. */
export function placeWithin(
  anchor: FloatingAnchor,
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { top: number; left: number } {
  const left = Math.max(MARGIN, Math.min(anchor.left, viewport.width - size.width - MARGIN));
  let top = anchor.top;
  if (top + size.height > viewport.height - MARGIN) {
    const above = (anchor.above ?? anchor.top) - size.height;
    top = above >= MARGIN ? above : Math.max(MARGIN, viewport.height - size.height - MARGIN);
  }
  return { top, left };
}

type Props = Omit<HTMLAttributes<HTMLDivElement>, 'style'> & {
  anchor: FloatingAnchor;
  children: ReactNode;
  /** Escape, wherever the focus is; a press outside the panel, or a scroll that moves what
   *  it is about away from it. */
  onDismiss?: (how: 'escape' | 'outside') => void;
};

export function FloatingPanel({ anchor, children, onDismiss, ...rest }: Props): JSX.Element {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!onDismiss) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      event.stopPropagation();
      onDismiss('escape');
    };
    const onPointer = (event: PointerEvent) => {
      if (!ref.current?.contains(event.target as Node)) onDismiss('outside');
    };
    const onScroll = (event: Event) => {
      if (!ref.current?.contains(event.target as Node)) onDismiss('outside');
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    document.addEventListener('scroll', onScroll, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [onDismiss]);
  // Drawn at its anchor first (visible, so that a field inside can take the focus), then
  // moved before the first paint: the layout effect runs before the browser paints.
  const [position, setPosition] = useState<CSSProperties>({ top: anchor.top, left: anchor.left });

  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    // Measured at the window's top left, where its width is its own and not what is left
    // beside the anchor.
    element.style.left = '0px';
    element.style.top = '0px';
    const { width, height } = element.getBoundingClientRect();
    const placed = placeWithin(anchor, { width, height }, { width: window.innerWidth, height: window.innerHeight });
    // Written here too: when the place is the one already rendered, React writes nothing
    // and the measuring position would stay.
    element.style.left = `${placed.left}px`;
    element.style.top = `${placed.top}px`;
    setPosition(placed);
  }, [anchor]);

  return createPortal(
    <div ref={ref} style={position} {...rest}>
      {children}
    </div>,
    document.body,
  );
}
