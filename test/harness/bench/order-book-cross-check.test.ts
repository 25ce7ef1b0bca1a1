import { describe, expect, it } from 'vitest';
import { createContenders, crossCheckTop10, generateBookStream, OursContender, topArrays, type BookContender, type BookStream, type TopArrays } from '../../../harness/bench/index.ts';

const stream = generateBookStream({ seed: 7, changes: 20_000, levelsPerSide: 200 });

/** A faulty book for the negative test: the real one, but it never deletes a level. */
class NeverDeletes implements BookContender {
  readonly name = 'never-deletes';
  #book = new OursContender();
  load(s: BookStream): void {
    this.#book.load(s);
  }
  apply(s: BookStream, from: number, to: number): void {
    for (let i = from; i < to; i++) if (s.size[i] !== 0) this.#book.apply(s, i, i + 1);
  }
  bestBidPlusAsk(): number {
    return this.#book.bestBidPlusAsk();
  }
  top10(out: TopArrays): number {
    return this.#book.top10(out);
  }
  top(side: 'bid' | 'ask', n: number): Array<[number, number]> {
    return this.#book.top(side, n);
  }
}

describe('book stream', () => {
  it('is deterministic for a seed and follows the issue mix (~65 % updates, ~17.5 % inserts and deletes)', () => {
    const again = generateBookStream({ seed: 7, changes: 20_000, levelsPerSide: 200 });
    expect(again.price).toEqual(stream.price);
    expect(again.size).toEqual(stream.size);
    const { updates, inserts, deletes } = stream.mix;
    expect(updates + inserts + deletes).toBe(20_000);
    expect(updates / 20_000).toBeGreaterThan(0.62);
    expect(updates / 20_000).toBeLessThan(0.68);
    expect(Math.abs(inserts - deletes) / 20_000).toBeLessThan(0.03);
    expect(stream.initialBids.length).toBe(200);
    expect(stream.initialAsks.length).toBe(200);
  });

  it('never crosses: every bid price is below every ask price', () => {
    const bestBid = stream.finalTop10.bids[0]?.[0] ?? NaN;
    const bestAsk = stream.finalTop10.asks[0]?.[0] ?? NaN;
    expect(bestBid).toBeLessThan(bestAsk);
    const bidPrices = stream.finalTop10.bids.map(([p]) => p);
    expect([...bidPrices].sort((a, b) => b - a)).toEqual(bidPrices);
  });
});

describe('top-10 cross-check of the three books', () => {
  it('soakbook, ccxt and tardis-dev (both ways of feeding the peers) all hold the true top 10 after the stream', async () => {
    const books = await createContenders(true);
    expect(books.map((b) => b.name)).toEqual([
      'soakbook OrderBook',
      'ccxt OrderBook',
      'tardis-dev OrderBook',
      'tardis-dev OrderBook (pre-parsed messages)',
      'ccxt OrderBook (pre-parsed numbers)',
    ]);
    expect(crossCheckTop10(books, stream)).toEqual([]);
    for (const book of books) expect(book.top('bid', 10)).toEqual(stream.finalTop10.bids);
  });

  it('catches a book that goes wrong', () => {
    const mismatches = crossCheckTop10([new NeverDeletes()], stream);
    expect(mismatches.length).toBeGreaterThan(0);
    expect(mismatches[0]?.book).toBe('never-deletes');
  });

  it('the read helpers agree across books on the final book', async () => {
    const books = await createContenders(true);
    const tops: number[][] = [];
    const sums = books.map((book) => {
      book.load(stream);
      book.apply(stream, 0, stream.changes);
      const out = topArrays();
      expect(book.top10(out)).toBe(20);
      tops.push([...out.bidPrices, ...out.bidSizes, ...out.askPrices, ...out.askSizes]);
      return book.bestBidPlusAsk();
    });
    expect(new Set(sums).size).toBe(1);
    for (const top of tops) expect(top).toEqual(tops[0]);
    expect(tops[0]?.slice(0, 10)).toEqual(stream.finalTop10.bids.map(([p]) => p));
    expect(sums[0]).toBeCloseTo((stream.finalTop10.bids[0]?.[0] ?? 0) + (stream.finalTop10.asks[0]?.[0] ?? 0), 9);
  });
});
