import { describe, expect, it } from 'vitest';
import { limitBeside, quantile, summary, table, type Figure } from '../../bench/stats';

describe("the benchmark's statistics and verdicts", () => {
  it('takes the nearest-rank median and 95th percentile', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i);
    expect(quantile(samples, 0.5)).toBe(10);
    expect(quantile(samples, 0.95)).toBe(19);
    expect(summary([])).toEqual({ median: Number.NaN, p95: Number.NaN, n: 0 });
  });

  it('holds a time to at most so many times its limit, at the statistic its target names', () => {
    const slow = limitBeside(
      { median: 1550, p95: 1800, n: 5 },
      { label: 'blank page', value: { median: 148, p95: 200, n: 5 }, at: 'median', kind: 'times', bound: 15 },
    );
    expect(slow.ratio).toBeCloseTo(10.47, 2);
    expect(slow.pass).toBe(true);
    const tail = limitBeside({ median: 8, p95: 30, n: 90 }, { label: 'bare', value: { median: 4, p95: 10, n: 90 }, at: 'p95', kind: 'times', bound: 2.5 });
    expect(tail.ratio).toBe(3);
    expect(tail.pass).toBe(false);
  });

  it('holds a throughput to at least a share of its limit', () => {
    const share = limitBeside(
      { median: 827, p95: 900, n: 3 },
      { label: 'bulkPut', value: { median: 1165, p95: 1200, n: 3 }, at: 'median', kind: 'share', bound: 0.5 },
    );
    expect(share.pass).toBe(true);
    expect(limitBeside({ median: 400, p95: 400, n: 1 }, { ...share, bound: 0.5 }).pass).toBe(false);
  });

  it('prints both verdicts side by side: the absolute target can be missed while the ratio is met', () => {
    const figure: Figure = {
      id: 'coldStart',
      label: 'cold start',
      unit: 's',
      target: '≤ 1.0 s',
      pass: false,
      load: 2.04,
      value: { median: 1550, p95: 1800, n: 5 },
      limit: limitBeside(
        { median: 1550, p95: 1800, n: 5 },
        { label: 'blank page', value: { median: 148, p95: 200, n: 5 }, at: 'median', kind: 'times', bound: 15 },
      ),
    };
    const row = table([figure, { id: 'heap', label: 'heap', unit: 'MB', target: '≤ 150 MB', pass: true, value: { median: 11.2, p95: 12.6, n: 2 } }]).split(
      '\n',
    );
    expect(row[2]).toBe('| cold start | 1.55 s | 1.80 s | ≤ 1.0 s | **missed** | blank page: 0.15 s / 0.20 s | 10.5× | ≤ 15× | met | 2.0 |');
    expect(row[3]).toBe('| heap | 11.2 MB | 12.6 MB | ≤ 150 MB | met | — | — | — | — | — |');
  });
});
