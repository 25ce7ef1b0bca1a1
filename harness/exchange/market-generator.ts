/**
 * The synthetic market for one symbol: a seeded random-walk mid with level updates, inserts and deletes
 * concentrated near the top of the book, like real depth feeds. Each `next()` applies one message's changes
 * to the symbol's TrueBook and returns them, so what is sent and what the oracle holds never disagree.
 * Update ids advance by the number of changes in a message (Binance `U`..`u`, OKX `prevSeqId`/`seqId`).
 */
import { Mulberry32, deriveSeed } from './prng.ts';
import { formatUnits, type DecimalStyle } from './decimal-text.ts';
import { LevelPieces, ZERO_SIZE, type LevelFormat } from './level-pieces.ts';
import type { Side, TrueBook } from './true-book.ts';

/** Distinct sizes a market uses (randomly chosen per change; plenty to look random to a client). */
const SIZE_PALETTE = 4096;
/** Numbers per page of sent levels (ticks, size index): diffs share pages instead of allocating per message. */
const PAGE_NUMBERS = 8192;

/** One generated message: the changed levels (size zero = delete), in the order applied, and the update ids it covers. */
export interface BookDiff {
  symbol: string;
  /** Last id of the previous message (Binance futures `pu`, OKX `prevSeqId`). */
  prevId: number;
  /** First id in this message (Binance `U`). */
  firstId: number;
  /** Last id in this message (Binance `u`, OKX `seqId`). */
  lastId: number;
  /** Writes the levels below as JSON. */
  pieces: LevelPieces;
  /** The page holding the changed levels from `start`: bids then asks, each as ticks, size index (ZERO_SIZE = delete), … */
  levels: Float64Array;
  start: number;
  bidLevels: number;
  askLevels: number;
}

/** Shape of a synthetic market. */
export interface MarketShape {
  seed: number;
  depthPerSide: number;
  levelsPerMessage: number;
  style: DecimalStyle;
  /** How the exchange writes a level (pre-encoded per price and size). */
  levelFormat: LevelFormat;
  /** Tag every level with its OKX checksum token (okx-level-tags.ts), for an OKX crc32 feed. */
  checksumTags?: boolean;
}

/** Generates one symbol's feed into its TrueBook. */
export class MarketGenerator {
  readonly book: TrueBook;
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  readonly pieces: LevelPieces;
  #prng: Mulberry32;
  #shape: MarketShape;
  #tags: boolean;
  #midTicks: number;
  #zero: string;
  // The message being generated: its changed levels per side (ticks, size index, …), moved to a page at its end.
  #bids: number[] = [];
  #asks: number[] = [];
  #bidNumbers = 0;
  #askNumbers = 0;
  #recording = false;
  #page = new Float64Array(0);
  #pageUsed = 0;

  constructor(book: TrueBook, shape: MarketShape) {
    this.book = book;
    this.#shape = shape;
    this.#tags = shape.checksumTags === true;
    this.#prng = new Mulberry32(deriveSeed(shape.seed, book.symbol));
    // A mid between 0.1 and ~30 000 with about five significant digits of tick, like listed spot pairs.
    const magnitude = -1 + this.#prng.int(6);
    this.priceDecimals = Math.min(8, Math.max(0, 4 - magnitude));
    this.sizeDecimals = Math.min(8, Math.max(0, magnitude + 1));
    this.#midTicks = Math.round((1 + this.#prng.next() * 8) * 10 ** (magnitude + this.priceDecimals));
    this.#zero = formatUnits(0, this.sizeDecimals, shape.style);
    // A fixed palette of sizes, formatted once: sending sizes creates no garbage and the change log shares them.
    const sizes: string[] = [];
    for (let i = 0; i < SIZE_PALETTE; i++) {
      const r = this.#prng.next();
      sizes.push(formatUnits(1 + Math.floor(r * r * r * 2_000_000), this.sizeDecimals, shape.style));
    }
    // Price slots cover the ticks a live book of this depth spans (a slot taken by another tick only costs a reformat).
    this.pieces = new LevelPieces({ priceDecimals: this.priceDecimals, style: shape.style, format: shape.levelFormat, sizes, zero: this.#zero, checksumTags: this.#tags, minPriceSlots: shape.depthPerSide * 8 });
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
    this.#bidNumbers = 0;
    this.#askNumbers = 0;
    this.#recording = true;
    if (prng.next() < 0.2) {
      // A walk that drifts towards zero is pushed back up, so prices stay positive however long the run.
      const floor = this.#midTicks < this.#shape.depthPerSide * 8;
      this.#moveMid(floor || prng.next() < 0.5 ? 1 : -1);
    }
    const target = 2 * (1 + prng.int(Math.max(1, 2 * this.#shape.levelsPerMessage - 1)));
    while (this.#bidNumbers + this.#askNumbers < target) this.#change(prng.next() < 0.5 ? 'bid' : 'ask');
    this.#recording = false;
    const changes = (this.#bidNumbers + this.#askNumbers) / 2;
    const lastId = resetToId ?? prevId + changes;
    this.book.commit(lastId);
    const start = this.#toPage();
    return { symbol: this.book.symbol, prevId, firstId: lastId - changes + 1, lastId, pieces: this.pieces, levels: this.#page, start, bidLevels: this.#bidNumbers / 2, askLevels: this.#askNumbers / 2 };
  }

  /** Moves the message's levels to the current page (a fresh one when full); returns where they start. */
  #toPage(): number {
    const bidNumbers = this.#bidNumbers;
    const total = bidNumbers + this.#askNumbers;
    if (this.#pageUsed + total > this.#page.length) {
      // Messages still queued keep their old page alive; nothing is overwritten.
      this.#page = new Float64Array(Math.max(PAGE_NUMBERS, total));
      this.#pageUsed = 0;
    }
    const page = this.#page;
    const start = this.#pageUsed;
    for (let i = 0; i < bidNumbers; i++) page[start + i] = this.#bids[i] as number;
    for (let i = bidNumbers; i < total; i++) page[start + i] = this.#asks[i - bidNumbers] as number;
    this.#pageUsed = start + total;
    return start;
  }

  #seedBook(startId: number): void {
    const depth = this.#shape.depthPerSide;
    for (const side of ['bid', 'ask'] as const) {
      const levels = side === 'bid' ? this.book.bids : this.book.asks;
      for (let distance = 0; levels.length < depth && distance < depth * 4; distance++) {
        if (this.#prng.next() < 0.8) this.#set(side, this.#priceAt(side, distance), this.#randomSize());
      }
    }
    this.book.commit(startId);
  }

  #change(side: Side): void {
    const prng = this.#prng;
    const levels = side === 'bid' ? this.book.bids : this.book.asks;
    if (levels.length > this.#shape.depthPerSide) {
      this.#set(side, levels.priceAt(levels.length - 1), ZERO_SIZE);
      return;
    }
    // Geometric distance from the touch: most activity is within a few ticks of the best price.
    const distance = Math.min(this.#shape.depthPerSide - 1, Math.floor(-Math.log(1 - prng.next()) * 4));
    const price = this.#priceAt(side, distance);
    const exists = levels.sizeAt(price) !== undefined;
    const remove = exists && levels.length > 2 && prng.next() < 0.35;
    this.#set(side, price, remove ? ZERO_SIZE : this.#randomSize());
  }

  #moveMid(step: 1 | -1): void {
    this.#midTicks += step;
    // Keep bids below and asks above the mid so the true book is never crossed.
    const side: Side = step > 0 ? 'ask' : 'bid';
    const levels = side === 'ask' ? this.book.asks : this.book.bids;
    while (levels.length > 0) {
      const best = levels.priceAt(0);
      if (side === 'ask' ? best > this.#midTicks : best < this.#midTicks) break;
      this.#set(side, best, ZERO_SIZE);
    }
  }

  #priceAt(side: Side, distance: number): number {
    return side === 'bid' ? this.#midTicks - 1 - distance : this.#midTicks + 1 + distance;
  }

  /** A palette index. */
  #randomSize(): number {
    return this.#prng.int(SIZE_PALETTE);
  }

  /** Sets level `ticks` to palette size `sizeIndex`, or deletes it when `sizeIndex` is ZERO_SIZE. */
  #set(side: Side, ticks: number, sizeIndex: number): void {
    const pieces = this.pieces;
    const priceText = pieces.priceText(ticks);
    const remove = sizeIndex === ZERO_SIZE;
    const tag = this.#tags && !remove ? pieces.tag(ticks, sizeIndex) : 0;
    this.book.apply(side, ticks, priceText, pieces.sizeText(sizeIndex), tag, remove);
    if (!this.#recording) return;
    if (side === 'bid') {
      this.#bids[this.#bidNumbers++] = ticks;
      this.#bids[this.#bidNumbers++] = sizeIndex;
    } else {
      this.#asks[this.#askNumbers++] = ticks;
      this.#asks[this.#askNumbers++] = sizeIndex;
    }
  }
}
