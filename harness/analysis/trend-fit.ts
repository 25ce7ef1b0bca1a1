/**
 * A growth estimate with an honest error: least-squares slope per minute, Newey–West standard error (never below
 * the iid one), one-sided confidence bounds from Student t, and Theil–Sen as a robust second opinion.
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

/**
 * Fits a trend to ≥ 3 points; the caller picks the window (see selectSettledWindow). `robust: false` skips
 * Theil–Sen (theilSenPerMin is then the OLS slope), for the guard's sub-window fits that never use it.
 * `rhoFloor` is an AR(1) coefficient estimated on more data (the whole series), since ten points say little about it.
 */
export function fitTrend(series: SeriesPoints, confidence = GROWTH_CONFIDENCE, robust = true, rhoFloor = 0): TrendFit {
  const n = series.tMs.length;
  if (n < 3) throw new RangeError(`fitTrend: needs at least 3 points, got ${n}`);
  const t0 = series.tMs[0] as number;
  const xMin = series.tMs.map((t) => (t - t0) / MS_PER_MIN);
  const fit = olsSlope(xMin, series.values);
  const lag = neweyWestLag(n);
  let sse = 0;
  for (const e of fit.residuals) sse += e * e;
  // Newey–West is biased low in short series (few lags, and the fitted line makes residuals look less
  // correlated than the noise is), so it is never allowed below the iid error inflated for AR(1) noise.
  const iidSe = fit.sxx > 0 ? Math.sqrt(sse / (n - 2) / fit.sxx) : Number.POSITIVE_INFINITY;
  const rho = Math.max(rhoFloor, ar1Coefficient(fit.residuals));
  const se = Math.max(iidSe * Math.sqrt((1 + rho) / (1 - rho)), neweyWestSlopeSe(xMin, fit, lag));
  const quantile = studentTQuantile(confidence, n - 2);
  return {
    perMin: fit.slope,
    se,
    low: fit.slope - quantile * se,
    high: fit.slope + quantile * se,
    theilSenPerMin: robust ? theilSenSlope(xMin, series.values) : fit.slope,
    points: n,
    spanMs: (series.tMs[n - 1] as number) - t0,
    residualSd: Math.sqrt(sse / (n - 2)),
    lag,
    quantile,
    confidence,
  };
}

/** Bound on the AR(1) coefficient used for inflation (0.9 already multiplies the error by 4.4). */
const MAX_RHO = 0.9;

/**
 * Lag-1 autocorrelation of residuals with the small-sample bias correction ρ + (1 + 3ρ)/n (Marriott–Pope, whose
 * estimator runs low by about that much), clamped to [0, MAX_RHO]: negative correlation never shrinks the error.
 */
export function ar1Coefficient(residuals: readonly number[]): number {
  const n = residuals.length;
  if (n < 4) return 0;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    const e = residuals[i] as number;
    den += e * e;
    if (i > 0) num += e * (residuals[i - 1] as number);
  }
  if (den <= 0) return 0;
  const rho = num / den;
  return Math.min(MAX_RHO, Math.max(0, rho + (1 + 3 * rho) / n));
}
