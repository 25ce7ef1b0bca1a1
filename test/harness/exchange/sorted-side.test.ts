/**
 * SortedSide keeps its levels in the middle of its arrays and shifts whichever part is shorter; a long random
 * sequence of sets and removes (inserts at both ends, trims of the worst level, growth) must read exactly
 * like a plain sorted model after every step.
 */
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../harness/exchange/prng.ts';
import { SortedSide } from '../../../harness/exchange/sorted-side.ts';

describe('SortedSide', () => {
  it.each([true, false])('matches a sorted model (descending %s)', (descending) => {
    const prng = createPrng(descending ? 1 : 2);
    const side = new SortedSide(descending);
    const model = new Map<number, string>();
    const wrongReturns: number[] = [];
    for (let step = 0; step < 8_000; step++) {
      const roll = prng.next();
      // Mostly near a moving centre, sometimes far out, sometimes the current worst level.
      const centre = 10_000 + Math.floor(step / 20);
      let price = centre + prng.int(40) - 20;
      if (roll < 0.05) price = centre + prng.int(4000) - 2000;
      if (roll > 0.97 && side.length > 0) price = side.priceAt(side.length - 1);
      const previous = model.get(price) ?? '';
      if (prng.next() < 0.4) {
        if (side.remove(price) !== previous) wrongReturns.push(step);
        model.delete(price);
      } else {
        const size = `s${step}`;
        if (side.set(price, `p${price}`, size, step) !== previous) wrongReturns.push(step);
        model.set(price, size);
      }
      if (step % 251 === 0 || step === 7_999) {
        const prices = [...model.keys()].sort((a, b) => (descending ? b - a : a - b));
        expect(side.top(prices.length + 1)).toEqual(prices.map((p) => [`p${p}`, model.get(p)]));
        expect(prices.map((_, i) => side.priceAt(i))).toEqual(prices);
        expect(side.clone().top(5)).toEqual(side.top(5));
      }
    }
    expect(wrongReturns).toEqual([]);
    expect(side.priceAt(side.length)).toBeNaN();
    side.clear();
    expect(side.length).toBe(0);
  });
});
