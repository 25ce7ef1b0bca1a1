/**
 * The order book of one (exchange, symbol): two capped BookSides plus the exchange's sequence id. It keeps
 * prices and sizes both as numbers (for fast reads) and as the exchange's original decimal strings (for
 * checksums and faithful output). Applying a change allocates nothing and reads never sort.
 */
import type { BookView, ExchangeId } from '../feed/feed-types.ts';
import { BookSide } from './book-side.ts';

/** Which side of the book a change or read refers to. */
export type SideName = 'bid' | 'ask';

/** Levels as they arrive from JSON: `[price, size, ...]` with decimal strings (shape checked by the protocol layer). */
export type LevelList = ReadonlyArray<ReadonlyArray<unknown>>;

/** A single-symbol order book with a depth cap per side; satisfies the collector-wide BookView. */
export class OrderBook implements BookView {
  readonly exchange: ExchangeId;
  readonly symbol: string;
  readonly bids: BookSide;
  readonly asks: BookSide;
  #lastUpdateId = 0;

  constructor(exchange: ExchangeId, symbol: string, maxDepthPerSide: number) {
    this.exchange = exchange;
    this.symbol = symbol;
    this.bids = new BookSide(1, maxDepthPerSide);
    this.asks = new BookSide(-1, maxDepthPerSide);
  }

  /** Last applied exchange sequence id. */
  get lastUpdateId(): number {
    return this.#lastUpdateId;
  }

  get bidCount(): number {
    return this.bids.count;
  }

  get askCount(): number {
    return this.asks.count;
  }

  /** Levels dropped beyond the cap on both sides since the book was created. */
  get prunedTotal(): number {
    return this.bids.prunedTotal + this.asks.prunedTotal;
  }

  /** Records the sequence id of the last applied snapshot or update. */
  setLastUpdateId(id: number): void {
    this.#lastUpdateId = id;
  }

  /** Empties both sides and forgets the sequence id. */
  clear(): void {
    this.bids.clear();
    this.asks.clear();
    this.#lastUpdateId = 0;
  }

  /**
   * Replaces the book with a snapshot. Returns the number of levels applied, or -1 when a price or size is not a
   * valid decimal (the book is then incomplete and must be resynchronised).
   */
  applySnapshot(bids: LevelList, asks: LevelList, lastUpdateId: number): number {
    this.clear();
    this.#lastUpdateId = lastUpdateId;
    const b = this.applyLevels('bid', bids);
    if (b < 0) return -1;
    const a = this.applyLevels('ask', asks);
    return a < 0 ? -1 : a + b;
  }

  /** Applies absolute level changes to one side (size 0 deletes); returns the count, or -1 on an invalid value. */
  applyLevels(side: SideName, levels: LevelList): number {
    const target = side === 'bid' ? this.bids : this.asks;
    for (let i = 0; i < levels.length; i++) {
      const level = levels[i] as ReadonlyArray<unknown>;
      if (target.set(level[0] as string, level[1] as string) === 'invalid') return -1;
    }
    return levels.length;
  }

  /** Sets one level from its original strings (size "0" deletes); returns false when either is not a valid decimal. */
  setLevel(side: SideName, priceText: string, sizeText: string): boolean {
    return (side === 'bid' ? this.bids : this.asks).set(priceText, sizeText) !== 'invalid';
  }

  /** Highest bid, or NaN when there are no bids. */
  bestBid(): number {
    return this.bids.best();
  }

  /** Lowest ask, or NaN when there are no asks. */
  bestAsk(): number {
    return this.asks.best();
  }

  /** True when both sides are non-empty and the best bid is at or above the best ask. */
  isCrossed(): boolean {
    return this.bids.best() >= this.asks.best();
  }

  /** Sum of sizes over the n best levels of one side. */
  depth(side: SideName, n: number): number {
    return (side === 'bid' ? this.bids : this.asks).depth(n);
  }

  /** Allocation-free top-N read: copies up to n best levels of one side into caller-owned arrays; returns the count. */
  copyTop(side: SideName, n: number, pricesOut: Float64Array, sizesOut: Float64Array): number {
    return (side === 'bid' ? this.bids : this.asks).copyTop(n, pricesOut, sizesOut);
  }

  /** Top n levels per side as the exchange sent them, best first. Allocates: for output, not the hot path. */
  topLevels(n: number): { bids: Array<[price: string, size: string]>; asks: Array<[price: string, size: string]> } {
    return { bids: sideTop(this.bids, n), asks: sideTop(this.asks, n) };
  }
}

function sideTop(side: BookSide, n: number): Array<[string, string]> {
  const m = Math.min(n, side.count);
  const out = new Array<[string, string]>(m);
  for (let i = 0; i < m; i++) out[i] = [side.priceText(i), side.sizeText(i)];
  return out;
}
