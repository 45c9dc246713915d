import { describe, expect, it, vi } from 'vitest';
import { Deadline, GaveUp } from '../../../src/main/import/limits';

describe('the import time budget', () => {
  it('gives up once spent, and grows for large legitimate imports', async () => {
    const deadline = new Deadline(0);
    await new Promise((done) => setTimeout(done, 5));
    expect(() => deadline.check()).toThrow(GaveUp);
    deadline.extend(60_000);
    expect(() => deadline.check()).not.toThrow();
    expect(deadline.budgetMs).toBe(60_000);
  });

  it('ends on time when the system clock is set back an hour', async () => {
    const deadline = new Deadline(20);
    const wallClock = vi.spyOn(Date, 'now').mockReturnValue(Date.now() - 3_600_000);
    try {
      await new Promise((done) => setTimeout(done, 40));
      expect(() => deadline.check()).toThrow(GaveUp);
    } finally {
      wallClock.mockRestore();
    }
  });
});
