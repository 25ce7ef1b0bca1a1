/**
 * OKX's order-book checksum: the top 25 bid and ask levels interleaved (bid₁, ask₁, bid₂, ask₂, …, a side
 * that runs out simply stops contributing), each as `price:size` from the exchange's ORIGINAL strings, joined
 * with `:`, then CRC32 as a signed 32-bit integer. Rebuilding the strings from numbers would break on
 * trailing zeros, which is why the book keeps them.
 */
import type { OrderBook } from '../book/index.ts';
import { crc32Signed } from './crc32.ts';

/** How many levels per side OKX includes in its checksum. */
export const OKX_CHECKSUM_LEVELS = 25;

/** The exact string OKX feeds to CRC32 for this book. */
export function okxChecksumText(book: OrderBook): string {
  const parts: string[] = [];
  for (let i = 0; i < OKX_CHECKSUM_LEVELS; i++) {
    if (i < book.bids.count) parts.push(`${book.bids.priceText(i)}:${book.bids.sizeText(i)}`);
    if (i < book.asks.count) parts.push(`${book.asks.priceText(i)}:${book.asks.sizeText(i)}`);
  }
  return parts.join(':');
}

/** The signed CRC32 checksum OKX would send for this book. */
export function okxChecksum(book: OrderBook): number {
  return crc32Signed(okxChecksumText(book));
}
