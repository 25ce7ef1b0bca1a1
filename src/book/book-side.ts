/**
 * One side of an order book as preallocated typed arrays sorted by a signed key (price for bids, −price for
 * asks) so that the BEST level always sits at the high end of the occupied window. Exchanges change the top
 * of the book far more often than its tail, so inserts and deletes near the best price move only a few
 * elements; the window [start, start + count) can also grow downwards, which makes pruning the worst level
 * O(1) and lets a best-first snapshot load without shifting. Sizes and the original strings live in a slot
 * pool that never moves: a shift copies only the keys and their slot numbers (two typed arrays, no GC write
 * barriers). Nothing here allocates after construction.
 */
import { parseDecimalInto } from './parse-decimal.ts';

/** Result of BookSide.set: whether a level was inserted, updated, deleted, ignored, or pruned beyond the cap. */
export type LevelChange = 'inserted' | 'updated' | 'deleted' | 'absent' | 'pruned' | 'invalid';

/** One side (bids or asks) of an order book with a hard cap on the number of levels it holds. */
export class BookSide {
  /** +1 for bids (higher is better), −1 for asks (lower is better). */
  readonly sign: 1 | -1;
  readonly maxLevels: number;
  /** Sorted keys of the window, ascending: the best level is at start + count − 1. */
  #keys: Float64Array;
  /** Pool slot of each window position. */
  #slots: Int32Array;
  /** Per pool slot: numeric size and the exchange's original strings. */
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
  /** Parsed price and size of the change being applied (see parseDecimalInto for why not locals from a call). */
  #parsed = new Float64Array(2);

  constructor(sign: 1 | -1, maxLevels: number) {
    if (!Number.isInteger(maxLevels) || maxLevels < 1) throw new RangeError(`maxLevels must be a positive integer, got ${maxLevels}`);
    this.sign = sign;
    this.maxLevels = maxLevels;
    // Slack equal to the cap keeps recentring (an O(n) move) rarer than once per cap/2 edge inserts.
    this.#capacity = maxLevels * 2 + 16;
    this.#keys = new Float64Array(this.#capacity);
    this.#slots = new Int32Array(this.#capacity);
    this.#sizes = new Float64Array(maxLevels);
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
    return (this.#keys[this.#start + this.#count - k] as number) > prunedBestKey;
  }

  /** Removes every level (keeps the preallocated storage). */
  clear(): void {
    this.#count = 0;
    this.#start = this.#capacity >> 1;
    const free = this.#free;
    for (let i = 0; i < free.length; i++) free[i] = free.length - 1 - i;
    this.#freeTop = free.length;
    this.#prunedBestKey[0] = -Infinity;
  }

  /**
   * Sets the size at a price from the exchange's strings; size 0 deletes; `invalid` (book unchanged) when either
   * is not a positive/non-negative decimal. A new level worse than every held level on a full side is dropped
   * and reported as `pruned`. Doubles stay in locals and typed arrays: nothing is boxed, nothing allocated.
   */
  set(priceText: string, sizeText: string): LevelChange {
    const parsed = this.#parsed;
    parseDecimalInto(priceText, parsed, 0);
    parseDecimalInto(sizeText, parsed, 1);
    const price = parsed[0] as number;
    const size = parsed[1] as number;
    // Comparisons are false for NaN, so this also rejects non-numeric strings.
    if (!(price > 0 && price < Infinity && size >= 0 && size < Infinity)) return 'invalid';
    const key = price * this.sign;
    const keys = this.#keys;
    const start = this.#start;
    const end = start + this.#count;
    // Lower bound of key in [start, end). Most changes are near the best end, so gallop down from it first
    // (1, 2, 4, … levels) and binary-search only the bracket found: ~2·log2(distance) probes, not log2(count).
    let hi = end;
    let step = 1;
    let probe = end - 1;
    while (probe >= start && (keys[probe] as number) >= key) {
      hi = probe;
      step <<= 1;
      probe = end - step;
    }
    let lo = probe < start ? start : probe + 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((keys[mid] as number) < key) lo = mid + 1;
      else hi = mid;
    }
    if (lo < end && keys[lo] === key) {
      if (size === 0) {
        this.#removeAt(lo);
        return 'deleted';
      }
      const slot = this.#slots[lo] as number;
      this.#sizes[slot] = size;
      this.#priceTexts[slot] = priceText;
      this.#sizeTexts[slot] = sizeText;
      return 'updated';
    }
    if (size === 0) return 'absent';
    if (this.#count >= this.maxLevels) {
      this.#prunedTotal++;
      const prunedKey = lo === start ? key : (keys[start] as number);
      if (prunedKey > (this.#prunedBestKey[0] as number)) this.#prunedBestKey[0] = prunedKey;
      if (lo === start) return 'pruned';
      // Dropping the worst only advances start, so the insertion point stays valid.
      this.#free[this.#freeTop++] = this.#slots[start] as number;
      this.#start = start + 1;
      this.#count--;
    }
    const slot = this.#free[--this.#freeTop] as number;
    this.#sizes[slot] = size;
    this.#priceTexts[slot] = priceText;
    this.#sizeTexts[slot] = sizeText;
    const pos = this.#makeRoom(lo);
    keys[pos] = key;
    this.#slots[pos] = slot;
    this.#count++;
    return 'inserted';
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
    this.#free[this.#freeTop++] = this.#slots[at] as number;
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

  /** Copies window positions [from, to) so they begin at `target` (keys and slot numbers). */
  #move(from: number, to: number, target: number): void {
    const n = to - from;
    if (n <= 0) return;
    const keys = this.#keys;
    const slots = this.#slots;
    // Typed copyWithin is a memmove but costs a call; short moves (the common top-of-book case) loop inline.
    if (n > 8) {
      keys.copyWithin(target, from, to);
      slots.copyWithin(target, from, to);
    } else if (target < from) {
      for (let i = 0; i < n; i++) {
        keys[target + i] = keys[from + i] as number;
        slots[target + i] = slots[from + i] as number;
      }
    } else {
      for (let i = n - 1; i >= 0; i--) {
        keys[target + i] = keys[from + i] as number;
        slots[target + i] = slots[from + i] as number;
      }
    }
  }

  /** Pool slot of the i-th best level, or -1 when there is none. */
  #slotOf(i: number): number {
    if (i < 0 || i >= this.#count) return -1;
    return this.#slots[this.#start + this.#count - 1 - i] as number;
  }

  /** Price of the i-th best level (0 = best), or NaN when there is none. */
  price(i: number): number {
    if (i < 0 || i >= this.#count) return NaN;
    return (this.#keys[this.#start + this.#count - 1 - i] as number) * this.sign;
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
    return count === 0 ? NaN : (this.#keys[this.#start + count - 1] as number) * this.sign;
  }

  /** Copies up to n best levels (best first) into the given arrays; returns how many were copied. */
  copyTop(n: number, pricesOut: Float64Array, sizesOut: Float64Array): number {
    const m = Math.min(n, this.#count, pricesOut.length, sizesOut.length);
    const top = this.#start + this.#count - 1;
    const sign = this.sign;
    const keys = this.#keys;
    const slots = this.#slots;
    const sizes = this.#sizes;
    for (let i = 0; i < m; i++) {
      pricesOut[i] = (keys[top - i] as number) * sign;
      sizesOut[i] = sizes[slots[top - i] as number] as number;
    }
    return m;
  }

  /** Sum of sizes over the n best levels. */
  depth(n: number): number {
    const m = Math.min(n, this.#count);
    const top = this.#start + this.#count - 1;
    let total = 0;
    for (let i = 0; i < m; i++) total += this.#sizes[this.#slots[top - i] as number] as number;
    return total;
  }
}
