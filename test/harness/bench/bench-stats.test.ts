import { describe, expect, it } from 'vitest';
import { betterRatio, compare, median, perSecond, relativeLoss, target } from '../../../harness/bench/index.ts';

describe('median', () => {
  it('takes the middle of an odd count, whatever the order', () => {
    expect(median([9, 1, 5])).toBe(5);
    expect(median([3])).toBe(3);
  });
  it('averages the two middle values of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
  it('is NaN for no values and does not reorder its input', () => {
    expect(median([])).toBeNaN();
    const input = [3, 1, 2];
    median(input);
    expect(input).toEqual([3, 1, 2]);
  });
});

describe('betterRatio', () => {
  it('is ours / reference when higher is better (rates)', () => {
    expect(betterRatio(5_000_000, 1_250_000, true)).toBe(4);
  });
  it('is reference / ours when lower is better (times, bytes)', () => {
    expect(betterRatio(2, 8, false)).toBe(4);
    expect(betterRatio(8, 2, false)).toBe(0.25);
  });
  it('is infinite when ours costs nothing and the reference does, 1 when both are zero', () => {
    expect(betterRatio(0, 100, false)).toBe(Infinity);
    expect(betterRatio(0, 0, false)).toBe(1);
  });
});

describe('rates and losses', () => {
  it('perSecond divides by the duration in seconds', () => {
    expect(perSecond(1500, 500)).toBe(3000);
    expect(perSecond(1, 0)).toBeNaN();
  });
  it('relativeLoss is the fraction lost, negative when the second run came out higher', () => {
    expect(relativeLoss(100_000, 98_000)).toBeCloseTo(0.02, 12);
    expect(relativeLoss(100, 110)).toBeCloseTo(-0.1, 12);
    expect(relativeLoss(0, 5)).toBeNaN();
  });
});

describe('compare and target', () => {
  it('compare fills in the ratio in the better direction', () => {
    const row = compare('bytes per change', 'B', 0, 250, 'tardis', false);
    expect(row).toMatchObject({ ours: 0, reference: 250, ratio: Infinity, higherIsBetter: false });
  });
  it('a target is met only on the right side of its threshold, and never on NaN', () => {
    expect(target('a', 'rate', 5_000_000, '>=', 5_000_000, '/s').met).toBe(true);
    expect(target('a', 'rate', 4_999_999, '>=', 5_000_000, '/s').met).toBe(false);
    expect(target('b', 'loss', 2.5, '<=', 2, '%').met).toBe(false);
    expect(target('b', 'loss', -1, '<=', 2, '%').met).toBe(true);
    expect(target('c', 'unmeasured', NaN, '<=', 2, '%').met).toBe(false);
    expect(target('d', 'infinite ratio', Infinity, '>=', 4, '×').met).toBe(true);
  });
});
