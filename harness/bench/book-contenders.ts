/**
 * The order books compared in the order-book benchmark, behind one shape: ours (src/book), ccxt's
 * OrderBook (imported by file path: ccxt's exports map hides it) and tardis-dev's OrderBook. Each replays
 * the same BookStream the way its own exchange adapters feed it — ours from the decimal strings, ccxt with
 * parseFloat + `store(price, size)` (its adapters use safeFloat, which is slower), tardis with one BookChange of
 * `{price: Number(..), amount: Number(..)}` levels per 4-change message (its mappers also add two Dates, which
 * we leave out). The `numbers` variants give the peers pre-parsed numbers and pre-built messages: their best case.
 * Loops live inside each contender so every hot call site sees one book type.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { OrderBook as TardisOrderBook } from 'tardis-dev';
import { OrderBook } from '../../src/book/index.ts';
import { BENCH_REPO_ROOT } from './bench-paths.ts';
import type { BookStream } from './book-stream.ts';

/** One order book under test. */
export interface BookContender {
  readonly name: string;
  /** Loads the stream's starting book into a fresh book (not timed). */
  load(stream: BookStream): void;
  /** Applies changes [from, to) of the stream. */
  apply(stream: BookStream, from: number, to: number): void;
  /** Best bid + best ask (a read the benchmark can keep alive). */
  bestBidPlusAsk(): number;
  /** Copies the 10 best levels of each side into caller-owned arrays; returns how many levels were copied. */
  top10(out: TopArrays): number;
  /** The n best levels of a side as [price, size], for the cross-check. */
  top(side: 'bid' | 'ask', n: number): Array<[number, number]>;
}

/** Caller-owned output of a top-10 read (allocated once, so the read itself is what is measured). */
export interface TopArrays {
  bidPrices: Float64Array;
  bidSizes: Float64Array;
  askPrices: Float64Array;
  askSizes: Float64Array;
}

/** Four arrays of 10 for TopArrays. */
export function topArrays(): TopArrays {
  return { bidPrices: new Float64Array(10), bidSizes: new Float64Array(10), askPrices: new Float64Array(10), askSizes: new Float64Array(10) };
}

/** Levels per tardis BookChange, as in a typical depth message. */
const CHANGES_PER_MESSAGE = 4;

/** soakbook's OrderBook, fed the exchange's decimal strings. */
export class OursContender implements BookContender {
  readonly name = 'soakbook OrderBook';
  #book = new OrderBook('binance', 'BENCH', 100_000);

  load(stream: BookStream): void {
    this.#book = new OrderBook('binance', 'BENCH', 100_000);
    for (const [p, s] of stream.initialBids) this.#book.setLevel('bid', stream.priceTexts[p] as string, stream.sizeTexts[s] as string);
    for (const [p, s] of stream.initialAsks) this.#book.setLevel('ask', stream.priceTexts[p] as string, stream.sizeTexts[s] as string);
  }

  apply(stream: BookStream, from: number, to: number): void {
    const book = this.#book;
    const { side, price, size, priceTexts, sizeTexts } = stream;
    for (let i = from; i < to; i++) {
      if (!book.setLevel(side[i] === 0 ? 'bid' : 'ask', priceTexts[price[i] as number] as string, sizeTexts[size[i] as number] as string)) {
        throw new Error(`soakbook book refused change ${i}`);
      }
    }
  }

  bestBidPlusAsk(): number {
    return this.#book.bestBid() + this.#book.bestAsk();
  }

  top10(out: TopArrays): number {
    const book = this.#book;
    return book.copyTop('bid', 10, out.bidPrices, out.bidSizes) + book.copyTop('ask', 10, out.askPrices, out.askSizes);
  }

  top(side: 'bid' | 'ask', n: number): Array<[number, number]> {
    const s = side === 'bid' ? this.#book.bids : this.#book.asks;
    const out: Array<[number, number]> = [];
    for (let i = 0; i < Math.min(n, s.count); i++) out.push([s.price(i), s.size(i)]);
    return out;
  }
}

/** The part of ccxt's OrderBookSide the benchmark uses. */
interface CcxtSide extends Array<[number, number]> {
  store(price: number, size: number): void;
}
interface CcxtBook {
  bids: CcxtSide;
  asks: CcxtSide;
}
type CcxtBookClass = new (snapshot?: object, depth?: number) => CcxtBook;

/** Loads ccxt's OrderBook class from its file (the package's exports map does not expose it). */
export async function loadCcxtOrderBook(): Promise<CcxtBookClass> {
  const file = join(BENCH_REPO_ROOT, 'node_modules', 'ccxt', 'js', 'src', 'base', 'ws', 'OrderBook.js');
  const mod = (await import(pathToFileURL(file).href)) as { OrderBook: CcxtBookClass };
  return mod.OrderBook;
}

/** ccxt's OrderBook; `numbers` = fed pre-parsed numbers instead of parsing the strings. */
export class CcxtContender implements BookContender {
  readonly name: string;
  #Book: CcxtBookClass;
  #book: CcxtBook;
  #numbers: boolean;

  constructor(Book: CcxtBookClass, numbers: boolean) {
    this.#Book = Book;
    this.#book = new Book({});
    this.#numbers = numbers;
    this.name = numbers ? 'ccxt OrderBook (pre-parsed numbers)' : 'ccxt OrderBook';
  }

  load(stream: BookStream): void {
    this.#book = new this.#Book({});
    for (const [p, s] of stream.initialBids) this.#book.bids.store(stream.priceValues[p] as number, stream.sizeValues[s] as number);
    for (const [p, s] of stream.initialAsks) this.#book.asks.store(stream.priceValues[p] as number, stream.sizeValues[s] as number);
  }

  apply(stream: BookStream, from: number, to: number): void {
    const { bids, asks } = this.#book;
    const { side, price, size } = stream;
    if (this.#numbers) {
      const { priceValues, sizeValues } = stream;
      for (let i = from; i < to; i++) (side[i] === 0 ? bids : asks).store(priceValues[price[i] as number] as number, sizeValues[size[i] as number] as number);
      return;
    }
    const { priceTexts, sizeTexts } = stream;
    for (let i = from; i < to; i++) {
      (side[i] === 0 ? bids : asks).store(parseFloat(priceTexts[price[i] as number] as string), parseFloat(sizeTexts[size[i] as number] as string));
    }
  }

  bestBidPlusAsk(): number {
    const { bids, asks } = this.#book;
    return (bids.length > 0 ? (bids[0] as [number, number])[0] : NaN) + (asks.length > 0 ? (asks[0] as [number, number])[0] : NaN);
  }

  top10(out: TopArrays): number {
    const { bids, asks } = this.#book;
    const n = Math.min(10, bids.length);
    for (let i = 0; i < n; i++) {
      const level = bids[i] as [number, number];
      out.bidPrices[i] = level[0];
      out.bidSizes[i] = level[1];
    }
    const m = Math.min(10, asks.length);
    for (let i = 0; i < m; i++) {
      const level = asks[i] as [number, number];
      out.askPrices[i] = level[0];
      out.askSizes[i] = level[1];
    }
    return n + m;
  }

  top(side: 'bid' | 'ask', n: number): Array<[number, number]> {
    const s = side === 'bid' ? this.#book.bids : this.#book.asks;
    return s.slice(0, n).map((level) => [level[0], level[1]]);
  }
}

type TardisChange = Parameters<TardisOrderBook['update']>[0];
type TardisLevel = { price: number; amount: number };

/** tardis-dev's OrderBook (a red-black tree per side); `numbers` = fed pre-built BookChange messages. */
export class TardisContender implements BookContender {
  readonly name: string;
  #book = new TardisOrderBook();
  #numbers: boolean;
  /** Pre-built messages (numbers variant): message k holds changes [4k, 4k + 4). */
  #messages: TardisChange[] = [];

  constructor(numbers: boolean) {
    this.#numbers = numbers;
    this.name = numbers ? 'tardis-dev OrderBook (pre-parsed messages)' : 'tardis-dev OrderBook';
  }

  load(stream: BookStream): void {
    this.#book = new TardisOrderBook();
    const level = ([p, s]: readonly [number, number]): TardisLevel => ({ price: stream.priceValues[p] as number, amount: stream.sizeValues[s] as number });
    this.#book.update(message(true, stream.initialBids.map(level), stream.initialAsks.map(level)));
    if (this.#numbers && this.#messages.length === 0) {
      for (let i = 0; i < stream.changes; i += CHANGES_PER_MESSAGE) this.#messages.push(buildMessage(stream, i, Math.min(stream.changes, i + CHANGES_PER_MESSAGE), true));
    }
  }

  apply(stream: BookStream, from: number, to: number): void {
    const book = this.#book;
    if (from % CHANGES_PER_MESSAGE !== 0 || (to % CHANGES_PER_MESSAGE !== 0 && to !== stream.changes)) {
      throw new RangeError(`tardis contender applies whole ${CHANGES_PER_MESSAGE}-change messages (got ${from}..${to})`);
    }
    if (this.#numbers) {
      const messages = this.#messages;
      for (let k = from / CHANGES_PER_MESSAGE; k < Math.ceil(to / CHANGES_PER_MESSAGE); k++) book.update(messages[k] as TardisChange);
      return;
    }
    for (let i = from; i < to; i += CHANGES_PER_MESSAGE) book.update(buildMessage(stream, i, Math.min(to, i + CHANGES_PER_MESSAGE), false));
  }

  bestBidPlusAsk(): number {
    return (this.#book.bestBid()?.price ?? NaN) + (this.#book.bestAsk()?.price ?? NaN);
  }

  top10(out: TopArrays): number {
    let n = 0;
    for (const level of this.#book.bids()) {
      if (n === 10) break;
      out.bidPrices[n] = level.price;
      out.bidSizes[n++] = level.amount;
    }
    let m = 0;
    for (const level of this.#book.asks()) {
      if (m === 10) break;
      out.askPrices[m] = level.price;
      out.askSizes[m++] = level.amount;
    }
    return n + m;
  }

  top(side: 'bid' | 'ask', n: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const level of side === 'bid' ? this.#book.bids() : this.#book.asks()) {
      if (out.length === n) break;
      out.push([level.price, level.amount]);
    }
    return out;
  }
}

function message(isSnapshot: boolean, bids: TardisLevel[], asks: TardisLevel[]): TardisChange {
  // update() reads only isSnapshot, bids and asks; the rest is there to satisfy the type.
  return { type: 'book_change', symbol: 'BENCH', exchange: 'binance', isSnapshot, bids, asks, timestamp: EPOCH, localTimestamp: EPOCH };
}

const EPOCH = new Date(0);

/** One tardis message from changes [from, to): as its Binance mapper builds it from the strings, or from numbers. */
function buildMessage(stream: BookStream, from: number, to: number, numbers: boolean): TardisChange {
  const bids: TardisLevel[] = [];
  const asks: TardisLevel[] = [];
  const { side, price, size } = stream;
  for (let i = from; i < to; i++) {
    const p = price[i] as number;
    const s = size[i] as number;
    const level = numbers
      ? { price: stream.priceValues[p] as number, amount: stream.sizeValues[s] as number }
      : { price: Number(stream.priceTexts[p]), amount: Number(stream.sizeTexts[s]) };
    (side[i] === 0 ? bids : asks).push(level);
  }
  return message(false, bids, asks);
}
