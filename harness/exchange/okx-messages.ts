/**
 * OKX v5 wire formats: `books` snapshots and updates (four-field levels, `checksum`, `prevSeqId`/`seqId`),
 * subscribe acks and error events, and the frames the stream faults send. Pure string building.
 */
import { CachedMessage, FixedMessage, type OutMessage } from './out-message.ts';
import { crc32Signed } from '../../src/protocol/crc32.ts';
import type { BookDiff } from './market-generator.ts';
import type { LevelText, SortedSide } from './sorted-side.ts';
import type { StreamFault } from './mock-feed.ts';
import type { TrueBook } from './true-book.ts';

/** Order-book channels served from the true book (all get full diffs; the depth differs only in snapshots). */
export const OKX_BOOK_CHANNELS: ReadonlyMap<string, number> = new Map([
  ['books', 400],
  ['books-l2-tbt', 400],
  ['books50-l2-tbt', 50],
]);

/** Channels acknowledged but fed only by a replay that carries them. */
export const OKX_OTHER_CHANNELS: ReadonlySet<string> = new Set(['tickers', 'trades', 'bbo-tbt', 'books5']);

/** Subscription key of a channel and instrument; every book channel shares the `books:` key. */
export function okxKey(channel: string, instId: string): string {
  return OKX_BOOK_CHANNELS.has(channel) ? `books:${instId}` : `${channel}:${instId}`;
}

/** Order count field of a level, derived from its size so snapshots and updates always agree. */
export function okxOrders(sizeText: string): string {
  return String(1 + (sizeText.length % 5));
}

/** `[["px","sz","0","n"],…]` */
export function okxLevelsJson(levels: readonly LevelText[]): string {
  let text = '[';
  for (let i = 0; i < levels.length; i++) {
    const [price, size] = levels[i] as LevelText;
    text += `${i === 0 ? '' : ','}["${price}","${size}","0","${size === '0' ? '0' : okxOrders(size)}"]`;
  }
  return `${text}]`;
}

/** The checksum of a book as OKX computes it (top 25 per side, interleaved), straight from the sorted sides. */
export function okxBookChecksum(bids: SortedSide, asks: SortedSide): number {
  let text = '';
  for (let i = 0; i < 25; i++) {
    const bidPrice = bids.priceTextAt(i);
    const askPrice = asks.priceTextAt(i);
    if (bidPrice === undefined && askPrice === undefined) break;
    if (bidPrice !== undefined) text += `${text === '' ? '' : ':'}${bidPrice}:${bids.sizeTextAt(i) as string}`;
    if (askPrice !== undefined) text += `${text === '' ? '' : ':'}${askPrice}:${asks.sizeTextAt(i) as string}`;
  }
  return crc32Signed(text);
}

/** The `{"arg":…}` prefix of a data message. */
function argPrefix(channel: string, instId: string): string {
  return `{"arg":{"channel":"${channel}","instId":"${instId}"},`;
}

/** One books update rendered per channel name. */
export class OkxUpdateMessage extends CachedMessage {
  readonly #instId: string;
  readonly #body: string;

  constructor(diff: BookDiff, book: TrueBook, checksumMode: 'crc32' | 'zero', timeMs: number) {
    super(`books:${diff.symbol}`);
    this.#instId = diff.symbol;
    const checksum = checksumMode === 'crc32' ? okxBookChecksum(book.bids, book.asks) : 0;
    this.#body = `"action":"update","data":[{"asks":${okxLevelsJson(diff.asks)},"bids":${okxLevelsJson(diff.bids)},"ts":"${timeMs}","checksum":${checksum},"prevSeqId":${diff.prevId},"seqId":${diff.lastId}}]}`;
  }

  protected build(channel: string): string {
    return argPrefix(channel, this.#instId) + this.#body;
  }
}

/** A snapshot of the true book for a client that just subscribed. */
export function okxSnapshotText(channel: string, book: TrueBook, checksumMode: 'crc32' | 'zero', timeMs: number, withSeqIds: boolean): string {
  const depth = OKX_BOOK_CHANNELS.get(channel) ?? 400;
  const checksum = checksumMode === 'crc32' ? okxBookChecksum(book.bids, book.asks) : 0;
  const seq = withSeqIds ? `,"prevSeqId":-1,"seqId":${book.updateId}` : '';
  return `${argPrefix(channel, book.symbol)}"action":"snapshot","data":[{"asks":${okxLevelsJson(book.asks.top(depth))},"bids":${okxLevelsJson(book.bids.top(depth))},"ts":"${timeMs}","checksum":${checksum}${seq}}]}`;
}

/** A fault frame on a book stream (malformed, oversize, unknown message type). */
export function okxFaultMessage(instId: string, fault: StreamFault, timeMs: number): OutMessage {
  const key = `books:${instId}`;
  if (fault.kind === 'malformed') return new FixedMessage(key, `{"arg":{"channel":"books","instId":"${instId}"},"action":"update","data":[{"asks":[["`);
  let body = `"action":"mock-unknown","data":[{"ts":"${timeMs}"}]}`;
  if (fault.kind === 'oversize') {
    const head = `"action":"mock-oversize","data":[{"ts":"${timeMs}","pad":"`;
    const overhead = argPrefix('books', instId).length + head.length + 4;
    body = `${head}${'x'.repeat(Math.max(0, fault.bytes - overhead))}"}]}`;
  }
  return new (class extends CachedMessage {
    protected build(channel: string): string {
      return argPrefix(channel, instId) + body;
    }
  })(key);
}

/** OKX's event frames: acks and errors. */
export function okxEvent(event: 'subscribe' | 'unsubscribe', arg: { channel: string; instId: string }, id?: string): string {
  return JSON.stringify(id === undefined ? { event, arg } : { id, event, arg });
}

/** An OKX error event. */
export function okxError(code: string, msg: string, id?: string): string {
  return JSON.stringify(id === undefined ? { event: 'error', code, msg } : { id, event: 'error', code, msg });
}
