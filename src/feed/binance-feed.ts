/**
 * A Binance diff-depth feed (spot or USD-M futures, chosen by its BinanceSyncRules): one combined-stream
 * socket for all symbols, one BinanceBookSync per symbol, and a SnapshotFetcher for the REST snapshots.
 * A sequence gap resynchronises that symbol from a NEW snapshot over the same socket; only a lost socket
 * reconnects, and then every book resyncs.
 */
import { CollectorError } from '../errors.ts';
import { BinanceBookSync, binanceSnapshotUrl, binanceStreamUrl, type BinanceSyncRules, type SyncOutcome } from '../exchanges/index.ts';
import { parseBinanceFrame, parseBinanceFrameBytes, parseBinanceSnapshot, type BinanceDepthUpdate, type BinanceFrame, type FrameFailure } from '../protocol/index.ts';
import { FeedCounters } from './feed-counters.ts';
import { FeedSocket, type FeedSocketHandler } from './feed-socket.ts';
import type { BookState, BookView, ExchangeFeed, ExchangeId, FeedConfig, FeedObserver, FeedStats } from './feed-types.ts';
import { SnapshotFetcher } from './snapshot-fetcher.ts';

/** The ExchangeFeed for Binance spot and USD-M futures. */
export class BinanceFeed implements ExchangeFeed, FeedSocketHandler {
  readonly exchange: ExchangeId;
  #config: FeedConfig;
  #rules: BinanceSyncRules;
  #observer: FeedObserver;
  #syncs = new Map<string, BinanceBookSync>();
  /** When each symbol's pending snapshot was asked for (ms), for the snapshot timeout. */
  #snapshotAskedAtMs = new Map<string, number>();
  #socket: FeedSocket;
  #fetcher: SnapshotFetcher;
  #counters = new FeedCounters();
  #closed = false;
  #snapshotErrors = 0;
  #lastSnapshotError: CollectorError | undefined;

  constructor(config: FeedConfig, rules: BinanceSyncRules, observer: FeedObserver) {
    if (config.restUrl === undefined) throw new CollectorError('COLLECTOR_ERR_CONFIG', `feed ${config.exchange}: restUrl is required for depth snapshots`);
    this.exchange = rules.exchange;
    this.#config = config;
    this.#rules = rules;
    this.#observer = observer;
    for (const symbol of config.symbols) {
      const upper = symbol.toUpperCase();
      this.#syncs.set(upper, new BinanceBookSync(rules, upper, config.maxDepthPerSide, config.preSnapshotBufferLimit));
    }
    this.#socket = new FeedSocket(
      {
        exchange: this.exchange,
        url: binanceStreamUrl(config.wsUrl, [...this.#syncs.keys()]),
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        reconnectInitialMs: config.reconnectInitialMs,
        reconnectMaxMs: config.reconnectMaxMs,
        maxFrameBytes: config.maxFrameBytes,
        textKeepAlive: false,
      },
      observer,
      this,
    );
    this.#fetcher = new SnapshotFetcher(
      { timeoutMs: config.snapshotTimeoutMs, backoffInitialMs: config.reconnectInitialMs, backoffMaxMs: config.reconnectMaxMs },
      {
        onSnapshot: (symbol, body) => this.#onSnapshot(symbol, body),
        onError: (_symbol, error) => {
          this.#snapshotErrors++;
          this.#lastSnapshotError = error;
        },
      },
    );
  }

  start(): void {
    this.#socket.start();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#fetcher.close();
    this.#snapshotAskedAtMs.clear();
    await this.#socket.close();
  }

  books(): Iterable<BookView> {
    return [...this.#syncs.values()].map((sync) => sync.book);
  }

  bookState(symbol: string): BookState | undefined {
    return this.#syncs.get(symbol.toUpperCase())?.state;
  }

  stats(): FeedStats {
    return this.#counters.snapshot(this.exchange, this.books(), this.#socket.sockets, this.#socket.reconnects, this.#socket.isOpen ? 'open' : this.#socket.sockets > 0 ? 'connecting' : 'closed');
  }

  /** Failed REST snapshot attempts (HTTP errors, timeouts, network errors); each is retried after a backoff. */
  get snapshotErrors(): number {
    return this.#snapshotErrors;
  }

  /** The last snapshot failure, with its COLLECTOR_ERR_SNAPSHOT code and message. */
  get lastSnapshotError(): CollectorError | undefined {
    return this.#lastSnapshotError;
  }

  /** REST snapshot requests sent so far (tests and diagnostics). */
  get snapshotRequests(): number {
    return this.#fetcher.requests;
  }

  onOpen(): void {
    // The stream URL already names every symbol; each book starts (again) from a fresh snapshot.
    for (const sync of this.#syncs.values()) {
      if (sync.state === 'stale') this.#observer.onResync(this.exchange, sync.book.symbol, 'reconnect');
      sync.restart(sync.state === 'stale' ? 'resyncing' : 'syncing');
    }
  }

  onLost(): void {
    this.#fetcher.cancelAll();
    this.#snapshotAskedAtMs.clear();
    for (const sync of this.#syncs.values()) sync.markStale();
  }

  onTick(nowMs: number): void {
    for (const [symbol, askedAtMs] of this.#snapshotAskedAtMs) {
      if (nowMs - askedAtMs < this.#config.snapshotTimeoutMs) continue;
      this.#counters.resyncs++;
      this.#observer.onResync(this.exchange, symbol, 'snapshot-timeout');
      // No cancel: a request still queued, in flight or waiting out a backoff keeps its place and its schedule
      // (cancelling would skip the backoff); request() only re-queues a symbol the fetcher no longer holds.
      this.#requestSnapshot(symbol, nowMs);
    }
  }

  onFrame(text: string, receivedAtMs: number): void {
    const startedAt = performance.now();
    this.#onParsed(parseBinanceFrame(text), receivedAtMs, startedAt);
  }

  /** The socket's path: the frame's bytes go to the scanner undecoded (see binance-depth-scanner.ts). */
  onFrameBytes(bytes: Buffer, receivedAtMs: number): void {
    const startedAt = performance.now();
    this.#onParsed(parseBinanceFrameBytes(bytes), receivedAtMs, startedAt);
  }

  #onParsed(frame: BinanceFrame | FrameFailure, receivedAtMs: number, startedAt: number): void {
    this.#counters.messages++;
    if (frame.kind === 'failed') {
      this.#observer.onMessage(this.exchange, undefined, frame.messageType, receivedAtMs);
      this.#fail(frame.reason, frame.messageType);
      return;
    }
    if (frame.kind !== 'depth') {
      this.#observer.onMessage(this.exchange, undefined, frame.kind === 'ack' ? 'result' : 'error', receivedAtMs);
      return;
    }
    const sync = this.#syncs.get(frame.symbol);
    // The book's own symbol string: the same object every frame, so the observer's label caches hit on `===`.
    this.#observer.onMessage(this.exchange, sync === undefined ? undefined : sync.book.symbol, 'depthUpdate', receivedAtMs);
    if (sync === undefined) {
      this.#fail('unknown', 'depthUpdate');
      return;
    }
    const prunedBefore = sync.book.prunedTotal;
    const outcome = sync.onDepth(frame);
    this.#after(sync, outcome, prunedBefore, startedAt, frame);
  }

  #onSnapshot(symbol: string, body: unknown): boolean {
    const sync = this.#syncs.get(symbol);
    this.#snapshotAskedAtMs.delete(symbol);
    if (sync === undefined || this.#closed) return true;
    const snapshot = parseBinanceSnapshot(body);
    if ('kind' in snapshot) {
      this.#fail(snapshot.reason, 'depth');
      this.#requestSnapshot(symbol, Date.now());
      return false;
    }
    const startedAt = performance.now();
    const prunedBefore = sync.book.prunedTotal;
    const outcome = sync.onSnapshot(snapshot);
    this.#after(sync, outcome, prunedBefore, startedAt, undefined);
    // Anything but a clean sync makes the fetcher back off before the next snapshot: never a tight refetch loop.
    return outcome === 'applied' || outcome === 'ignored';
  }

  /** Reports one sync step to the observer and asks for a snapshot when the sync wants one. */
  #after(sync: BinanceBookSync, outcome: SyncOutcome, prunedBefore: number, startedAt: number, frame: BinanceDepthUpdate | undefined): void {
    const symbol = sync.book.symbol;
    const applied = sync.appliedInLastCall;
    if (applied > 0) {
      this.#counters.updatesApplied += applied;
      const levels = frame === undefined ? sync.book.bidCount + sync.book.askCount : frame.bids.length + frame.asks.length;
      this.#observer.onProcessed(sync.book, levels, (performance.now() - startedAt) / 1000, frame?.eventTimeMs);
    }
    const pruned = sync.book.prunedTotal - prunedBefore;
    if (pruned > 0) this.#observer.onPruned(this.exchange, symbol, pruned);
    if (outcome === 'stale') this.#fail('stale', 'depthUpdate');
    else if (outcome === 'gap' || outcome === 'stale-snapshot') {
      const [expected, received] = sync.lastGap;
      if (outcome === 'gap') {
        this.#counters.gaps++;
        this.#observer.onGap(this.exchange, symbol, expected, received);
      } else {
        this.#fail('stale', 'depth');
      }
      this.#counters.resyncs++;
      this.#observer.onResync(this.exchange, symbol, 'gap');
    } else if (outcome === 'invalid') {
      this.#fail('malformed', frame === undefined ? 'depth' : 'depthUpdate');
      this.#counters.resyncs++;
      this.#observer.onResync(this.exchange, symbol, 'gap');
    } else if (outcome === 'crossed') {
      this.#counters.resyncs++;
      this.#observer.onResync(this.exchange, symbol, 'crossed');
    }
    if (sync.takeSnapshotRequest()) this.#requestSnapshot(symbol, Date.now());
  }

  #requestSnapshot(symbol: string, nowMs: number): void {
    if (this.#closed || this.#config.restUrl === undefined) return;
    this.#snapshotAskedAtMs.set(symbol, nowMs);
    this.#fetcher.request(symbol, binanceSnapshotUrl(this.#config.restUrl, this.#rules, symbol, this.#config.maxDepthPerSide));
  }

  #fail(reason: Parameters<FeedObserver['onFailed']>[1], messageType: string): void {
    this.#counters.failed++;
    this.#observer.onFailed(this.exchange, reason, messageType);
  }
}
