/**
 * Theil–Sen slope: the median of all pairwise slopes. One odd reading (a heap reading taken mid-compaction,
 * a burst of buffered frames) cannot drag it, so a leak is only called when it agrees with least squares.
 */

/** Pairs beyond this are too slow to enumerate (a day at 1 Hz); longer series are thinned evenly first. */
const MAX_POINTS = 1500;

/** Median of pairwise slopes (y_j − y_i)/(x_j − x_i) over pairs with x_j ≠ x_i; 0 when there is no such pair. */
export function theilSenSlope(x: readonly number[], y: readonly number[], maxPoints = MAX_POINTS): number {
  if (x.length !== y.length) throw new RangeError(`theilSenSlope: x has ${x.length} values, y has ${y.length}`);
  const step = x.length > maxPoints ? x.length / maxPoints : 1;
  const xs: number[] = [];
  const ys: number[] = [];
  for (let k = 0; Math.floor(k * step) < x.length; k++) {
    const i = Math.floor(k * step);
    xs.push(x[i] as number);
    ys.push(y[i] as number);
  }
  const slopes: number[] = [];
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx !== 0) slopes.push(((ys[j] as number) - (ys[i] as number)) / dx);
    }
  }
  if (slopes.length === 0) return 0;
  slopes.sort((a, b) => a - b);
  const mid = slopes.length >> 1;
  return slopes.length % 2 === 1 ? (slopes[mid] as number) : ((slopes[mid - 1] as number) + (slopes[mid] as number)) / 2;
}
