/**
 * The statistics every benchmark shares, as pure functions: medians of repeated runs, ratios against a
 * reference, rates, and target checks. Medians, because a shared 2-core machine produces outliers in both
 * directions and a mean would follow them.
 */
import type { BenchComparison, BenchTarget } from './bench-result.ts';

/** Median of a non-empty list (mean of the two middle values for an even count); NaN for an empty one. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? (sorted[mid] as number) : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * How many times better `ours` is than `reference`: ours/reference when higher is better (rates),
 * reference/ours when lower is better (times, bytes). Infinity when ours costs nothing and the reference does.
 */
export function betterRatio(ours: number, reference: number, higherIsBetter: boolean): number {
  const [num, den] = higherIsBetter ? [ours, reference] : [reference, ours];
  if (den === 0) return num === 0 ? 1 : Infinity;
  return num / den;
}

/** Events per second of a duration in ms; NaN when the duration is not positive. */
export function perSecond(count: number, durationMs: number): number {
  return durationMs > 0 ? (count * 1000) / durationMs : NaN;
}

/** Relative loss of `with` against `without` (0.02 = 2 % lower); negative when `with` came out higher. */
export function relativeLoss(without: number, withValue: number): number {
  return without > 0 ? (without - withValue) / without : NaN;
}

/** A comparison row with its ratio filled in. */
export function compare(metric: string, unit: string, ours: number, reference: number, referenceLabel: string, higherIsBetter: boolean): BenchComparison {
  return { metric, unit, ours, reference, referenceLabel, higherIsBetter, ratio: betterRatio(ours, reference, higherIsBetter) };
}

/** A target row judged on `value` (NaN is never met: a figure that could not be measured meets nothing). */
export function target(id: string, text: string, value: number, comparison: '>=' | '<=', threshold: number, unit: string): BenchTarget {
  const met = !Number.isNaN(value) && (comparison === '>=' ? value >= threshold : value <= threshold);
  return { id, text, value, threshold, unit, comparison, met };
}
