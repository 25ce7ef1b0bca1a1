// Hand-computed values for the statistics every growth verdict rests on (x = 0..3, y = 1, 3, 2, 5 worked by hand).
import { describe, expect, it } from 'vitest';
import {
  neweyWestLag,
  neweyWestSlopeSe,
  normalQuantile,
  olsSlope,
  percentile,
  percentileStandardError,
  studentTQuantile,
  theilSenSlope,
} from '../../../harness/analysis/index.ts';

const x = [0, 1, 2, 3];
const y = [1, 3, 2, 5];

describe('olsSlope', () => {
  it('matches the hand computation: Sxy 5.5 / Sxx 5', () => {
    const fit = olsSlope(x, y);
    expect(fit.slope).toBeCloseTo(1.1, 12);
    expect(fit.intercept).toBeCloseTo(1.1, 12);
    expect(fit.sxx).toBeCloseTo(5, 12);
    fit.residuals.forEach((e, i) => expect(e).toBeCloseTo([-0.1, 0.8, -1.3, 0.6][i] as number, 12));
    expect(fit.r2).toBeCloseTo(1 - 2.7 / 8.75, 12);
  });
  it('rejects mismatched or too-short input', () => {
    expect(() => olsSlope([1], [1])).toThrow(RangeError);
    expect(() => olsSlope([1, 2], [1])).toThrow(RangeError);
  });
});

describe('Newey–West', () => {
  it('follows the lag rule floor(4·(n/100)^(2/9))', () => {
    expect([4, 10, 50, 100, 300].map(neweyWestLag)).toEqual([1, 2, 3, 4, 5]);
  });
  it('matches the hand computation with lag 1 and lag 0', () => {
    // u = x̃·e = 0.15, −0.4, −0.65, 0.9; Σu² = 1.415; Σ u_i·u_{i−1} = −0.385; weight 1/2.
    const fit = olsSlope(x, y);
    expect(neweyWestSlopeSe(x, fit, 1)).toBeCloseTo(Math.sqrt(((1.415 - 0.385) / 25) * 2), 12);
    expect(neweyWestSlopeSe(x, fit, 0)).toBeCloseTo(Math.sqrt((1.415 / 25) * 2), 12);
  });
  it('grows with positive autocorrelation that the iid error ignores', () => {
    const xs = Array.from({ length: 40 }, (_, i) => i);
    const ys = xs.map((i) => Math.sin(i / 3)); // slow wave: neighbours nearly equal
    const fit = olsSlope(xs, ys);
    let sse = 0;
    for (const e of fit.residuals) sse += e * e;
    const iid = Math.sqrt(sse / 38 / fit.sxx);
    expect(neweyWestSlopeSe(xs, fit)).toBeGreaterThan(1.3 * iid);
  });
});

describe('theilSenSlope', () => {
  it('is the median pairwise slope: (1 + 4/3) / 2 for the worked example', () => {
    expect(theilSenSlope(x, y)).toBeCloseTo((1 + 4 / 3) / 2, 12);
  });
  it('ignores one wild reading that drags least squares', () => {
    const xs = [0, 1, 2, 3, 4];
    const ys = [0, 1, 2, 100, 4];
    expect(theilSenSlope(xs, ys)).toBe(1);
    expect(olsSlope(xs, ys).slope).toBeGreaterThan(10);
  });
  it('skips pairs at the same x and thins long series', () => {
    expect(theilSenSlope([1, 1, 2], [0, 5, 2])).toBeCloseTo((2 + -3) / 2, 12);
    const xs = Array.from({ length: 3000 }, (_, i) => i);
    expect(theilSenSlope(xs, xs.map((v) => 2 * v + 1))).toBe(2);
  });
});

describe('quantiles', () => {
  it('normal quantiles match tables', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.99)).toBeCloseTo(2.326348, 6);
    expect(normalQuantile(0.01)).toBeCloseTo(-2.326348, 6);
    expect(normalQuantile(1e-10)).toBeCloseTo(-6.361341, 5);
  });
  it('Student t quantiles match tables', () => {
    const table: Array<[number, number, number]> = [
      [0.99, 1, 31.8205], [0.99, 2, 6.9646], [0.99, 3, 4.5407], [0.99, 5, 3.3649],
      [0.99, 10, 2.7638], [0.99, 30, 2.4573], [0.975, 10, 2.2281], [0.995, 7, 3.4995], [0.95, 3, 2.3534],
    ];
    for (const [p, df, t] of table) expect(studentTQuantile(p, df)).toBeCloseTo(t, 3);
    expect(studentTQuantile(0.01, 10)).toBeCloseTo(-2.7638, 3);
    expect(studentTQuantile(0.99, Number.POSITIVE_INFINITY)).toBeCloseTo(2.326348, 6);
  });
});

describe('percentile', () => {
  const values = Array.from({ length: 10 }, (_, i) => 10 - i); // 10..1, unsorted on purpose
  it('interpolates between order statistics (type 7)', () => {
    expect(percentile(values, 50)).toBeCloseTo(5.5, 12);
    expect(percentile(values, 95)).toBeCloseTo(9.55, 12);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile([], 50)).toBeNaN();
  });
  it('gives a rank-based error: 1..100 at p95 spans ranks 90..100, so (100 − 90) / (2·1.96)', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentileStandardError(hundred, 95)).toBeCloseTo(10 / (2 * 1.959964), 5);
    expect(percentileStandardError([1, 2, 3], 95)).toBe(Number.POSITIVE_INFINITY);
  });
});
