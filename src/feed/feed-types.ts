/**
 * The seam between the exchange feeds (socket → frames → books) and the rest of the collector
 * (metrics, sink, health). A feed owns its socket and its books; everything else only observes it
 * through a FeedObserver and reads it through stats()/status(). Keep this file types-only.
 */

/** Exchange protocols the collector speaks; one feed implementation each. */
export type ExchangeId = 'binance' | 'binance-futures' | 'okx';

/** Why a frame was counted as failed (the `reason` label of messages_failed_total). */
export type FrameFailReason = 'malformed' | 'unknown' | 'oversize' | 'wrong-type' | 'checksum' | 'stale';

/** Why a book was resynchronised. */
export type ResyncReason = 'gap' | 'checksum' | 'snapshot-timeout' | 'sequence-reset' | 'reconnect' | 'crossed';

/** A book as the rest of the collector may read it (the feed keeps the real OrderBook). */
export interface BookView {
  readonly exchange: ExchangeId;
  readonly symbol: string;
  /** Last applied exchange sequence id (Binance `u`, OKX `seqId`, or OKX `ts` before seqIds existed). */
  readonly lastUpdateId: number;
  readonly bidCount: number;
  readonly askCount: number;
  /** Best price or NaN when the side is empty. */
  bestBid(): number;
  bestAsk(): number;
  isCrossed(): boolean;
  /** Top `n` levels per side as the exchange sent them (decimal strings), best first. Allocates; not for the hot path. */
  topLevels(n: number): { bids: Array<[price: string, size: string]>; asks: Array<[price: string, size: string]> };
}

/** Sync state of one book. */
export type BookState = 'syncing' | 'live' | 'resyncing' | 'stale';

/** Connection state of one feed socket. */
export type ConnectionState = 'connecting' | 'open' | 'closed';

/** What the rest of the collector learns from a feed. Called synchronously; implementations must be cheap. */
export interface FeedObserver {
  /** A frame arrived; `messageType` is the exchange's own name (`depthUpdate`, `books`, `event`, `pong`, …). */
  onMessage(exchange: ExchangeId, symbol: string | undefined, messageType: string, receivedAtMs: number): void;
  /** A frame was applied to `book`; `exchangeTimeMs` is the exchange's event time when the frame carries one. */
  onProcessed(book: BookView, levelsApplied: number, processingSeconds: number, exchangeTimeMs: number | undefined): void;
  /** A frame could not be used; it was counted and dropped. */
  onFailed(exchange: ExchangeId, reason: FrameFailReason, messageType: string): void;
  /** A sequence gap was detected on a book (a resync follows). */
  onGap(exchange: ExchangeId, symbol: string, expected: number, received: number): void;
  /** A book starts resynchronising (new snapshot, no reconnect). */
  onResync(exchange: ExchangeId, symbol: string, reason: ResyncReason): void;
  /** Levels pruned beyond the depth cap. */
  onPruned(exchange: ExchangeId, symbol: string, levels: number): void;
  /**
   * A book checksum was compared (OKX CRC32 when non-zero). Optional; feeds call it with `?.`. The checksum
   * metrics mirror FeedStats at scrape time, so an observer needs this only for per-event reactions.
   */
  onChecksum?(exchange: ExchangeId, symbol: string, matched: boolean): void;
  /** The feed's socket changed state. */
  onConnection(exchange: ExchangeId, state: ConnectionState, detail: string): void;
  /** A new socket is being opened to replace a lost one. */
  onReconnect(exchange: ExchangeId, reason: string): void;
}

/** How one feed connects and guards itself. All durations in ms. */
export interface FeedConfig {
  readonly exchange: ExchangeId;
  /** Base ws URL (Binance: `ws://host:port`, the feed appends `/stream?streams=…`; OKX: the full `/ws/v5/public` URL). */
  readonly wsUrl: string;
  /** Base REST URL (Binance only), e.g. `http://127.0.0.1:1234`. */
  readonly restUrl?: string;
  readonly symbols: readonly string[];
  /** Levels kept per side; farther levels are pruned and counted. */
  readonly maxDepthPerSide: number;
  /** Liveness: a socket silent for two intervals is replaced. */
  readonly heartbeatIntervalMs: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly snapshotTimeoutMs: number;
  /** Diffs buffered per symbol while waiting for a snapshot; overflow restarts the sync. */
  readonly preSnapshotBufferLimit: number;
  /** Frames larger than this are counted as `oversize` and dropped. */
  readonly maxFrameBytes: number;
}

/** A plain snapshot of a feed's counters (read by collector.stats()). */
export interface FeedStats {
  readonly exchange: ExchangeId;
  readonly messages: number;
  readonly failed: number;
  readonly gaps: number;
  readonly resyncs: number;
  readonly reconnects: number;
  readonly books: number;
  readonly levels: number;
  /** Sockets this feed currently holds open (0 or 1 for a single-connection feed). */
  readonly sockets: number;
  readonly connection: ConnectionState;
  /** Diff/update frames applied to a book (integrity reporting). */
  readonly updatesApplied: number;
  /** Non-zero OKX checksums that matched the rebuilt book. */
  readonly checksumsVerified: number;
  /** Checksums that did not match (each triggers a resubscribe). */
  readonly checksumFailures: number;
}

/** One exchange connection with its books. start() once; close() releases every socket, timer and listener. */
export interface ExchangeFeed {
  readonly exchange: ExchangeId;
  start(): void;
  close(): Promise<void>;
  books(): Iterable<BookView>;
  bookState(symbol: string): BookState | undefined;
  stats(): FeedStats;
}
