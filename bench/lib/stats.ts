/** Small statistics helpers for the benchmark. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  n: number;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { median: NaN, min: NaN, max: NaN, n: 0 };
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, min: s[0]!, max: s[s.length - 1]!, n: s.length };
}

/**
 * `a[i] / b[i]` for each round both have (round i of each ran back to back, so load that changes
 * between rounds cancels out), summarised over the rounds.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Summary {
  const n = Math.min(a.length, b.length);
  return summarize(Array.from({ length: n }, (_, i) => a[i]! / b[i]!));
}

/** Nearest-rank percentile of an already sorted array (p in 0..100). */
export function percentileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

/** "12.3 (11.9–13.0)" with a formatter for the numbers. */
export function fmtSummary(s: Summary, fmt: (v: number) => string): string {
  if (s.n === 0) return "n/a";
  if (s.n === 1 || s.min === s.max) return fmt(s.median);
  return `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;
}

export const ms = (v: number): string => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
export const sec = (vMs: number): string => (vMs / 1000).toFixed(vMs >= 10_000 ? 1 : 2);
export const mb = (kb: number): string => (kb / 1024).toFixed(0);
export const int = (v: number): string => Math.round(v).toLocaleString("en-US");
export const ratio = (v: number): string => (Number.isFinite(v) ? `${v.toFixed(2)}×` : "n/a");
