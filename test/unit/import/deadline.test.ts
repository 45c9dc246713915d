import { describe, expect, it } from 'vitest';
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
});
