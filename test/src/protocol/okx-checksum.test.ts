import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.ts';
import { crc32Signed, okxChecksum, okxChecksumText, parseOkxFrame } from '../../../src/protocol/index.ts';
import { receivedFrames } from './real-captures.ts';

describe('okxChecksum', () => {
  it('interleaves bid and ask price:size strings, a short side simply stops', () => {
    const book = new OrderBook('okx', 'X', 50);
    book.applySnapshot([['3366.1', '7.0'], ['3366', '6']], [['3366.8', '9']], 1);
    expect(okxChecksumText(book)).toBe('3366.1:7.0:3366.8:9:3366:6');
    expect(okxChecksum(book)).toBe(crc32Signed('3366.1:7.0:3366.8:9:3366:6'));
  });

  it('matches every one of the 290 real OKX book messages in fixtures/real/OKX.ws.1.0', () => {
    const books = new Map<string, OrderBook>();
    let matched = 0;
    for (const text of receivedFrames('OKX.ws.1.0')) {
      const frame = parseOkxFrame(text);
      if (frame.kind !== 'books') continue;
      let book = books.get(frame.instId);
      if (frame.action === 'snapshot') {
        book = new OrderBook('okx', frame.instId, 1000);
        books.set(frame.instId, book);
        expect(book.applySnapshot(frame.bids, frame.asks, frame.tsMs)).toBeGreaterThan(0);
      } else {
        if (book === undefined) throw new Error(`update before snapshot for ${frame.instId}`);
        expect(book.applyLevels('bid', frame.bids)).toBeGreaterThanOrEqual(0);
        expect(book.applyLevels('ask', frame.asks)).toBeGreaterThanOrEqual(0);
      }
      expect(frame.checksum).not.toBe(0);
      expect(okxChecksum(book)).toBe(frame.checksum);
      matched++;
    }
    expect(matched).toBe(290);
    expect(books.size).toBe(3);
  });
});
