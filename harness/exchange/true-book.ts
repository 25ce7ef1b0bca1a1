/**
 * The mock's own book for one symbol — the truth oracle. Every change the feed makes (sent or deliberately
 * skipped by a gap fault) goes through here and is logged with the size it replaced, in bounded rings, so
 * the book can be rolled back to any recent update id: that answers `truthAt` and serves stale snapshots
 * without storing a copy of the book per update.
 */
import { SortedSide, type LevelText } from './sorted-side.ts';

/** Which side of the book. */
export type Side = 'bid' | 'ask';

/** A book's top levels at one update id. */
export interface BookLevels {
  updateId: number;
  bids: LevelText[];
  asks: LevelText[];
}

/** How much history a TrueBook keeps: update ids and level changes (whichever runs out first bounds `at`). */
export interface HistoryBounds {
  ids: number;
  changes: number;
}

/** The true book of one symbol plus a bounded change log for looking back. */
export class TrueBook {
  readonly symbol: string;
  #bids = new SortedSide(true);
  #asks = new SortedSide(false);
  #updateId = 0;
  // Change ring: signed price (bids positive, asks negative), its text, and the size it replaced ('' = absent).
  #changePrices: Float64Array;
  #changePriceTexts: string[];
  #changePrevSizes: string[];
  #changeSeq = 0;
  // Update ring: the id committed and the change sequence number at its end.
  #updateIds: Float64Array;
  #updateEnds: Float64Array;
  #updateSeq = 0;
  // Changes before this sequence number cannot be undone (the book was reset).
  #floorSeq = 0;

  constructor(symbol: string, bounds: HistoryBounds) {
    this.symbol = symbol;
    this.#changePrices = new Float64Array(bounds.changes);
    this.#changePriceTexts = new Array<string>(bounds.changes).fill('');
    this.#changePrevSizes = new Array<string>(bounds.changes).fill('');
    this.#updateIds = new Float64Array(bounds.ids);
    this.#updateEnds = new Float64Array(bounds.ids);
  }

  /** Bid side, best first through its accessors. */
  get bids(): SortedSide {
    return this.#bids;
  }

  /** Ask side, best first through its accessors. */
  get asks(): SortedSide {
    return this.#asks;
  }

  /** The id of the last committed update. */
  get updateId(): number {
    return this.#updateId;
  }

  /**
   * Sets (size non-empty and non-zero) or deletes (size '' or a zero decimal) one level, logging the change;
   * `tag` is kept with the level, and a caller that knows it is deleting says so in `remove`.
   */
  apply(side: Side, price: number, priceText: string, sizeText: string, tag = 0, remove = isZero(sizeText)): void {
    const levels = side === 'bid' ? this.#bids : this.#asks;
    const previous = remove ? levels.remove(price) : levels.set(price, priceText, sizeText, tag);
    const slot = this.#changeSeq % this.#changePrices.length;
    this.#changePrices[slot] = side === 'bid' ? price : -price;
    this.#changePriceTexts[slot] = priceText;
    this.#changePrevSizes[slot] = previous;
    this.#changeSeq++;
  }

  /** Marks the end of one update (a diff) and records its id. */
  commit(updateId: number): void {
    this.#updateId = updateId;
    const slot = this.#updateSeq % this.#updateIds.length;
    this.#updateIds[slot] = updateId;
    this.#updateEnds[slot] = this.#changeSeq;
    this.#updateSeq++;
  }

  /** Empties the book (a replayed snapshot follows); earlier history can no longer be rolled back to. */
  reset(): void {
    this.#bids.clear();
    this.#asks.clear();
    this.#floorSeq = this.#changeSeq;
  }

  /** Replaces the book with copies of `bids` and `asks` at `updateId` (a replay loop restarting from its snapshot). */
  restore(bids: SortedSide, asks: SortedSide, updateId: number): void {
    this.#bids = bids.clone();
    this.#asks = asks.clone();
    this.#floorSeq = this.#changeSeq;
    this.commit(updateId);
  }

  /** The top `depth` levels now. */
  top(depth: number): BookLevels {
    return { updateId: this.#updateId, bids: this.bids.top(depth), asks: this.asks.top(depth) };
  }

  /** The oldest update id `at` can still answer, or undefined when there is none. */
  oldestId(): number | undefined {
    const capacity = this.#updateIds.length;
    for (let seq = Math.max(0, this.#updateSeq - capacity); seq < this.#updateSeq; seq++) {
      const end = this.#updateEnds[seq % capacity] as number;
      if (this.#reachable(end)) return this.#updateIds[seq % capacity];
    }
    return undefined;
  }

  /** The id committed `back` updates before the last one, or the oldest still reachable when history is shorter. */
  recentId(back: number): number {
    const capacity = this.#updateIds.length;
    const oldestSeq = Math.max(0, this.#updateSeq - capacity);
    for (let seq = Math.max(oldestSeq, this.#updateSeq - 1 - back); seq < this.#updateSeq; seq++) {
      if (this.#reachable(this.#updateEnds[seq % capacity] as number)) return this.#updateIds[seq % capacity] as number;
    }
    return this.#updateId;
  }

  /** The top `depth` levels as they were right after update `updateId` (the latest one with that id), or undefined when it is no longer in the history. */
  at(updateId: number, depth: number): BookLevels | undefined {
    const capacity = this.#updateIds.length;
    for (let seq = this.#updateSeq - 1; seq >= Math.max(0, this.#updateSeq - capacity); seq--) {
      if (this.#updateIds[seq % capacity] !== updateId) continue;
      const end = this.#updateEnds[seq % capacity] as number;
      if (!this.#reachable(end)) return undefined;
      if (end === this.#changeSeq) return { ...this.top(depth), updateId };
      const bids = this.bids.clone();
      const asks = this.asks.clone();
      const changes = this.#changePrices.length;
      for (let change = this.#changeSeq - 1; change >= end; change--) {
        const slot = change % changes;
        const signed = this.#changePrices[slot] as number;
        const levels = signed > 0 ? bids : asks;
        const price = Math.abs(signed);
        const previous = this.#changePrevSizes[slot] as string;
        if (previous === '') levels.remove(price);
        else levels.set(price, this.#changePriceTexts[slot] as string, previous);
      }
      return { updateId, bids: bids.top(depth), asks: asks.top(depth) };
    }
    return undefined;
  }

  #reachable(endSeq: number): boolean {
    return endSeq >= this.#floorSeq && this.#changeSeq - endSeq <= this.#changePrices.length;
  }
}

/** True for '' and any zero decimal ('0', '0.00000000'). */
export function isZero(sizeText: string): boolean {
  if (sizeText === '') return true;
  if (sizeText.charCodeAt(0) !== 48) return false;
  for (let i = 0; i < sizeText.length; i++) {
    const c = sizeText.charCodeAt(i);
    if (c !== 48 && c !== 46) return false;
  }
  return true;
}
