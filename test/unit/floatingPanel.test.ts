// Where a floating panel (the lesson picker, a passage's lessons) goes so that it stays
// inside the window. The e2e lessons test checks the same on screen, at the window's
// smallest size.
import { describe, expect, it } from 'vitest';
import { placeWithin } from '../../src/renderer/components/FloatingPanel';

const viewport = { width: 900, height: 560 };
const panel = { width: 300, height: 200 };

describe('placeWithin', () => {
  it('keeps the anchor where the panel fits', () => {
    expect(placeWithin({ top: 100, left: 200, above: 80 }, panel, viewport)).toEqual({ top: 100, left: 200 });
  });

  it('moves left near the right edge, 8 px from it', () => {
    expect(placeWithin({ top: 100, left: 800, above: 80 }, panel, viewport)).toEqual({ top: 100, left: 592 });
  });

  it('opens above the anchor near the bottom', () => {
    expect(placeWithin({ top: 500, left: 200, above: 470 }, panel, viewport)).toEqual({ top: 270, left: 200 });
  });

  it('stays inside when there is room neither below nor above', () => {
    expect(placeWithin({ top: 150, left: 200, above: 120 }, { width: 300, height: 500 }, viewport)).toEqual({ top: 52, left: 200 });
  });

  it('never starts left of the window, even for a panel wider than it', () => {
    expect(placeWithin({ top: 10, left: 50 }, { width: 1000, height: 100 }, viewport).left).toBe(8);
  });
});
