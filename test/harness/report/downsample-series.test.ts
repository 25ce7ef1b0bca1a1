import { describe, expect, it } from 'vitest';
import { bucketByTime, downsampleTable, fillGaps } from '../../../harness/report/downsample-series.ts';

describe('downsample-series', () => {
  it('averages each equal time slice, skipping nulls', () => {
    expect(bucketByTime([0, 1, 2, 3], [1, 2, 3, null], 2, 0, 4)).toEqual([1.5, 3]);
    expect(bucketByTime([0, 10], [5, 7], 3, 0, 10)).toEqual([5, null, 7]);
  });

  it('fills gaps by linear interpolation and carries the edges', () => {
    expect(fillGaps([null, 1, null, null, 4, null])).toEqual([1, 1, 2, 3, 4, 4]);
    expect(fillGaps([null, null])).toEqual([]);
  });

  it('reduces a table to maxPoints rows of means and leaves small tables alone', () => {
    const table = { t: [0, 1000, 2000, 3000, 4000, 5000], columns: [[1, 3, 5, null, 9, 11]] };
    expect(downsampleTable(table, 3)).toEqual({ t: [500, 2500, 4500], columns: [[2, 5, 10]] });
    expect(downsampleTable(table, 6)).toBe(table);
  });

  it('never exceeds maxPoints on a long run', () => {
    const t = Array.from({ length: 18_001 }, (_, i) => i * 1000);
    const out = downsampleTable({ t, columns: [t.map((ms) => ms / 1000)] }, 100);
    expect(out.t).toHaveLength(100);
    expect(out.columns[0]?.[0]).toBeCloseTo(89.5, 6);
  });
});
