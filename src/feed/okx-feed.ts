/**
 * An OKX v5 `books` feed: one public socket, a `subscribe` for every instId on open, one OkxBookSync per
 * instId, and the text `ping`/`pong` keep-alive. A gap, checksum mismatch or snapshot timeout resubscribes
 * just that instId (unsubscribe, then subscribe: OKX answers with a fresh snapshot); only a lost socket
 * reconnects.
 */
import { OkxBookSync, type OkxSyncOutcome } from '../exchanges/index.ts';
import { parseOkxFrame, type OkxBooksFrame } from '../protocol/index.ts';
import { FeedCounters } from './feed-counters.ts';
import { FeedSocket, type FeedSocketHandler } from './feed-socket.ts';
import type { BookState, BookView, ExchangeFeed, FeedConfig, FeedObserver, FeedStats, FrameFailReason, ResyncReason } from './feed-types.ts';

/** OKX channel the feed subscribes to (400 levels, 100 ms pushes, checksummed). */
export const OKX_BOOKS_CHANNEL = 'books';

/** The ExchangeFeed for OKX. */
export class OkxFeed implements ExchangeFeed, FeedSocketHandler {
  readonly exchange = 'okx' as const;
  #config: FeedConfig;
  #observer: FeedObserver;
  #syncs = new Map<string, OkxBookSync>();
  /** When each instId's snapshot was asked for (subscribe sent), for the snapshot timeout. */
  #subscribedAtMs = new Map<string, number>();
  #socket: FeedSocket;
  #counters = new FeedCounters();
  #closed = false;
  #subscribes = 0;

  constructor(config: FeedConfig, observer: FeedObserver) {
    this.#config = config;
    this.#observer = observer;
    for (const instId of config.symbols) this.#syncs.set(instId, new OkxBookSync(instId, config.maxDepthPerSide));
    this.#socket = new FeedSocket(
      {
        exchange: this.exchange,
        url: config.wsUrl,
        heartbeatIntervalMs: config.heartbeatIntervalMs,
        reconnectInitialMs: config.reconnectInitialMs,
        reconnectMaxMs: config.reconnectMaxMs,
        maxFrameBytes: config.maxFrameBytes,
        textKeepAlive: true,
      },
      observer,
      this,
    );
  }

  start(): void {
    this.#socket.start();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#subscribedAtMs.clear();
    await this.#socket.close();
  }

  books(): Iterable<BookView> {
    return [...this.#syncs.values()].map((sync) => sync.book);
  }

  bookState(symbol: string): BookState | undefined {
    return this.#syncs.get(symbol)?.state;
  }

  stats(): FeedStats {
    return this.#counters.snapshot(this.exchange, this.books(), this.#socket.sockets, this.#socket.reconnects, this.#socket.isOpen ? 'open' : this.#socket.sockets > 0 ? 'connecting' : 'closed');
  }

  /** Subscribe requests sent so far, per instId resubscribes included (tests and diagnostics). */
  get subscribes(): number {
    return this.#subscribes;
  }

  onOpen(): void {
    const nowMs = Date.now();
    for (const sync of this.#syncs.values()) {
      if (sync.state === 'stale') this.#observer.onResync(this.exchange, sync.book.symbol, 'reconnect');
      sync.restart(sync.state === 'stale' ? 'resyncing' : 'syncing');
      this.#subscribedAtMs.set(sync.book.symbol, nowMs);
    }
    this.#send('subscribe', [...this.#syncs.keys()]);
  }

  onLost(): void {
    this.#subscribedAtMs.clear();
    for (const sync of this.#syncs.values()) sync.restart('stale');
  }

  onTick(nowMs: number): void {
    for (const [instId, sinceMs] of this.#subscribedAtMs) {
      if (nowMs - sinceMs >= this.#config.snapshotTimeoutMs) this.#resubscribe(instId, 'snapshot-timeout', nowMs);
    }
  }

  onFrame(text: string, receivedAtMs: number): void {
    const startedAt = performance.now();
    this.#counters.messages++;
    const frame = parseOkxFrame(text);
    if (frame.kind === 'failed') {
      this.#observer.onMessage(this.exchange, undefined, frame.messageType, receivedAtMs);
      this.#fail(frame.reason, frame.messageType);
      return;
    }
    if (frame.kind === 'pong') {
      this.#observer.onMessage(this.exchange, undefined, 'pong', receivedAtMs);
      return;
    }
    if (frame.kind === 'event') {
      this.#observer.onMessage(this.exchange, frame.instId, frame.event === 'error' ? 'error' : 'event', receivedAtMs);
      return;
    }
    const sync = this.#syncs.get(frame.instId);
    this.#observer.onMessage(this.exchange, sync === undefined ? undefined : frame.instId, frame.channel, receivedAtMs);
    if (sync === undefined) {
      this.#fail('unknown', frame.channel);
      return;
    }
    const prunedBefore = sync.book.prunedTotal;
    const outcome = sync.onBooks(frame);
    this.#after(sync, outcome, frame, prunedBefore, startedAt);
  }

  #after(sync: OkxBookSync, outcome: OkxSyncOutcome, frame: OkxBooksFrame, prunedBefore: number, startedAt: number): void {
    const instId = frame.instId;
    const pruned = sync.book.prunedTotal - prunedBefore;
    if (pruned > 0) this.#observer.onPruned(this.exchange, instId, pruned);
    switch (outcome) {
      case 'applied':
        if (frame.action === 'snapshot') this.#subscribedAtMs.delete(instId);
        else this.#counters.updatesApplied++;
        if (sync.checksumVerified) {
          this.#counters.checksumsVerified++;
          this.#observer.onChecksum?.(this.exchange, instId, true);
        }
        this.#observer.onProcessed(sync.book, frame.bids.length + frame.asks.length, (performance.now() - startedAt) / 1000, frame.tsMs);
        return;
      case 'ignored':
        this.#fail('stale', frame.channel);
        return;
      case 'gap': {
        const [expected, received] = sync.lastGap;
        this.#counters.gaps++;
        this.#observer.onGap(this.exchange, instId, expected, received);
        this.#resubscribe(instId, 'gap', Date.now());
        return;
      }
      case 'checksum':
        this.#counters.checksumFailures++;
        this.#observer.onChecksum?.(this.exchange, instId, false);
        this.#fail('checksum', frame.channel);
        this.#resubscribe(instId, 'checksum', Date.now());
        return;
      case 'invalid':
        this.#fail('malformed', frame.channel);
        this.#resubscribe(instId, 'gap', Date.now());
        return;
      case 'crossed':
        this.#resubscribe(instId, 'crossed', Date.now());
        return;
    }
  }

  #resubscribe(instId: string, reason: ResyncReason, nowMs: number): void {
    const sync = this.#syncs.get(instId);
    if (sync === undefined || this.#closed) return;
    this.#counters.resyncs++;
    this.#observer.onResync(this.exchange, instId, reason);
    sync.restart('resyncing');
    this.#subscribedAtMs.set(instId, nowMs);
    this.#send('unsubscribe', [instId]);
    this.#send('subscribe', [instId]);
  }

  #send(op: 'subscribe' | 'unsubscribe', instIds: readonly string[]): void {
    if (instIds.length === 0) return;
    if (op === 'subscribe') this.#subscribes += instIds.length;
    this.#socket.send(JSON.stringify({ op, args: instIds.map((instId) => ({ channel: OKX_BOOKS_CHANNEL, instId })) }));
  }

  #fail(reason: FrameFailReason, messageType: string): void {
    this.#counters.failed++;
    this.#observer.onFailed(this.exchange, reason, messageType);
  }
}
