/**
 * OKX v5 wire formats: `books` snapshots and updates (four-field levels, `checksum`, `prevSeqId`/`seqId`),
 * subscribe acks and error events, and the frames the stream faults send. Pure string building.
 */
import { CachedMessage, FixedMessage, type OutMessage } from './out-message.ts';
import { crc32Signed } from '../../src/protocol/crc32.ts';
import { okxTaggedChecksum } from './okx-level-tags.ts';
import type { BookDiff } from './market-generator.ts';
import { PieceCache } from './piece-cache.ts';
import { textPiece, type TextPiece } from './text-piece.ts';
import type { FrameWriter } from './frame-writer.ts';
import type { LevelFormat } from './level-pieces.ts';
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

/** How OKX writes a level: `["px","sz","0","orders"]`. */
export const OKX_LEVEL_FORMAT: LevelFormat = {
  price: (priceText) => `["${priceText}","`,
  size: (sizeText) => `${sizeText}","0","${sizeText === '0' ? '0' : okxOrders(sizeText)}"]`,
};

// Frame heads by channel and instrument, made once; a run of one book's updates reuses the last.
const heads = new PieceCache((key) => {
  const [channel, instId] = key.split('\n') as [string, string];
  return `${argPrefix(channel, instId)}"action":"update","data":[{"asks":`;
});
const BIDS = textPiece(',"bids":') as TextPiece;
const TS = textPiece(',"ts":"') as TextPiece;
const CHECKSUM = textPiece('","checksum":') as TextPiece;
const PREV_SEQ_ID = textPiece(',"prevSeqId":') as TextPiece;
const SEQ_ID = textPiece(',"seqId":') as TextPiece;

/** One books update, written straight into frames per channel name; its checksum describes the book right after it. */
export class OkxUpdateMessage implements OutMessage {
  readonly key: string;
  readonly #diff: BookDiff;
  readonly #checksum: number;
  readonly #timeMs: number;

  /** `book` must be tagged (MarketShape.checksumTags) when `checksumMode` is crc32. */
  constructor(diff: BookDiff, book: TrueBook, checksumMode: 'crc32' | 'zero', timeMs: number) {
    this.key = `books:${diff.symbol}`;
    this.#diff = diff;
    this.#checksum = checksumMode === 'crc32' ? okxTaggedChecksum(book.bids, book.asks) : 0;
    this.#timeMs = timeMs;
  }

  writeFrame(channel: string, out: FrameWriter): void {
    const diff = this.#diff;
    out.startFrame();
    heads.write(out, headKey(channel, diff.symbol));
    diff.pieces.writeLevels(out, diff.levels, diff.start + 2 * diff.bidLevels, diff.askLevels);
    out.piece(BIDS);
    diff.pieces.writeLevels(out, diff.levels, diff.start, diff.bidLevels);
    out.piece(TS);
    out.int(this.#timeMs);
    out.piece(CHECKSUM);
    out.int(this.#checksum);
    out.piece(PREV_SEQ_ID);
    out.int(diff.prevId);
    out.piece(SEQ_ID);
    out.int(diff.lastId);
    out.ascii('}]}');
    out.endFrame();
  }
}

// The last (channel, instId) → key, so a run of one book's updates builds no key string.
let lastChannel = '';
let lastInstId = '';
let lastHeadKey = '';

function headKey(channel: string, instId: string): string {
  if (channel !== lastChannel || instId !== lastInstId) {
    lastChannel = channel;
    lastInstId = instId;
    lastHeadKey = `${channel}\n${instId}`;
  }
  return lastHeadKey;
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
