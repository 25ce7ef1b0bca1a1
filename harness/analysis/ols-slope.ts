/**
 * Ordinary least-squares line through (x, y): the slope estimate every growth check starts from.
 * Residuals are returned because the Newey–West error is built from them.
 */

/** A fitted line and what the error estimators need from it. */
export interface OlsFit {
  slope: number;
  intercept: number;
  /** y − (intercept + slope·x), in input order. */
  residuals: number[];
  xMean: number;
  /** Σ (x − x̄)²; zero when every x is the same (slope is then 0 by convention). */
  sxx: number;
  /** Coefficient of determination (0 when y does not vary). */
  r2: number;
}

/** Fits y = a + b·x by least squares; needs at least two points of equal-length arrays. */
export function olsSlope(x: readonly number[], y: readonly number[]): OlsFit {
  const n = x.length;
  if (n !== y.length) throw new RangeError(`olsSlope: x has ${n} values, y has ${y.length}`);
  if (n < 2) throw new RangeError(`olsSlope: needs at least 2 points, got ${n}`);
  let sumX = 0;
  let sumY = 0;
  for (let i = 0; i < n; i++) {
    sumX += x[i] as number;
    sumY += y[i] as number;
  }
  const xMean = sumX / n;
  const yMean = sumY / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    const dx = (x[i] as number) - xMean;
    const dy = (y[i] as number) - yMean;
    sxx += dx * dx;
    sxy += dx * dy;
    syy += dy * dy;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = yMean - slope * xMean;
  const residuals = new Array<number>(n);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const e = (y[i] as number) - intercept - slope * (x[i] as number);
    residuals[i] = e;
    sse += e * e;
  }
  const r2 = syy > 0 ? Math.max(0, 1 - sse / syy) : 0;
  return { slope, intercept, residuals, xMean, sxx, r2 };
}
