// Medians, 95th percentiles and the figure record the runner prints and saves.

export function quantile(samples: number[], q: number): number {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  // Nearest rank: the smallest sample with at least q of them at or below it.
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export interface Summary {
  median: number;
  p95: number;
  n: number;
}

export function summary(samples: number[]): Summary {
  return { median: quantile(samples, 0.5), p95: quantile(samples, 0.95), n: samples.length };
}

export type Unit = 'ms' | 's' | 'MB' | 'notes/s';

export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  /** What the issue asks, as text ("≤ 1.0 s", "p95 ≤ 50 ms"). */
  target: string;
  /** Met, missed, or null when the figure is informative only or was not measured. */
  pass: boolean | null;
  value?: Summary;
  /** The limit measured beside it in the same run, and value/limit (or the share the
   *  issue names) so that the comparison stands on a noisy machine. */
  limit?: { label: string; value: Summary; ratio: string };
  /** Why it was not measured. */
  notMeasured?: string;
  /** Anything else worth keeping (phases, counts, longest stall…). */
  detail?: Record<string, unknown>;
}

export function format(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '—';
  if (unit === 's') return `${(value / 1000).toFixed(2)} s`;
  if (unit === 'ms') return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value).toLocaleString('en')} ms`;
  if (unit === 'MB') return `${value.toFixed(1)} MB`;
  return `${Math.round(value).toLocaleString('en')} notes/s`;
}

/** One Markdown table: the README's Benchmark section takes it as it is. */
export function table(figures: Figure[]): string {
  const rows = [
    '| figure | median | p95 | target | limit measured beside it (median / p95) | ratio | verdict |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of figures) {
    if (f.notMeasured) {
      rows.push(`| ${f.label} | — | — | ${f.target} | — | — | not measured: ${f.notMeasured} |`);
      continue;
    }
    const v = f.value!;
    const limitUnit = f.unit === 'notes/s' ? 'notes/s' : f.unit;
    const limit = f.limit ? `${f.limit.label}: ${format(f.limit.value.median, limitUnit)} / ${format(f.limit.value.p95, limitUnit)}` : '—';
    const verdict = f.pass === null ? 'info' : f.pass ? 'met' : '**missed**';
    rows.push(`| ${f.label} | ${format(v.median, f.unit)} | ${format(v.p95, f.unit)} | ${f.target} | ${limit} | ${f.limit?.ratio ?? '—'} | ${verdict} |`);
  }
  return rows.join('\n');
}
