/**
 * The change between two top-N views of one book side, as the sink's `diff` lines carry it: every level
 * whose size changed or that entered the top N, and every level that left it with size "0" — the same
 * convention exchanges use for deletes, so a reader applies diff lines exactly like exchange diffs.
 */

/** One price level as the exchange sent it: [price, size], both decimal strings. */
export type Level = [price: string, size: string];

/** Levels of `next` that differ from `prev`, plus `[price, "0"]` for prices of `prev` missing from `next`. */
export function diffTopLevels(prev: readonly Level[], next: readonly Level[]): Level[] {
  const before = new Map<string, string>();
  for (const [price, size] of prev) before.set(price, size);
  const changes: Level[] = [];
  for (const [price, size] of next) {
    if (before.get(price) !== size) changes.push([price, size]);
    before.delete(price);
  }
  for (const price of before.keys()) changes.push([price, '0']);
  return changes;
}
