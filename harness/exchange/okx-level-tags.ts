/**
 * OKX's order-book checksum from level tags instead of strings. A synthetic OKX book tags every level with
 * the CRC-32 token of `:price:size` when the level is set (once per change); the checksum of a message is
 * then a fold of at most 50 tags (four table lookups each) rather than a CRC over ~600 freshly joined
 * characters. Equal, by construction and by test, to okxChecksum over the same levels.
 */
import { CRC32_INITIAL, crc32Concat, crc32Feed, crc32Finish, crc32Token, crc32Unfeed } from './crc32-fold.ts';
import type { SortedSide } from './sorted-side.ts';

const COLON = 58;
/** Every tag starts with ':'; the checksum text does not, so the fold starts one ':' before the CRC's initial register. */
const BEFORE_COLON = crc32Unfeed(CRC32_INITIAL, COLON);

/** The token of `:text` (a price or a size as sent), cached by callers per distinct string. */
export function okxPartToken(text: string): number {
  return crc32Token(`:${text}`);
}

/** The tag of a level: the token of `:price:size`, from the tokens of its parts. */
export function okxLevelTag(priceToken: number, sizeToken: number): number {
  return crc32Concat(priceToken, sizeToken);
}

/** The signed CRC-32 OKX sends, over the top 25 levels of each side interleaved, read from their tags. */
export function okxTaggedChecksum(bids: SortedSide, asks: SortedSide): number {
  const bidCount = Math.min(25, bids.length);
  const askCount = Math.min(25, asks.length);
  if (bidCount === 0 && askCount === 0) return 0;
  let state = BEFORE_COLON;
  for (let i = 0; i < 25; i++) {
    if (i < bidCount) state = crc32Feed(state, bids.tagAt(i) as number);
    if (i < askCount) state = crc32Feed(state, asks.tagAt(i) as number);
  }
  return crc32Finish(state);
}
