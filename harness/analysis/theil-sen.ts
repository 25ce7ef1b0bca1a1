/**
 * Theil–Sen slope: the median of all pairwise slopes. One odd reading (a heap reading taken mid-compaction,
 * a burst of buffered frames) cannot drag it, so a leak is only called when it agrees with least squares.
 */

/** Pairs beyond this are too slow to enumerate on a shared CI core; longer series are thinned evenly first. */
const MAX_POINTS = 600;

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
  const slopes = new Float64Array((xs.length * (xs.length - 1)) / 2);
  let m = 0;
  for (let i = 0; i < xs.length; i++) {
    for (let j = i + 1; j < xs.length; j++) {
      const dx = (xs[j] as number) - (xs[i] as number);
      if (dx !== 0) slopes[m++] = ((ys[j] as number) - (ys[i] as number)) / dx;
    }
  }
  if (m === 0) return 0;
  const half = m >> 1;
  const upper = selectKth(slopes, m, half);
  return m % 2 === 1 ? upper : (maxBelow(slopes, half) + upper) / 2;
}

/**
 * k-th smallest of a[0..n) by quickselect (Hoare partition, middle pivot), rearranging a; O(n) on average, where
 * sorting all pairwise slopes would be O(n log n) on n² values. Afterwards a[0..k) are all ≤ a[k].
 */
function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] as number;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] as number) < pivot) i++;
      while ((a[j] as number) > pivot) j--;
      if (i <= j) {
        const swap = a[i] as number;
        a[i] = a[j] as number;
        a[j] = swap;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] as number;
}

/** Largest of a[0..k): after selectKth(a, n, k) that is the (k−1)-th smallest. */
function maxBelow(a: Float64Array, k: number): number {
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) if ((a[i] as number) > max) max = a[i] as number;
  return max;
}
