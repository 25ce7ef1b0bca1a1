/**
 * The three-way verdict on one growth series: `fail` when the lower bound is above the margin, `pass` when the
 * upper bound is below it, otherwise `inconclusive` with how many more minutes would decide at the observed noise.
 * A leak is never called while growth is slowing down (a cache still filling): the slope over the last quarter
 * must be comparable to the slope over the last half.
 */
import { fitTrend } from './trend-fit.ts';
import type { SeriesPoints, TrendFit } from './trend-fit.ts';
import { midpoint, sliceFrom } from './settled-window.ts';

/** pass / fail / inconclusive against one margin (a budget or the leak floor), per minute. */
export type GrowthStatus = 'pass' | 'fail' | 'inconclusive';

/**
 * The still-filling-cache guard: slopes over the quarter before the last half, the last half and the last quarter
 * of the series. A cache that is still filling grows ever slower, so each later slope falls well below the earlier.
 */
export interface SlowdownGuard {
  previous: TrendFit | null;
  half: TrendFit | null;
  quarter: TrendFit | null;
  /** True when the last quarter grows clearly slower than the last half, or the last half than the quarter before it. */
  slowing: boolean;
}

/** How a window fit compares with a margin. */
export interface MarginDecision {
  status: GrowthStatus;
  /** Extra run minutes that would make the interval clear the margin at the observed noise; null when none would. */
  moreMinutes: number | null;
}

/** Fits the quarter before the last half, the last half and the last quarter of `series`, and flags a slowdown. */
export function slowdownGuard(series: SeriesPoints): SlowdownGuard {
  const first = series.tMs[0] ?? 0;
  const mid = midpoint(series);
  const last = series.tMs.at(-1) ?? 0;
  const previousPoints = sliceBetween(series, first + (mid - first) / 2, mid);
  const halfPoints = sliceFrom(series, mid);
  const quarterPoints = sliceFrom(series, mid + (last - mid) / 2);
  const fit = (points: SeriesPoints): TrendFit | null => (points.tMs.length >= 3 ? fitTrend(points, undefined, false) : null);
  const previous = fit(previousPoints);
  const half = fit(halfPoints);
  const quarter = fit(quarterPoints);
  return { previous, half, quarter, slowing: slowsDown(half, quarter) || slowsDown(previous, half) };
}

/**
 * `later` grows at under half the rate of `earlier`, its upper bound sits below that rate, and `earlier`'s own
 * lower bound is above `later`'s rate: a short window on a GC sawtooth is steep by chance, not a filling cache.
 */
function slowsDown(earlier: TrendFit | null, later: TrendFit | null): boolean {
  return earlier !== null && later !== null && earlier.perMin > 0 && later.perMin < earlier.perMin / 2 && later.high < earlier.perMin && earlier.low > later.perMin;
}

function sliceBetween(series: SeriesPoints, fromMs: number, toMs: number): SeriesPoints {
  const from = sliceFrom(series, fromMs);
  let end = 0;
  while (end < from.tMs.length && (from.tMs[end] as number) < toMs) end++;
  return { tMs: from.tMs.slice(0, end), values: from.values.slice(0, end) };
}

/**
 * Decides `fit` against `marginPerMin`. Fail needs the lower bound above the margin, Theil–Sen above it too
 * (so one odd reading cannot make a leak) and no slowdown; pass needs the upper bound below it.
 * `runMinutesPerWindowMinute` converts window growth into run time (2 when the window is the trailing half).
 */
export function decideAgainstMargin(fit: TrendFit, marginPerMin: number, slowing: boolean, runMinutesPerWindowMinute: number): MarginDecision {
  if (fit.low > marginPerMin && fit.theilSenPerMin > marginPerMin && !slowing) return { status: 'fail', moreMinutes: null };
  if (fit.high < marginPerMin) return { status: 'pass', moreMinutes: null };
  return { status: 'inconclusive', moreMinutes: slowing ? null : moreMinutesToDecide(fit, marginPerMin, runMinutesPerWindowMinute) };
}

/**
 * Minutes more of run after which the bound would clear the margin, if the slope and noise stay as observed.
 * The slope's error shrinks as span^(-3/2) for evenly spread points (√n from the count, n·span² from Σ(x−x̄)²),
 * so the needed span is span·(q·se / |b − margin|)^(2/3). Null when the estimate sits on the margin (no
 * length of run would decide) or the answer would exceed a hundred times the window.
 */
export function moreMinutesToDecide(fit: TrendFit, marginPerMin: number, runMinutesPerWindowMinute: number): number | null {
  const distance = Math.abs(fit.perMin - marginPerMin);
  const spanMin = fit.spanMs / 60_000;
  if (!(distance > 0) || !Number.isFinite(fit.se) || spanMin <= 0) return null;
  const neededSpanMin = spanMin * Math.pow((fit.quantile * fit.se) / distance, 2 / 3);
  if (neededSpanMin > spanMin * 100) return null;
  return Math.max(1, Math.ceil((neededSpanMin - spanMin) * runMinutesPerWindowMinute));
}
