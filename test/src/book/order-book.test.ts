import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.ts';

describe('OrderBook', () => {
  it('applies a snapshot and reads best prices and top levels best first', () => {
    const book = new OrderBook('binance', 'BTCUSDT', 10);
    book.applySnapshot(
      [['100.5', '1'], ['101', '2'], ['99', '3']],
      [['103', '4'], ['102.25', '5']],
      42,
    );
    expect(book.lastUpdateId).toBe(42);
    expect(book.bidCount).toBe(3);
    expect(book.askCount).toBe(2);
    expect(book.bestBid()).toBe(101);
    expect(book.bestAsk()).toBe(102.25);
    expect(book.topLevels(2)).toEqual({ bids: [['101', '2'], ['100.5', '1']], asks: [['102.25', '5'], ['103', '4']] });
    expect(book.depth('bid', 2)).toBe(3);
    expect(book.depth('ask', 10)).toBe(9);
    expect(book.isCrossed()).toBe(false);
  });

  it('updates, inserts and deletes (size 0), keeping the original strings of the latest change', () => {
    const book = new OrderBook('okx', 'BTC-USDT', 10);
    book.applySnapshot([['10', '1'], ['9', '1']], [['11', '1'], ['12', '1']], 1);
    expect(book.applyLevels('bid', [['10', '2.50'], ['9.5', '7'], ['9', '0'], ['8', '0']])).toBe(4);
    expect(book.topLevels(5).bids).toEqual([['10', '2.50'], ['9.5', '7']]);
    expect(book.applyLevels('ask', [['11', '0'], ['11.0', '0']])).toBe(2);
    expect(book.bestAsk()).toBe(12);
    expect(book.askCount).toBe(1);
  });

  it('rejects non-decimal prices and sizes', () => {
    const book = new OrderBook('okx', 'X', 10);
    expect(book.applyLevels('bid', [['abc', '1']])).toBe(-1);
    expect(book.applyLevels('bid', [['1', '-1']])).toBe(-1);
    expect(book.applyLevels('bid', [['', '1']])).toBe(-1);
    expect(book.setLevel('ask', '0', '1')).toBe(false);
    expect(book.bidCount + book.askCount).toBe(0);
  });

  it('caps each side, pruning and counting the farthest levels', () => {
    const book = new OrderBook('binance', 'X', 3);
    book.applySnapshot([['5', '1'], ['4', '1'], ['3', '1'], ['2', '1'], ['1', '1']], [], 1);
    expect(book.bidCount).toBe(3);
    expect(book.prunedTotal).toBe(2);
    expect(book.topLevels(5).bids.map((l) => l[0])).toEqual(['5', '4', '3']);
    book.applyLevels('bid', [['6', '1']]); // better than all: the worst (3) goes
    expect(book.topLevels(5).bids.map((l) => l[0])).toEqual(['6', '5', '4']);
    expect(book.prunedTotal).toBe(3);
    book.applyLevels('bid', [['0.5', '1']]); // worse than all on a full side: dropped
    expect(book.topLevels(5).bids.map((l) => l[0])).toEqual(['6', '5', '4']);
    expect(book.prunedTotal).toBe(4);
  });

  it('knows when pruning may have hidden levels from the top k (exactTop)', () => {
    const book = new OrderBook('okx', 'X', 3);
    book.applySnapshot([['10', '1'], ['9', '1'], ['8', '1']], [], 1);
    expect(book.bids.exactTop(3)).toBe(true);
    book.applyLevels('bid', [['7', '1']]); // pruned: worse than all held
    expect(book.bids.exactTop(3)).toBe(true); // 8 > 7: the top 3 are still exact
    book.applyLevels('bid', [['9', '0'], ['6.5', '1']]); // 7 would now be third, but it is gone
    expect(book.topLevels(3).bids.map((l) => l[0])).toEqual(['10', '8', '6.5']);
    expect(book.bids.exactTop(2)).toBe(true);
    expect(book.bids.exactTop(3)).toBe(false);
    book.applySnapshot([['10', '1']], [], 2); // a snapshot starts clean
    expect(book.bids.exactTop(3)).toBe(true);
  });

  it('detects a crossed book and reports NaN for an empty side', () => {
    const book = new OrderBook('binance', 'X', 5);
    expect(book.bestBid()).toBeNaN();
    expect(book.isCrossed()).toBe(false);
    book.applySnapshot([['10', '1']], [['10', '1']], 1);
    expect(book.isCrossed()).toBe(true);
    book.applyLevels('ask', [['10', '0'], ['10.5', '1']]);
    expect(book.isCrossed()).toBe(false);
  });

  it('copies top N into caller arrays without sorting', () => {
    const book = new OrderBook('binance', 'X', 5);
    book.applySnapshot([['1', '1'], ['3', '3'], ['2', '2']], [['7', '7'], ['5', '5']], 1);
    const prices = new Float64Array(10);
    const sizes = new Float64Array(10);
    expect(book.copyTop('bid', 10, prices, sizes)).toBe(3);
    expect([...prices.subarray(0, 3)]).toEqual([3, 2, 1]);
    expect(book.copyTop('ask', 1, prices, sizes)).toBe(1);
    expect(prices[0]).toBe(5);
    expect(sizes[0]).toBe(5);
  });

  it('matches a sorted-map model over 20,000 random changes (window shifts, recentring, pruning)', () => {
    let seed = 12345;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const cap = 50;
    const book = new OrderBook('binance', 'X', cap);
    const model = new Map<number, string>();
    for (let step = 0; step < 20_000; step++) {
      // Skew towards the top of the book (high prices), as real bid flow is.
      const price = Math.floor(1000 - Math.abs(random() - random()) * 200);
      const size = random() < 0.3 ? 0 : Math.floor(random() * 100) + 1;
      book.applyLevels('bid', [[String(price), String(size)]]);
      if (size === 0) model.delete(price);
      else {
        const isNew = !model.has(price);
        model.set(price, String(size));
        if (isNew && model.size > cap) {
          // The model prunes the worst level exactly as the book does.
          model.delete(Math.min(...model.keys()));
        }
      }
      if (step % 500 === 0 || step === 19_999) {
        const expected = [...model.entries()].sort((a, b) => b[0] - a[0]).map(([p, s]) => [String(p), s]);
        expect(book.topLevels(cap + 10).bids).toEqual(expected);
      }
    }
  });
  it('finds levels by their price digits without ever confusing colliding or re-formatted prices', () => {
    let seed = 987;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    // A cap of 20 gives 1,024 cells: prices 1,024 ticks apart share a cell, and "7", "7.0", "7.00" share a price.
    const cap = 20;
    const book = new OrderBook('okx', 'X', cap);
    let model = new Map<number, string>();
    const formats = (ticks: number): string[] => [String(ticks), `${ticks}.0`, `${ticks}.00`];
    for (let step = 0; step < 20_000; step++) {
      if (step % 5_000 === 4_999) {
        // A snapshot clears the book: no cell may still lead to a level of the old book.
        book.applySnapshot([['1', '1']], [], step);
        model = new Map([[1, '1']]);
        continue;
      }
      const ticks = 1 + Math.floor(random() * 8) * 1024 + Math.floor(random() * 3);
      const variants = formats(ticks);
      const priceText = variants[Math.floor(random() * variants.length)] as string;
      const sizeText = random() < 0.3 ? '0' : String(1 + Math.floor(random() * 50));
      expect(book.setLevel('bid', priceText, sizeText)).toBe(true);
      if (sizeText === '0') model.delete(ticks);
      else {
        const isNew = !model.has(ticks);
        model.set(ticks, sizeText);
        if (isNew && model.size > cap) model.delete(Math.min(...model.keys()));
      }
      if (step % 250 === 0 || step === 19_999) {
        const expected = [...model.entries()].sort((a, b) => b[0] - a[0]);
        const sides = book.bids;
        expect(Array.from({ length: sides.count }, (_, i) => [sides.price(i), sides.sizeText(i)])).toEqual(expected);
      }
    }
  });
});
