/**
 * The seam between a feed (synthetic or replayed) and the exchange that serves it: the feed produces
 * messages and keeps the true books; the exchange encodes, routes and injects faults.
 */
import type { BookDiff } from './market-generator.ts';
import type { OutMessage } from './out-message.ts';
import type { TrueBook } from './true-book.ts';
import type { LevelText } from './sorted-side.ts';
import type { FeedStep } from './feed-clock.ts';

/** A fault that acts on a symbol's message stream at its next message. */
export type StreamFault =
  | { kind: 'gap'; ids: number }
  | { kind: 'duplicate' | 'reorder' | 'malformed' | 'unknown-message' }
  | { kind: 'oversize'; bytes: number }
  /** OKX maintenance: the next message's seqId is `dropIds` below its prevSeqId. */
  | { kind: 'sequence-reset'; dropIds: number };

/** How an exchange turns generated diffs and fault frames into messages. */
export interface FeedEncoder {
  diff(diff: BookDiff, book: TrueBook): OutMessage;
  fault(symbol: string, fault: StreamFault): OutMessage;
}

/** A source of messages with the true book of every symbol it feeds. */
export interface MockFeed {
  readonly books: ReadonlyMap<string, TrueBook>;
  /** Symbols the feed serves. */
  readonly symbols: readonly string[];
  /** A replay's captured REST snapshot while it still fits the stream (Binance). */
  restSnapshot?(symbol: string): { lastUpdateId: number; bids: LevelText[]; asks: LevelText[] } | undefined;
  /** Messages due for this step, in send order. */
  produce(step: FeedStep): OutMessage[];
  /** Queues a stream fault for `symbol`'s next message. */
  inject(symbol: string, fault: StreamFault): void;
  /** Multiplies the rate of `symbol` (or all) by `factor` until `untilMs` (performance.now()). */
  burst(symbol: string | undefined, factor: number, untilMs: number): void;
}
