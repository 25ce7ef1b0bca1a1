/**
 * Newey–West (HAC) standard error of an OLS slope: heap readings after GC are autocorrelated (one reading is
 * close to the last), and the plain OLS error, which assumes independent noise, would then be too small and
 * call leaks that are not there. Bartlett kernel weights w_l = 1 − l/(L+1).
 */
import type { OlsFit } from './ols-slope.ts';

/**
 * Lag rule of Newey & West (1994): L = ⌊4·(n/100)^(2/9)⌋, e.g. 1 at n = 5, 2 at n = 10, 3 at n = 50,
 * 4 at n = 100, 5 at n = 300. Never below 1, never n − 1 or more.
 */
export function neweyWestLag(n: number): number {
  if (n < 3) return 0;
  return Math.min(n - 2, Math.max(1, Math.floor(4 * Math.pow(n / 100, 2 / 9))));
}

/**
 * HAC standard error of the slope of `fit` over `x`:
 * Var(b) = [Σ u_i² + 2 Σ_{l=1..L} w_l Σ_{i>l} u_i·u_{i−l}] / Sxx² · n/(n−2), with u_i = (x_i − x̄)·e_i.
 * The n/(n−2) factor is the usual small-sample correction for the two fitted parameters.
 */
export function neweyWestSlopeSe(x: readonly number[], fit: OlsFit, lag = neweyWestLag(x.length)): number {
  const n = x.length;
  if (n < 3 || fit.sxx <= 0) return Number.POSITIVE_INFINITY;
  const u = new Array<number>(n);
  for (let i = 0; i < n; i++) u[i] = ((x[i] as number) - fit.xMean) * (fit.residuals[i] as number);
  let s = 0;
  for (let i = 0; i < n; i++) s += (u[i] as number) ** 2;
  for (let l = 1; l <= lag; l++) {
    const w = 1 - l / (lag + 1);
    let cross = 0;
    for (let i = l; i < n; i++) cross += (u[i] as number) * (u[i - l] as number);
    s += 2 * w * cross;
  }
  // Bartlett weights keep s ≥ 0 in exact arithmetic; rounding can dip it a hair below.
  const variance = (Math.max(0, s) / (fit.sxx * fit.sxx)) * (n / (n - 2));
  return Math.sqrt(variance);
}
