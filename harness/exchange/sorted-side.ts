/**
 * One side of an order book as parallel arrays — numeric rank keys for ordering, the price and size strings
 * exactly as sent, and a numeric tag per level (the OKX checksum token of the level) — stored worst-first so
 * the best level is last. The live levels sit in the middle of their arrays, so both ends move in O(1):
 * books change most near the top (a few elements shift there), and trimming the worst level, which used to
 * shift the whole side, only moves the start.
 */

/** A price level as sent: price and size decimal strings. */
export type LevelText = [price: string, size: string];

const MIN_CAPACITY = 64;

/** One sorted side: bids rank by price, asks by negated price; index 0 of the public API is the best level. */
export class SortedSide {
  readonly descending: boolean;
  // Ascending by rank in [#start, #end): worst level first, best level last.
  #ranks = new Float64Array(MIN_CAPACITY);
  #tags = new Float64Array(MIN_CAPACITY);
  #prices: string[] = new Array<string>(MIN_CAPACITY).fill('');
  #sizes: string[] = new Array<string>(MIN_CAPACITY).fill('');
  #start = MIN_CAPACITY / 2;
  #end = MIN_CAPACITY / 2;

  /** `descending` true for bids (best = highest price), false for asks. */
  constructor(descending: boolean) {
    this.descending = descending;
  }

  get length(): number {
    return this.#end - this.#start;
  }

  /** Storage index of `price` when present, else `-(insertionPoint + 1)`; searches from the best end. */
  #find(price: number): number {
    const rank = this.descending ? price : -price;
    const ranks = this.#ranks;
    const start = this.#start;
    let lo = start;
    let hi = this.#end - 1;
    // Most lookups are near the top: check the last few slots before bisecting.
    const stop = Math.max(start, this.#end - 4);
    while (hi >= stop) {
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

  /** Sets a level (with an optional numeric tag); returns the previous size string, or '' when the level was absent. */
  set(price: number, priceText: string, sizeText: string, tag = 0): string {
    const index = this.#find(price);
    if (index >= 0) {
      const previous = this.#sizes[index] as string;
      this.#sizes[index] = sizeText;
      this.#tags[index] = tag;
      return previous;
    }
    const slot = this.#open(-index - 1);
    this.#ranks[slot] = this.descending ? price : -price;
    this.#prices[slot] = priceText;
    this.#sizes[slot] = sizeText;
    this.#tags[slot] = tag;
    return '';
  }

  /** Removes a level; returns its size string, or '' when it was absent. */
  remove(price: number): string {
    const index = this.#find(price);
    if (index < 0) return '';
    const previous = this.#sizes[index] as string;
    this.#close(index);
    return previous;
  }

  /** Numeric price of the level `index` from the top (0 = best), or NaN past the end. */
  priceAt(index: number): number {
    if (index < 0 || index >= this.#end - this.#start) return Number.NaN;
    const rank = this.#ranks[this.#end - 1 - index] as number;
    return this.descending ? rank : -rank;
  }

  /** Price string of the level `index` from the top (0 = best). */
  priceTextAt(index: number): string | undefined {
    return index >= 0 && index < this.#end - this.#start ? this.#prices[this.#end - 1 - index] : undefined;
  }

  /** Size string of the level `index` from the top (0 = best). */
  sizeTextAt(index: number): string | undefined {
    return index >= 0 && index < this.#end - this.#start ? this.#sizes[this.#end - 1 - index] : undefined;
  }

  /** Tag of the level `index` from the top (0 = best), or undefined past the end. */
  tagAt(index: number): number | undefined {
    return index >= 0 && index < this.#end - this.#start ? this.#tags[this.#end - 1 - index] : undefined;
  }

  /** The top `depth` levels, best first (allocates). */
  top(depth: number): LevelText[] {
    const count = Math.max(0, Math.min(depth, this.#end - this.#start));
    const last = this.#end - 1;
    const levels: LevelText[] = new Array<LevelText>(count);
    for (let i = 0; i < count; i++) levels[i] = [this.#prices[last - i] as string, this.#sizes[last - i] as string];
    return levels;
  }

  /** Removes every level. */
  clear(): void {
    this.#resize(MIN_CAPACITY, 0);
  }

  /** An independent copy (used to roll a book back in time without touching the live one). */
  clone(): SortedSide {
    const copy = new SortedSide(this.descending);
    copy.#ranks = this.#ranks.slice();
    copy.#tags = this.#tags.slice();
    copy.#prices = this.#prices.slice();
    copy.#sizes = this.#sizes.slice();
    copy.#start = this.#start;
    copy.#end = this.#end;
    return copy;
  }

  /** Makes room for a level at insertion point `at`; returns its storage index. Shifts the shorter part. */
  #open(at: number): number {
    if (this.#start > 0 && at - this.#start < this.#end - at) {
      const start = --this.#start;
      for (let i = start; i < at - 1; i++) this.#move(i + 1, i);
      return at - 1;
    }
    if (this.#end === this.#ranks.length) {
      const before = this.#start;
      this.#resize(Math.max(MIN_CAPACITY, (this.#end - this.#start) * 4), this.#end - this.#start);
      at += this.#start - before;
    }
    for (let i = this.#end; i > at; i--) this.#move(i - 1, i);
    this.#end++;
    return at;
  }

  /** Removes the level at storage index `index`, shifting the shorter part; vacated strings are released. */
  #close(index: number): void {
    if (index - this.#start < this.#end - 1 - index) {
      for (let i = index; i > this.#start; i--) this.#move(i - 1, i);
      this.#prices[this.#start] = '';
      this.#sizes[this.#start] = '';
      this.#start++;
      return;
    }
    for (let i = index; i < this.#end - 1; i++) this.#move(i + 1, i);
    this.#end--;
    this.#prices[this.#end] = '';
    this.#sizes[this.#end] = '';
  }

  #move(from: number, to: number): void {
    this.#ranks[to] = this.#ranks[from] as number;
    this.#tags[to] = this.#tags[from] as number;
    this.#prices[to] = this.#prices[from] as string;
    this.#sizes[to] = this.#sizes[from] as string;
  }

  /** New arrays of `capacity` with the first `keep` live levels centred in them. */
  #resize(capacity: number, keep: number): void {
    const start = (capacity - keep) >>> 1;
    const ranks = new Float64Array(capacity);
    const tags = new Float64Array(capacity);
    const prices = new Array<string>(capacity).fill('');
    const sizes = new Array<string>(capacity).fill('');
    for (let i = 0; i < keep; i++) {
      ranks[start + i] = this.#ranks[this.#start + i] as number;
      tags[start + i] = this.#tags[this.#start + i] as number;
      prices[start + i] = this.#prices[this.#start + i] as string;
      sizes[start + i] = this.#sizes[this.#start + i] as string;
    }
    this.#ranks = ranks;
    this.#tags = tags;
    this.#prices = prices;
    this.#sizes = sizes;
    this.#start = start;
    this.#end = start + keep;
  }
}
