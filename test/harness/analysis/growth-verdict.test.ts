// The settled window, the three-way decision, the slowdown guard and the sentences built from them.
import { describe, expect, it } from 'vitest';
import { ar1Coefficient } from '../../../harness/analysis/trend-fit.ts';
import type { TrendFit } from '../../../harness/analysis/index.ts';
import {
  boundText,
  decideAgainstMargin,
  fitTrend,
  formatFigure,
  moreMinutesToDecide,
  projectionText,
  selectSettledWindow,
  slowdownGuard,
} from '../../../harness/analysis/index.ts';

const minutes = (n: number): number[] => Array.from({ length: n }, (_, i) => (i + 1) * 60_000);

function fit(partial: Partial<TrendFit>): TrendFit {
  return { perMin: 0, se: 0.1, low: 0, high: 0, theilSenPerMin: 0, points: 20, spanMs: 600_000, residualSd: 0.05, lag: 2, quantile: 2.5, confidence: 0.99, ...partial };
}

describe('fitTrend', () => {
  it('uses the larger of Newey–West and the AR(1)-inflated iid error, with t bounds', () => {
    // x = 0..3 min, y = 1, 3, 2, 5: slope 1.1, iid SE √(2.7 / 2 / 5); residual ρ is negative, so no inflation.
    const result = fitTrend({ tMs: [0, 60_000, 120_000, 180_000], values: [1, 3, 2, 5] });
    expect(result.perMin).toBeCloseTo(1.1, 12);
    expect(result.se).toBeCloseTo(Math.sqrt(0.27), 12);
    expect(result.quantile).toBeCloseTo(6.9646, 3);
    expect(result.low).toBeCloseTo(1.1 - result.quantile * Math.sqrt(0.27), 10);
    expect(result.theilSenPerMin).toBeCloseTo(7 / 6, 12);
  });
  it('ar1Coefficient applies the (1 + 3ρ)/n bias correction and clamps at 0', () => {
    expect(ar1Coefficient([1, 1, -1, -1, 1, 1, -1, -1])).toBeCloseTo(0.125 + 1.375 / 8, 12);
    expect(ar1Coefficient([1, -1, 1, -1, 1, -1])).toBe(0);
  });
});

describe('selectSettledWindow', () => {
  const series = { tMs: minutes(10), values: minutes(10).map(() => 1) };
  it('takes the trailing half once there are 8 points', () => {
    const window = selectSettledWindow(series, 0);
    expect(window.ok && window.series.tMs).toEqual([6, 7, 8, 9, 10].map((m) => m * 60_000));
    expect(window.ok && window.rule).toBe('trailing-half');
    const short = selectSettledWindow({ tMs: minutes(7), values: minutes(7) }, 0);
    expect(short.ok).toBe(false);
    expect(!short.ok && short.reason).toMatch(/7 points so far, 8 needed/);
  });
  it("takes the points after the scenario's warm-up, needing 4", () => {
    const window = selectSettledWindow(series, 7 * 60_000);
    expect(window.ok && window.series.tMs.length).toBe(4);
    expect(selectSettledWindow(series, 8 * 60_000).ok).toBe(false);
  });
});

describe('decideAgainstMargin', () => {
  it('fails when the lower bound and Theil–Sen are above the margin', () => {
    expect(decideAgainstMargin(fit({ perMin: 2, low: 1.5, high: 2.5, theilSenPerMin: 2 }), 1, false, 2).status).toBe('fail');
  });
  it('passes when the upper bound is below the margin', () => {
    expect(decideAgainstMargin(fit({ perMin: 0.1, low: -0.2, high: 0.4 }), 1, false, 2).status).toBe('pass');
  });
  it('stays inconclusive when Theil–Sen disagrees or growth is slowing', () => {
    expect(decideAgainstMargin(fit({ perMin: 2, low: 1.5, high: 2.5, theilSenPerMin: 0.5 }), 1, false, 2).status).toBe('inconclusive');
    const slowing = decideAgainstMargin(fit({ perMin: 2, low: 1.5, high: 2.5, theilSenPerMin: 2 }), 1, true, 2);
    expect(slowing).toEqual({ status: 'inconclusive', moreMinutes: null });
  });
});

describe('moreMinutesToDecide', () => {
  it('scales the span by (q·se / distance)^(2/3)', () => {
    // q·se = 1.0, distance 0.5 → span 10 min × 2^(2/3) = 15.87 min: 5.87 more window minutes, ×2 run minutes → 12.
    expect(moreMinutesToDecide(fit({ perMin: 0.5, se: 0.4, quantile: 2.5 }), 1, 2)).toBe(12);
    expect(moreMinutesToDecide(fit({ perMin: 0.5, se: 0.4, quantile: 2.5 }), 1, 1)).toBe(6);
  });
  it('is null when the estimate sits on the margin', () => {
    expect(moreMinutesToDecide(fit({ perMin: 1 }), 1, 2)).toBeNull();
  });
});

describe('slowdownGuard', () => {
  const t = Array.from({ length: 80 }, (_, i) => (i + 1) * 15_000);
  it('flags a cache still filling (exponential approach)', () => {
    const values = t.map((ms) => 50 + 20 * (1 - Math.exp(-ms / 180_000)) + 0.01 * Math.sin(ms));
    expect(slowdownGuard({ tMs: t, values }).slowing).toBe(true);
  });
  it('does not flag a steady leak', () => {
    const values = t.map((ms) => 50 + ms / 60_000 + 0.01 * Math.sin(ms));
    expect(slowdownGuard({ tMs: t, values }).slowing).toBe(false);
  });
});

describe('growth text', () => {
  it('states the N-hour bound and the projection', () => {
    expect(boundText(0.9 / 60, 'MB', 0.99)).toBe('< 0.9 MB/h with 99 % confidence, < 21.6 MB/day');
    expect(projectionText(2 / 60, 'MB', 8192)).toBe("+48 MB/day, +1.41 GB in 30 days; fills the host's 8 GB in 171 days");
    expect(formatFigure(0.001234)).toBe('0.0012');
    expect(formatFigure(1234.5)).toBe('1235');
  });
});
