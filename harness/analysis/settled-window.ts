/**
 * Warm-up selection: a collector fills caches, JIT-compiles and grows its books for a while after start, so
 * only the settled part of a series is judged — the points after the scenario's warm-up when it states one,
 * otherwise the trailing half of the series once it holds enough points to judge at all.
 */
import type { SeriesPoints } from './trend-fit.ts';

/** Points a series needs before its trailing half is judged (≥ 8 major-GC readings, per the design). */
export const MIN_SERIES_POINTS = 8;
/** Points the judged window itself needs (a slope with a t bound needs df ≥ 2). */
export const MIN_WINDOW_POINTS = 4;

/** The judged part of a series, or why there is none yet. */
export type SettledWindow =
  | { ok: true; series: SeriesPoints; fromMs: number; rule: 'scenario-warmup' | 'trailing-half' }
  | { ok: false; reason: string };

/** Picks the settled window of `series` (t ascending); `warmupMs` 0 means the scenario left it to analysis. */
export function selectSettledWindow(series: SeriesPoints, warmupMs: number): SettledWindow {
  const n = series.tMs.length;
  if (warmupMs > 0) {
    const window = sliceFrom(series, warmupMs);
    if (window.tMs.length < MIN_WINDOW_POINTS) {
      return { ok: false, reason: `${window.tMs.length} points after the ${formatMinutes(warmupMs)} warm-up, ${MIN_WINDOW_POINTS} needed` };
    }
    return { ok: true, series: window, fromMs: warmupMs, rule: 'scenario-warmup' };
  }
  if (n < MIN_SERIES_POINTS) return { ok: false, reason: `${n} points so far, ${MIN_SERIES_POINTS} needed before the trailing half is judged` };
  const fromMs = midpoint(series);
  const window = sliceFrom(series, fromMs);
  if (window.tMs.length < MIN_WINDOW_POINTS) {
    return { ok: false, reason: `${window.tMs.length} points in the trailing half, ${MIN_WINDOW_POINTS} needed` };
  }
  return { ok: true, series: window, fromMs, rule: 'trailing-half' };
}

/** The points at or after `fromMs`. */
export function sliceFrom(series: SeriesPoints, fromMs: number): SeriesPoints {
  let start = 0;
  while (start < series.tMs.length && (series.tMs[start] as number) < fromMs) start++;
  return { tMs: series.tMs.slice(start), values: series.values.slice(start) };
}

/** Time halfway between the first and last point of a series. */
export function midpoint(series: SeriesPoints): number {
  const first = series.tMs[0] ?? 0;
  const last = series.tMs.at(-1) ?? 0;
  return first + (last - first) / 2;
}

function formatMinutes(ms: number): string {
  return `${+(ms / 60_000).toFixed(2)} min`;
}
