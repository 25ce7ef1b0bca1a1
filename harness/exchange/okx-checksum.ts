/**
 * OKX's order-book checksum: CRC-32 (signed) over the top 25 bids and asks interleaved as
 * `bidPx:bidSz:askPx:askSz:…`, continuing with whichever side is longer, using the price and size strings
 * exactly as sent. The mock computes it from its true book; tests use it to verify what a client rebuilt.
 */
import { crc32Signed } from '../../src/protocol/crc32.ts';

/** Levels as the exchange sends them: price and size strings, best first. */
export type LevelTexts = ReadonlyArray<readonly [price: string, size: string, ...rest: string[]]>;

/** The string OKX checksums, built from the top 25 levels of each side. */
export function okxChecksumText(bids: LevelTexts, asks: LevelTexts): string {
  const parts: string[] = [];
  const bidCount = Math.min(25, bids.length);
  const askCount = Math.min(25, asks.length);
  for (let i = 0; i < 25; i++) {
    const bid = i < bidCount ? bids[i] : undefined;
    const ask = i < askCount ? asks[i] : undefined;
    if (bid) parts.push(bid[0], bid[1]);
    if (ask) parts.push(ask[0], ask[1]);
    if (!bid && !ask) break;
  }
  return parts.join(':');
}

/** The signed CRC-32 checksum OKX puts in each `books` message. */
export function okxChecksum(bids: LevelTexts, asks: LevelTexts): number {
  return crc32Signed(okxChecksumText(bids, asks));
}
