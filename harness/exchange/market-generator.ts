/**
 * The synthetic market for one symbol: a seeded random-walk mid with level updates, inserts and deletes
 * concentrated near the top of the book, like real depth feeds. Each `next()` applies one message's changes
 * to the symbol's TrueBook and returns them, so what is sent and what the oracle holds never disagree.
 * Update ids advance by the number of changes in a message (Binance `U`..`u`, OKX `prevSeqId`/`seqId`).
 */
import { createPrng, deriveSeed, type Prng } from './prng.ts';
import { formatUnits, type DecimalStyle } from './decimal-text.ts';
import type { LevelText } from './sorted-side.ts';
import type { Side, TrueBook } from './true-book.ts';

/** Distinct sizes a market uses (randomly chosen per change; plenty to look random to a client). */
const SIZE_PALETTE = 4096;

/** One generated message: the changed levels (size zero = delete) and the update ids it covers. */
export interface BookDiff {
  symbol: string;
  /** Last id of the previous message (Binance futures `pu`, OKX `prevSeqId`). */
  prevId: number;
  /** First id in this message (Binance `U`). */
  firstId: number;
  /** Last id in this message (Binance `u`, OKX `seqId`). */
  lastId: number;
  bids: LevelText[];
  asks: LevelText[];
}

/** Shape of a synthetic market. */
export interface MarketShape {
  seed: number;
  depthPerSide: number;
  levelsPerMessage: number;
  style: DecimalStyle;
}

/** Generates one symbol's feed into its TrueBook. */
export class MarketGenerator {
  readonly book: TrueBook;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  #prng: Prng;
  #shape: MarketShape;
  #midTicks: number;
  #priceCache = new Map<number, string>();
  #sizes: string[] = [];
  #zero: string;

  constructor(book: TrueBook, shape: MarketShape) {
    this.book = book;
    this.#shape = shape;
    this.#prng = createPrng(deriveSeed(shape.seed, book.symbol));
    // A mid between 0.1 and ~30 000 with about five significant digits of tick, like listed spot pairs.
    const magnitude = -1 + this.#prng.int(6);
    this.priceDecimals = Math.min(8, Math.max(0, 4 - magnitude));
    this.sizeDecimals = Math.min(8, Math.max(0, magnitude + 1));
    this.#midTicks = Math.round((1 + this.#prng.next() * 8) * 10 ** (magnitude + this.priceDecimals));
    this.#zero = formatUnits(0, this.sizeDecimals, shape.style);
    // A fixed palette of sizes, formatted once: sending sizes creates no garbage and the change log shares them.
    for (let i = 0; i < SIZE_PALETTE; i++) {
      const r = this.#prng.next();
      this.#sizes.push(formatUnits(1 + Math.floor(r * r * r * 2_000_000), this.sizeDecimals, shape.style));
    }
    this.#seedBook(1_000_000 + this.#prng.int(100_000_000));
  }

  /** Size string meaning "delete" in this market's style. */
  get zeroSize(): string {
    return this.#zero;
  }

  /** Generates and applies the next message; `resetToId` makes its last id that (a sequence reset). */
  next(resetToId?: number): BookDiff {
    const prng = this.#prng;
    const prevId = this.book.updateId;
    const bids: LevelText[] = [];
    const asks: LevelText[] = [];
    if (prng.next() < 0.2) {
      // A walk that drifts towards zero is pushed back up, so prices stay positive however long the run.
      const floor = this.#midTicks < this.#shape.depthPerSide * 8;
      this.#moveMid(floor || prng.next() < 0.5 ? 1 : -1, bids, asks);
    }
    const target = 1 + prng.int(Math.max(1, 2 * this.#shape.levelsPerMessage - 1));
    while (bids.length + asks.length < target) this.#change(prng.next() < 0.5 ? 'bid' : 'ask', bids, asks);
    const changes = bids.length + asks.length;
    const lastId = resetToId ?? prevId + changes;
    this.book.commit(lastId);
    return { symbol: this.book.symbol, prevId, firstId: lastId - changes + 1, lastId, bids, asks };
  }

  #seedBook(startId: number): void {
    const depth = this.#shape.depthPerSide;
    for (const side of ['bid', 'ask'] as const) {
      const levels = side === 'bid' ? this.book.bids : this.book.asks;
      for (let distance = 0; levels.length < depth && distance < depth * 4; distance++) {
        if (this.#prng.next() < 0.8) this.#set(side, this.#priceAt(side, distance), this.#randomSize(), undefined);
      }
    }
    this.book.commit(startId);
  }

  #change(side: Side, bids: LevelText[], asks: LevelText[]): void {
    const prng = this.#prng;
    const levels = side === 'bid' ? this.book.bids : this.book.asks;
    const out = side === 'bid' ? bids : asks;
    if (levels.length > this.#shape.depthPerSide) {
      this.#set(side, levels.priceAt(levels.length - 1), this.#zero, out);
      return;
    }
    // Geometric distance from the touch: most activity is within a few ticks of the best price.
    const distance = Math.min(this.#shape.depthPerSide - 1, Math.floor(-Math.log(1 - prng.next()) * 4));
    const price = this.#priceAt(side, distance);
    const exists = levels.sizeAt(price) !== undefined;
    const remove = exists && levels.length > 2 && prng.next() < 0.35;
    this.#set(side, price, remove ? this.#zero : this.#randomSize(), out);
  }

  #moveMid(step: 1 | -1, bids: LevelText[], asks: LevelText[]): void {
    this.#midTicks += step;
    // Keep bids below and asks above the mid so the true book is never crossed.
    const side: Side = step > 0 ? 'ask' : 'bid';
    const levels = side === 'ask' ? this.book.asks : this.book.bids;
    while (levels.length > 0) {
      const best = levels.priceAt(0);
      if (side === 'ask' ? best > this.#midTicks : best < this.#midTicks) break;
      this.#set(side, best, this.#zero, side === 'ask' ? asks : bids);
    }
  }

  #priceAt(side: Side, distance: number): number {
    return side === 'bid' ? this.#midTicks - 1 - distance : this.#midTicks + 1 + distance;
  }

  #randomSize(): string {
    return this.#sizes[this.#prng.int(SIZE_PALETTE)] as string;
  }

  #set(side: Side, ticks: number, sizeText: string, out: LevelText[] | undefined): void {
    let priceText = this.#priceCache.get(ticks);
    if (priceText === undefined) {
      // Bounded: the mid wanders, so drop the cache rather than let it grow with the walk.
      if (this.#priceCache.size > 8192) this.#priceCache.clear();
      priceText = formatUnits(ticks, this.priceDecimals, this.#shape.style);
      this.#priceCache.set(ticks, priceText);
    }
    this.book.apply(side, ticks, priceText, sizeText);
    out?.push([priceText, sizeText]);
  }
}
