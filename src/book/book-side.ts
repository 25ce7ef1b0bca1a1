/**
 * One side of an order book as preallocated typed arrays sorted by a signed key (price for bids, −price for
 * asks) so that the BEST level always sits at the high end of the occupied window. Exchanges change the top
 * of the book far more often than its tail, so inserts and deletes near the best price move only a few
 * elements; the window [start, start + count) can also grow downwards, which makes pruning the worst level
 * O(1) and lets a best-first snapshot load without shifting. Sizes and the original strings live in a slot
 * pool that never moves: a shift copies only the keys and their slot numbers (one typed array, no GC write
 * barriers). Updates, most of a feed, skip the search: a small table keyed by the price's digits (prices sit on a
 * tick grid, so neighbours get neighbouring cells) leads straight to the level's slot, checked against its key.
 * Nothing here allocates after construction.
 */
import { parseScaledInto } from './parse-decimal.ts';

/** Result of BookSide.set: whether a level was inserted, updated, deleted, ignored, or pruned beyond the cap. */
export type LevelChange = 'inserted' | 'updated' | 'deleted' | 'absent' | 'pruned' | 'invalid';

/** One side (bids or asks) of an order book with a hard cap on the number of levels it holds. */
export class BookSide {
  /** +1 for bids (higher is better), −1 for asks (lower is better). */
  readonly sign: 1 | -1;
  readonly maxLevels: number;
  /**
   * Window position p holds its key at [2p] (ascending: the best level is at start + count − 1) and its pool
   * slot at [2p + 1]: interleaved, a shift is one memmove call instead of two (the call is most of its cost).
   */
  #entries: Float64Array;
  /** Per pool slot: key (NaN while the slot is free), numeric size and the exchange's original strings. */
  #slotKeys: Float64Array;
  #sizes: Float64Array;
  #priceTexts: string[];
  #sizeTexts: string[];
  /** Stack of free pool slots. */
  #free: Int32Array;
  #freeTop = 0;
  #start: number;
  #count = 0;
  #capacity: number;
  #prunedTotal = 0;
  /** Best key ever pruned since the last clear (-Infinity: none); kept in a typed array so writes never box. */
  #prunedBestKey = new Float64Array(1);
  /**
   * Level index by price digits: cell (digits & mask) → pool slot of the level last seen with them, or -1.
   * Only a hint (checked against the slot's key), so collisions cost a search, never a wrong level.
   */
  #cells: Int32Array;
  #cellMask: number;
  /**
   * The change being applied: [0] price, [1] its digits, [3] the search key, [4] size ([5] its digits, unused).
   * A double passed to or returned from a call V8 does not inline is boxed (16 B): doubles cross calls only
   * through this array.
   */
  #parsed = new Float64Array(6);

  constructor(sign: 1 | -1, maxLevels: number) {
    if (!Number.isInteger(maxLevels) || maxLevels < 1) throw new RangeError(`maxLevels must be a positive integer, got ${maxLevels}`);
    this.sign = sign;
    this.maxLevels = maxLevels;
    // Slack equal to the cap keeps recentring (an O(n) move) rarer than once per cap/2 edge inserts.
    this.#capacity = maxLevels * 2 + 16;
    this.#entries = new Float64Array(this.#capacity * 2);
    this.#slotKeys = new Float64Array(maxLevels).fill(NaN);
    this.#sizes = new Float64Array(maxLevels);
    // Four cells per level up to 16 Ki (64 KiB): neighbouring ticks get their own cells across ~16 k ticks.
    let cellCount = 1024;
    while (cellCount < maxLevels * 4 && cellCount < 16_384) cellCount <<= 1;
    this.#cells = new Int32Array(cellCount);
    this.#cellMask = cellCount - 1;
    this.#priceTexts = new Array<string>(maxLevels).fill('');
    this.#sizeTexts = new Array<string>(maxLevels).fill('');
    this.#free = new Int32Array(maxLevels);
    this.#start = 0;
    this.clear();
  }

  /** Number of levels held. */
  get count(): number {
    return this.#count;
  }

  /** Levels dropped beyond the cap since construction. */
  get prunedTotal(): number {
    return this.#prunedTotal;
  }

  /**
   * True when the k best levels held are exactly the exchange's k best: no level pruned since the last clear was
   * better than the k-th held one. After pruning, deletes near the top can surface levels we no longer have, so a
   * checksum over the top k (OKX: 25) is only meaningful when this holds.
   */
  exactTop(k: number): boolean {
    const prunedBestKey = this.#prunedBestKey[0] as number;
    if (prunedBestKey === -Infinity) return true;
    if (this.#count < k) return false;
    return (this.#entries[(this.#start + this.#count - k) * 2] as number) > prunedBestKey;
  }

  /** Removes every level (keeps the preallocated storage). */
  clear(): void {
    this.#count = 0;
    this.#start = this.#capacity >> 1;
    const free = this.#free;
    for (let i = 0; i < free.length; i++) free[i] = free.length - 1 - i;
    this.#freeTop = free.length;
    // Freed slots keep their old keys; with every cell empty no lookup can reach them before they are reused.
    this.#cells.fill(-1);
    this.#prunedBestKey[0] = -Infinity;
  }

  /**
   * Sets the size at a price from the exchange's strings; size 0 deletes; `invalid` (book unchanged) when either
   * is not a positive/non-negative decimal. A new level worse than every held level on a full side is dropped
   * and reported as `pruned`. Doubles stay in locals and typed arrays: nothing is boxed, nothing allocated.
   */
  set(priceText: string, sizeText: string): LevelChange {
    const parsed = this.#parsed;
    parseScaledInto(priceText, parsed, 0);
    parseScaledInto(sizeText, parsed, 4);
    const price = parsed[0] as number;
    const size = parsed[4] as number;
    // Comparisons are false for NaN, so this also rejects non-numeric strings.
    if (!(price > 0 && price < Infinity && size >= 0 && size < Infinity)) return 'invalid';
    const key = price * this.sign;
    const digits = parsed[1] as number;
    // Most changes update a level that exists: its cell finds it without a search.
    const cell = digits < 0 ? -1 : digits & this.#cellMask;
    if (cell >= 0) {
      const slot = this.#cells[cell] as number;
      if (slot >= 0 && this.#slotKeys[slot] === key) {
        if (size === 0) {
          parsed[3] = key;
          this.#removeAt(this.#lowerBound());
          return 'deleted';
        }
        this.#sizes[slot] = size;
        this.#priceTexts[slot] = priceText;
        this.#sizeTexts[slot] = sizeText;
        return 'updated';
      }
    }
    const entries = this.#entries;
    const start = this.#start;
    const end = start + this.#count;
    parsed[3] = key;
    const lo = this.#lowerBound();
    if (lo < end && entries[lo * 2] === key) {
      if (size === 0) {
        this.#removeAt(lo);
        return 'deleted';
      }
      const slot = (entries[lo * 2 + 1] as number) | 0;
      if (cell >= 0) this.#cells[cell] = slot;
      this.#sizes[slot] = size;
      this.#priceTexts[slot] = priceText;
      this.#sizeTexts[slot] = sizeText;
      return 'updated';
    }
    if (size === 0) return 'absent';
    if (this.#count >= this.maxLevels) {
      this.#prunedTotal++;
      const prunedKey = lo === start ? key : (entries[start * 2] as number);
      if (prunedKey > (this.#prunedBestKey[0] as number)) this.#prunedBestKey[0] = prunedKey;
      if (lo === start) return 'pruned';
      // Dropping the worst only advances start, so the insertion point stays valid.
      this.#freeSlot((entries[start * 2 + 1] as number) | 0);
      this.#start = start + 1;
      this.#count--;
    }
    const slot = this.#free[--this.#freeTop] as number;
    this.#slotKeys[slot] = key;
    if (cell >= 0) this.#cells[cell] = slot;
    this.#sizes[slot] = size;
    this.#priceTexts[slot] = priceText;
    this.#sizeTexts[slot] = sizeText;
    const pos = this.#makeRoom(lo);
    entries[pos * 2] = key;
    entries[pos * 2 + 1] = slot;
    this.#count++;
    return 'inserted';
  }

  /**
   * First window position whose key is ≥ the key in #parsed[3]. Branch-free halving: each step's comparison feeds arithmetic,
   * not a jump, so the ~50 % mispredictions of a textbook binary search (most of its time here) never happen.
   */
  #lowerBound(): number {
    const key = this.#parsed[3] as number;
    const entries = this.#entries;
    let base = this.#start;
    let n = this.#count;
    while (n > 1) {
      const half = n >>> 1;
      base += half & -((entries[(base + half - 1) * 2] as number) < key);
      n -= half;
    }
    return n === 1 && (entries[base * 2] as number) < key ? base + 1 : base;
  }

  /**
   * Returns a slot to the pool; its key becomes NaN so a stale cell can never match it. Callers pass slot numbers
   * read from #entries as `x | 0`: an int32 crosses a call as a small integer, a double might be boxed.
   */
  #freeSlot(slot: number): void {
    this.#slotKeys[slot] = NaN;
    this.#free[this.#freeTop++] = slot;
  }

  /** Opens a free window position for a new level that belongs before absolute index `at`; returns it. */
  #makeRoom(at: number): number {
    let pos = at;
    const start = this.#start;
    const end = start + this.#count;
    const headRoom = start > 0;
    const tailRoom = end < this.#capacity;
    if (!headRoom && !tailRoom) return this.#makeRoom(this.#recentre(pos));
    // Shift whichever part is shorter, if there is room on that side.
    if ((pos - start < end - pos && headRoom) || !tailRoom) {
      this.#move(start, pos, start - 1);
      this.#start = start - 1;
      pos -= 1;
    } else {
      this.#move(pos, end, pos + 1);
    }
    return pos;
  }

  #removeAt(at: number): void {
    this.#freeSlot((this.#entries[at * 2 + 1] as number) | 0);
    const start = this.#start;
    const end = start + this.#count;
    if (at - start < end - at - 1) {
      this.#move(start, at, start + 1);
      this.#start = start + 1;
    } else {
      this.#move(at + 1, end, at);
    }
    this.#count--;
  }

  /** Moves the window to the middle of the storage; returns where absolute index `pos` ended up. */
  #recentre(pos: number): number {
    const newStart = (this.#capacity - this.#count) >> 1;
    const shift = newStart - this.#start;
    this.#move(this.#start, this.#start + this.#count, newStart);
    this.#start = newStart;
    return pos + shift;
  }

  /** Copies window positions [from, to) so they begin at `target` (keys and slot numbers together). */
  #move(from: number, to: number, target: number): void {
    const n = to - from;
    if (n <= 0) return;
    const entries = this.#entries;
    // copyWithin is a memmove but its call costs as much as a ~20-element loop: short moves loop inline.
    if (n > 16) {
      entries.copyWithin(target * 2, from * 2, to * 2);
    } else if (target < from) {
      for (let i = from * 2, j = target * 2, stop = to * 2; i < stop; i++, j++) entries[j] = entries[i] as number;
    } else {
      for (let i = to * 2 - 1, j = (target + n) * 2 - 1, stop = from * 2; i >= stop; i--, j--) entries[j] = entries[i] as number;
    }
  }

  /** Pool slot of the i-th best level, or -1 when there is none. */
  #slotOf(i: number): number {
    if (i < 0 || i >= this.#count) return -1;
    return (this.#entries[(this.#start + this.#count - 1 - i) * 2 + 1] as number) | 0;
  }

  /** Price of the i-th best level (0 = best), or NaN when there is none. */
  price(i: number): number {
    if (i < 0 || i >= this.#count) return NaN;
    return (this.#entries[(this.#start + this.#count - 1 - i) * 2] as number) * this.sign;
  }

  /** Size of the i-th best level, or NaN when there is none. */
  size(i: number): number {
    const slot = this.#slotOf(i);
    return slot < 0 ? NaN : (this.#sizes[slot] as number);
  }

  /** Price of the i-th best level exactly as the exchange sent it ('' when there is none). */
  priceText(i: number): string {
    const slot = this.#slotOf(i);
    return slot < 0 ? '' : (this.#priceTexts[slot] as string);
  }

  /** Size of the i-th best level exactly as the exchange sent it ('' when there is none). */
  sizeText(i: number): string {
    const slot = this.#slotOf(i);
    return slot < 0 ? '' : (this.#sizeTexts[slot] as string);
  }

  /** Best price, or NaN on an empty side. */
  best(): number {
    const count = this.#count;
    return count === 0 ? NaN : (this.#entries[(this.#start + count - 1) * 2] as number) * this.sign;
  }

  /** Copies up to n best levels (best first) into the given arrays; returns how many were copied. */
  copyTop(n: number, pricesOut: Float64Array, sizesOut: Float64Array): number {
    const m = Math.min(n, this.#count, pricesOut.length, sizesOut.length);
    const top = this.#start + this.#count - 1;
    const sign = this.sign;
    const entries = this.#entries;
    const sizes = this.#sizes;
    for (let i = 0; i < m; i++) {
      pricesOut[i] = (entries[(top - i) * 2] as number) * sign;
      sizesOut[i] = sizes[entries[(top - i) * 2 + 1] as number] as number;
    }
    return m;
  }

  /** Sum of sizes over the n best levels. */
  depth(n: number): number {
    const m = Math.min(n, this.#count);
    const top = this.#start + this.#count - 1;
    let total = 0;
    const entries = this.#entries;
    for (let i = 0; i < m; i++) total += this.#sizes[entries[(top - i) * 2 + 1] as number] as number;
    return total;
  }
}
