/**
 * Shrinks long series for display: a 5-hour run at 1 Hz has 18,000 points per series, which a Mermaid chart
 * cannot draw and an HTML report need not carry. Bucket means keep the trend, which is what a leak chart shows.
 */

/** Mean of the non-null values of each of `buckets` equal time slices of [startMs, endMs]; null where a slice is empty. */
export function bucketByTime(t: readonly number[], values: ReadonlyArray<number | null>, buckets: number, startMs: number, endMs: number): Array<number | null> {
  const sums = new Array<number>(buckets).fill(0);
  const counts = new Array<number>(buckets).fill(0);
  const spanMs = endMs - startMs;
  for (let i = 0; i < t.length && i < values.length; i += 1) {
    const time = t[i];
    const value = values[i];
    if (time === undefined || value === null || value === undefined || !Number.isFinite(value)) continue;
    const index = spanMs > 0 ? Math.min(buckets - 1, Math.max(0, Math.floor(((time - startMs) / spanMs) * buckets))) : 0;
    sums[index] = (sums[index] ?? 0) + value;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  return sums.map((sum, i) => ((counts[i] ?? 0) > 0 ? sum / (counts[i] ?? 1) : null));
}

/** Fills null gaps by linear interpolation (edges take the nearest value); empty when every value is null. */
export function fillGaps(values: ReadonlyArray<number | null>): number[] {
  const known: number[] = [];
  values.forEach((value, i) => {
    if (value !== null) known.push(i);
  });
  if (known.length === 0) return [];
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (value !== null && value !== undefined) {
      out.push(value);
      continue;
    }
    while (next < known.length && (known[next] ?? Infinity) < i) next += 1;
    const after = known[next];
    const before = known[next - 1];
    const beforeValue = before === undefined ? undefined : values[before];
    const afterValue = after === undefined ? undefined : values[after];
    if (before === undefined || beforeValue === null || beforeValue === undefined) out.push(afterValue ?? 0);
    else if (after === undefined || afterValue === null || afterValue === undefined) out.push(beforeValue);
    else out.push(beforeValue + ((afterValue - beforeValue) * (i - before)) / (after - before));
  }
  return out;
}

/** A time axis with parallel value columns. */
export interface SeriesTable {
  t: number[];
  columns: Array<Array<number | null>>;
}

/**
 * Reduces a table to at most `maxPoints` rows by averaging consecutive rows (runs are sampled at a fixed
 * interval, so equal row counts are equal time spans); returns the table unchanged when it is already small.
 */
export function downsampleTable(table: SeriesTable, maxPoints: number): SeriesTable {
  const rows = table.t.length;
  if (rows <= maxPoints || maxPoints < 1) return table;
  const t: number[] = [];
  const columns: Array<Array<number | null>> = table.columns.map(() => []);
  for (let b = 0; b < maxPoints; b += 1) {
    const from = Math.floor((b * rows) / maxPoints);
    const to = Math.floor(((b + 1) * rows) / maxPoints);
    let timeSum = 0;
    for (let i = from; i < to; i += 1) timeSum += table.t[i] ?? 0;
    t.push(Math.round(timeSum / Math.max(1, to - from)));
    table.columns.forEach((column, c) => {
      let sum = 0;
      let count = 0;
      for (let i = from; i < to; i += 1) {
        const value = column[i];
        if (value === null || value === undefined || !Number.isFinite(value)) continue;
        sum += value;
        count += 1;
      }
      columns[c]?.push(count > 0 ? sum / count : null);
    });
  }
  return { t, columns };
}
