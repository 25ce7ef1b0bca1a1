/**
 * Percentiles of pause and delay samples, and a distribution-free error for them (the gate compares GC p95
 * between runs and needs to know how much p95 moves by chance).
 */
import { normalQuantile } from './quantiles.ts';

/** The p-th percentile (0–100) by linear interpolation between order statistics (Hyndman–Fan type 7, as numpy). */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile: p must be in [0, 100], got ${p}`);
  const sorted = [...values].sort((a, b) => a - b);
  return percentileOfSorted(sorted, p);
}

/** Same as percentile, for an already ascending array (no copy). */
export function percentileOfSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const h = ((sorted.length - 1) * p) / 100;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/**
 * Standard error of the p-th percentile from order statistics: the ranks n·q ± z·√(n·q·(1−q)) bound a
 * 95 % interval for the quantile (binomial argument), and half its width over z is the error. Needs no model of the
 * distribution's shape, which for GC pauses is lumpy. Infinity when there are too few values to say.
 */
export function percentileStandardError(values: readonly number[], p: number): number {
  const n = values.length;
  if (n < 5) return Number.POSITIVE_INFINITY;
  const q = p / 100;
  const z = normalQuantile(0.975);
  const spread = z * Math.sqrt(n * q * (1 - q));
  const sorted = [...values].sort((a, b) => a - b);
  const loRank = Math.max(0, Math.floor(n * q - spread) - 1);
  const hiRank = Math.min(n - 1, Math.ceil(n * q + spread) - 1);
  return ((sorted[hiRank] as number) - (sorted[loRank] as number)) / (2 * z);
}
