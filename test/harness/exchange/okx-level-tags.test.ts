/**
 * The tag-folded OKX checksum equals the string CRC-32 over the same top-25 levels, for books of every shape
 * (empty, one-sided, deeper than 25, long decimals whose tokens pass the one-table shift of 64 bytes).
 */
import { describe, expect, it } from 'vitest';
import { okxChecksum } from '../../../harness/exchange/okx-checksum.ts';
import { okxLevelTag, okxPartToken, okxTaggedChecksum } from '../../../harness/exchange/okx-level-tags.ts';
import { createPrng } from '../../../harness/exchange/prng.ts';
import { SortedSide } from '../../../harness/exchange/sorted-side.ts';

function tagged(side: SortedSide, price: number, priceText: string, sizeText: string): void {
  side.set(price, priceText, sizeText, okxLevelTag(okxPartToken(priceText), okxPartToken(sizeText)));
}

describe('okxTaggedChecksum', () => {
  it('is 0 for an empty book, like the CRC of an empty text', () => {
    expect(okxTaggedChecksum(new SortedSide(true), new SortedSide(false))).toBe(okxChecksum([], []));
    expect(okxChecksum([], [])).toBe(0);
  });

  it('matches okxChecksum on random books', () => {
    const prng = createPrng(42);
    for (let trial = 0; trial < 300; trial++) {
      const bids = new SortedSide(true);
      const asks = new SortedSide(false);
      const long = trial % 5 === 0;
      for (const [side, direction] of [[bids, -1], [asks, 1]] as const) {
        const count = prng.int(45);
        for (let i = 0; i < count; i++) {
          const ticks = 100_000 + direction * (1 + prng.int(300));
          const priceText = long ? `${ticks}.${'7'.repeat(40)}` : (ticks / 100).toString();
          const sizeText = long ? `${prng.int(1e9)}.${'3'.repeat(30)}` : (prng.next() * 1000).toFixed(prng.int(9));
          tagged(side, ticks, priceText, sizeText);
        }
      }
      expect(okxTaggedChecksum(bids, asks)).toBe(okxChecksum(bids.top(25), asks.top(25)));
    }
  });
});
