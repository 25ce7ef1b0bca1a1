/**
 * One side of an order book as three parallel arrays — numeric rank keys for ordering plus the price and
 * size strings exactly as sent — stored worst-first so the best level is last. Books change most near the
 * top, so inserts and deletes there shift only a few elements (measured: `splice` at the front cost more
 * than everything else in the generator together).
 */

/** A price level as sent: price and size decimal strings. */
export type LevelText = [price: string, size: string];

/** One sorted side: bids rank by price, asks by negated price; index 0 of the public API is the best level. */
export class SortedSide {
  readonly descending: boolean;
  // Ascending by rank: worst level first, best level last.
  #ranks: number[] = [];
  #prices: string[] = [];
  #sizes: string[] = [];

  /** `descending` true for bids (best = highest price), false for asks. */
  constructor(descending: boolean) {
    this.descending = descending;
  }

  get length(): number {
    return this.#ranks.length;
  }

  /** Storage index of `price` when present, else `-(insertionPoint + 1)`; searches from the best end. */
  #find(price: number): number {
    const rank = this.descending ? price : -price;
    const ranks = this.#ranks;
    let lo = 0;
    let hi = ranks.length - 1;
    // Most lookups are near the top: check the last few slots before bisecting.
    while (hi >= 0 && hi >= ranks.length - 4) {
      const value = ranks[hi] as number;
      if (value === rank) return hi;
      if (value < rank) return -(hi + 2);
      hi--;
    }
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const value = ranks[mid] as number;
      if (value < rank) lo = mid + 1;
      else if (value > rank) hi = mid - 1;
      else return mid;
    }
    return -(lo + 1);
  }

  /** Size string at `price`, or undefined when the level is absent. */
  sizeAt(price: number): string | undefined {
    const index = this.#find(price);
    return index >= 0 ? this.#sizes[index] : undefined;
  }

  /** Sets a level; returns the previous size string, or '' when the level was absent. */
  set(price: number, priceText: string, sizeText: string): string {
    const index = this.#find(price);
    if (index >= 0) {
      const previous = this.#sizes[index] as string;
      this.#sizes[index] = sizeText;
      return previous;
    }
    const at = -index - 1;
    const ranks = this.#ranks;
    const prices = this.#prices;
    const sizes = this.#sizes;
    ranks.push(0);
    prices.push('');
    sizes.push('');
    for (let i = ranks.length - 1; i > at; i--) {
      ranks[i] = ranks[i - 1] as number;
      prices[i] = prices[i - 1] as string;
      sizes[i] = sizes[i - 1] as string;
    }
    ranks[at] = this.descending ? price : -price;
    prices[at] = priceText;
    sizes[at] = sizeText;
    return '';
  }

  /** Removes a level; returns its size string, or '' when it was absent. */
  remove(price: number): string {
    const index = this.#find(price);
    if (index < 0) return '';
    const previous = this.#sizes[index] as string;
    const ranks = this.#ranks;
    const prices = this.#prices;
    const sizes = this.#sizes;
    for (let i = index; i < ranks.length - 1; i++) {
      ranks[i] = ranks[i + 1] as number;
      prices[i] = prices[i + 1] as string;
      sizes[i] = sizes[i + 1] as string;
    }
    ranks.pop();
    prices.pop();
    sizes.pop();
    return previous;
  }

  /** Numeric price of the level `index` from the top (0 = best), or NaN past the end. */
  priceAt(index: number): number {
    const rank = this.#ranks[this.#ranks.length - 1 - index];
    if (rank === undefined) return Number.NaN;
    return this.descending ? rank : -rank;
  }

  /** Price string of the level `index` from the top (0 = best). */
  priceTextAt(index: number): string | undefined {
    return index < this.#prices.length ? this.#prices[this.#prices.length - 1 - index] : undefined;
  }

  /** Size string of the level `index` from the top (0 = best). */
  sizeTextAt(index: number): string | undefined {
    return index < this.#sizes.length ? this.#sizes[this.#sizes.length - 1 - index] : undefined;
  }

  /** The top `depth` levels, best first (allocates). */
  top(depth: number): LevelText[] {
    const count = Math.min(depth, this.#ranks.length);
    const last = this.#ranks.length - 1;
    const levels: LevelText[] = new Array<LevelText>(count);
    for (let i = 0; i < count; i++) levels[i] = [this.#prices[last - i] as string, this.#sizes[last - i] as string];
    return levels;
  }

  /** Removes every level. */
  clear(): void {
    this.#ranks = [];
    this.#prices = [];
    this.#sizes = [];
  }

  /** An independent copy (used to roll a book back in time without touching the live one). */
  clone(): SortedSide {
    const copy = new SortedSide(this.descending);
    copy.#ranks = this.#ranks.slice();
    copy.#prices = this.#prices.slice();
    copy.#sizes = this.#sizes.slice();
    return copy;
  }
}
