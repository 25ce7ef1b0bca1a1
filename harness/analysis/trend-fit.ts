/**
 * A growth estimate with an honest error: least-squares slope per minute, Newey–West standard error,
 * one-sided confidence bounds from Student t, and Theil–Sen as a robust second opinion.
 */
import { neweyWestLag, neweyWestSlopeSe } from './newey-west.ts';
import { olsSlope } from './ols-slope.ts';
import { studentTQuantile } from './quantiles.ts';
import { theilSenSlope } from './theil-sen.ts';

/** Confidence used for every growth bound: "< 0.9 MB/h with 99 % confidence" is one-sided 99 %. */
export const GROWTH_CONFIDENCE = 0.99;

/** Points of one series: t in ms since run start, value in the series' unit. */
export interface SeriesPoints {
  tMs: number[];
  values: number[];
}

/** Slope per minute with its one-sided bounds; low/high hold `confidence` each (together 1 − 2·(1 − confidence)). */
export interface TrendFit {
  perMin: number;
  se: number;
  low: number;
  high: number;
  theilSenPerMin: number;
  points: number;
  spanMs: number;
  /** Residual standard deviation, series unit: the noise the "more minutes would decide" estimate uses. */
  residualSd: number;
  lag: number;
  /** The t quantile the bounds used. */
  quantile: number;
  confidence: number;
}

const MS_PER_MIN = 60_000;

/** Fits a trend to ≥ 3 points; the caller picks the window (see selectSettledWindow). */
export function fitTrend(series: SeriesPoints, confidence = GROWTH_CONFIDENCE): TrendFit {
  const n = series.tMs.length;
  if (n < 3) throw new RangeError(`fitTrend: needs at least 3 points, got ${n}`);
  const t0 = series.tMs[0] as number;
  const xMin = series.tMs.map((t) => (t - t0) / MS_PER_MIN);
  const fit = olsSlope(xMin, series.values);
  const lag = neweyWestLag(n);
  const se = neweyWestSlopeSe(xMin, fit, lag);
  const quantile = studentTQuantile(confidence, n - 2);
  let sse = 0;
  for (const e of fit.residuals) sse += e * e;
  return {
    perMin: fit.slope,
    se,
    low: fit.slope - quantile * se,
    high: fit.slope + quantile * se,
    theilSenPerMin: theilSenSlope(xMin, series.values),
    points: n,
    spanMs: (series.tMs[n - 1] as number) - t0,
    residualSd: Math.sqrt(sse / (n - 2)),
    lag,
    quantile,
    confidence,
  };
}
