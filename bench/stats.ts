// Medians, 95th percentiles, the figure record the runner prints and saves, and its two
// verdicts: the absolute target, and the ratio to a limit measured in the same run.

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

/** What the figure is held to beside its absolute target: the same work's floor (a blank
 *  page, a bare contenteditable, a raw bulkPut, Chromium's own print), measured in the
 *  same run, so that a slower or busier machine moves both and the ratio stays. */
export interface Limit {
  label: string;
  value: Summary;
  /** The statistic compared, the one the absolute target names. */
  at: 'median' | 'p95';
  /** 'times': the figure ÷ the limit, at most `bound`; 'share': a throughput as a share
   *  of the limit's, at least `bound`. */
  kind: 'times' | 'share';
  bound: number;
  ratio: number;
  pass: boolean;
}

export function limitBeside(figure: Summary, limit: Omit<Limit, 'ratio' | 'pass'>): Limit {
  const ratio = figure[limit.at] / limit.value[limit.at];
  return { ...limit, ratio, pass: limit.kind === 'times' ? ratio <= limit.bound : ratio >= limit.bound };
}

export interface Figure {
  id: string;
  label: string;
  unit: Unit;
  /** The absolute target, as text ("≤ 1.0 s", "p95 ≤ 50 ms"). */
  target: string;
  /** Met, missed, or null when the figure is informative only or was not measured. */
  pass: boolean | null;
  value?: Summary;
  /** The limit measured beside it and the ratio verdict, where the figure has one. */
  limit?: Limit;
  /** Why it was not measured. */
  notMeasured?: string;
  /** The machine's 1-minute load average as the figure started (the runner sets it). */
  load?: number;
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

const at = (limit: Limit) => (limit.at === 'p95' ? ' at p95' : '');
export const formatRatio = (limit: Limit): string => (limit.kind === 'times' ? `${limit.ratio.toFixed(1)}×${at(limit)}` : `${Math.round(limit.ratio * 100)} %`);
export const formatBound = (limit: Limit): string => (limit.kind === 'times' ? `≤ ${limit.bound}×${at(limit)}` : `≥ ${Math.round(limit.bound * 100)} %`);
const verdict = (pass: boolean | null) => (pass === null ? 'info' : pass ? 'met' : '**missed**');

/** One Markdown table: bench/README.md takes it as it is. */
export function table(figures: Figure[]): string {
  const rows = [
    '| figure | median | p95 | target | verdict | limit measured beside it (median / p95) | ratio | ratio target | ratio verdict | load |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const f of figures) {
    const load = f.load === undefined ? '—' : f.load.toFixed(1);
    if (f.notMeasured) {
      rows.push(`| ${f.label} | — | — | ${f.target} | not measured: ${f.notMeasured} | — | — | — | — | ${load} |`);
      continue;
    }
    const v = f.value!;
    const l = f.limit;
    const limit = l
      ? [`${l.label}: ${format(l.value.median, f.unit)} / ${format(l.value.p95, f.unit)}`, formatRatio(l), formatBound(l), verdict(l.pass)]
      : ['—', '—', '—', '—'];
    rows.push(`| ${f.label} | ${format(v.median, f.unit)} | ${format(v.p95, f.unit)} | ${f.target} | ${verdict(f.pass)} | ${limit.join(' | ')} | ${load} |`);
  }
  return rows.join('\n');
}
