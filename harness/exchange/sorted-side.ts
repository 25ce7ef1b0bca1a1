/**
 * One side of an order book as three parallel arrays kept sorted best-first: numeric rank keys for ordering
 * and the price and size strings exactly as they are sent. Books near the top change most, so binary search
 * plus a short splice is cheaper here than a tree.
 */

/** A price level as sent: price and size decimal strings. */
export type LevelText = [price: string, size: string];

/** One sorted side: bids rank by descending price, asks by ascending (the caller passes `descending`). */
export class SortedSide {
  readonly descending: boolean;
  #ranks: number[] = [];
  #prices: string[] = [];
  #sizes: string[] = [];

  constructor(descending: boolean) {
    this.descending = descending;
  }

  get length(): number {
    return this.#ranks.length;
  }

  /** Index of `price` when present, else `-(insertionPoint + 1)`. */
  find(price: number): number {
    const rank = this.descending ? -price : price;
    const ranks = this.#ranks;
    let lo = 0;
    let hi = ranks.length - 1;
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
    const index = this.find(price);
    return index >= 0 ? this.#sizes[index] : undefined;
  }

  /** Sets a level; returns the previous size string, or '' when the level was absent. */
  set(price: number, priceText: string, sizeText: string): string {
    const index = this.find(price);
    if (index >= 0) {
      const previous = this.#sizes[index] as string;
      this.#sizes[index] = sizeText;
      return previous;
    }
    const at = -index - 1;
    this.#ranks.splice(at, 0, this.descending ? -price : price);
    this.#prices.splice(at, 0, priceText);
    this.#sizes.splice(at, 0, sizeText);
    return '';
  }

  /** Removes a level; returns its size string, or '' when it was absent. */
  remove(price: number): string {
    const index = this.find(price);
    if (index < 0) return '';
    const previous = this.#sizes[index] as string;
    this.#ranks.splice(index, 1);
    this.#prices.splice(index, 1);
    this.#sizes.splice(index, 1);
    return previous;
  }

  /** Numeric price of the level at `index` (0 = best), or NaN past the end. */
  priceAt(index: number): number {
    const rank = this.#ranks[index];
    if (rank === undefined) return Number.NaN;
    return this.descending ? -rank : rank;
  }

  /** Price string of the level at `index` (0 = best). */
  priceTextAt(index: number): string | undefined {
    return this.#prices[index];
  }

  /** Size string of the level at `index` (0 = best). */
  sizeTextAt(index: number): string | undefined {
    return this.#sizes[index];
  }

  /** The top `depth` levels, best first (allocates). */
  top(depth: number): LevelText[] {
    const count = Math.min(depth, this.#ranks.length);
    const levels: LevelText[] = new Array<LevelText>(count);
    for (let i = 0; i < count; i++) levels[i] = [this.#prices[i] as string, this.#sizes[i] as string];
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
