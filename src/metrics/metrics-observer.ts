/**
 * The FeedObserver that turns feed events into Prometheus series and plain counters. It sits on the
 * ingest hot path (called synchronously for every frame), so every labelled child is cached and the
 * plain totals are fields, not maps; collector.stats() and /health read the totals, /metrics the series.
 */
import type { BookView, ConnectionState, ExchangeId, FeedObserver, FrameFailReason, ResyncReason } from '../feed/feed-types.ts';
import type { CollectorMetrics } from './collector-metrics.ts';
import type { Cell } from './fast-metrics.ts';
import { LabelCache, LabelCache2, LabelCache3 } from './label-cache.ts';

/** Caps on label values that come from configuration or the network (see label-cache.ts). */
const MAX_EXCHANGES = 16;
const MAX_SYMBOLS_PER_EXCHANGE = 512;
const MAX_MESSAGE_TYPES_PER_SYMBOL = 32;
const MAX_REASONS = 32;

/** Cumulative counters since the observer was created (a plain snapshot; copy, never live). */
export interface ObserverTotals {
  messages: number;
  processed: number;
  failed: number;
  gaps: number;
  resyncs: number;
  reconnects: number;
  /** Level changes (price/size pairs) in processed frames. */
  levelsApplied: number;
  levelsPruned: number;
}

/** What the observer last saw of one exchange (read by /health). */
export interface ExchangeActivity {
  connection: ConnectionState;
  /** Wall-clock ms of the last frame, or undefined before the first. */
  lastMessageAtMs: number | undefined;
  connectionDetail: string;
}

/** Feeds → metrics and totals. One per collector; pass it to every feed. */
export class MetricsObserver implements FeedObserver {
  readonly #received: LabelCache3<Cell>;
  readonly #processed: LabelCache2<Cell>;
  readonly #failed: LabelCache2<Cell>;
  readonly #gaps: LabelCache2<Cell>;
  readonly #resyncs: LabelCache2<Cell>;
  readonly #pruned: LabelCache2<Cell>;
  readonly #reconnects: LabelCache<Cell>;
  readonly #connection: LabelCache<Cell>;
  readonly #lastMessage: LabelCache<Cell>;
  readonly #metrics: CollectorMetrics;
  /** Per exchange, created on its first event; per frame the same exchange repeats, which LabelCache answers with one `===`. */
  readonly #activity = new LabelCache<ExchangeActivity>(() => ({ connection: 'closed', lastMessageAtMs: undefined, connectionDetail: 'not started' }), MAX_EXCHANGES);
  readonly #totals: ObserverTotals = {
    messages: 0,
    processed: 0,
    failed: 0,
    gaps: 0,
    resyncs: 0,
    reconnects: 0,
    levelsApplied: 0,
    levelsPruned: 0,
  };

  constructor(metrics: CollectorMetrics) {
    this.#metrics = metrics;
    const m = metrics;
    this.#received = new LabelCache3(
      (exchange, symbol, type) => m.messagesReceived.cell(exchange, symbol, type),
      MAX_EXCHANGES,
      MAX_SYMBOLS_PER_EXCHANGE,
      MAX_MESSAGE_TYPES_PER_SYMBOL,
    );
    this.#processed = new LabelCache2((exchange, symbol) => m.messagesProcessed.cell(exchange, symbol), MAX_EXCHANGES, MAX_SYMBOLS_PER_EXCHANGE);
    this.#failed = new LabelCache2((exchange, reason) => m.messagesFailed.cell(exchange, reason), MAX_EXCHANGES, MAX_REASONS);
    this.#gaps = new LabelCache2((exchange, symbol) => m.sequenceGaps.cell(exchange, symbol), MAX_EXCHANGES, MAX_SYMBOLS_PER_EXCHANGE);
    this.#resyncs = new LabelCache2((exchange, reason) => m.resyncs.cell(exchange, reason), MAX_EXCHANGES, MAX_REASONS);
    this.#pruned = new LabelCache2((exchange, symbol) => m.levelsPruned.cell(exchange, symbol), MAX_EXCHANGES, MAX_SYMBOLS_PER_EXCHANGE);
    this.#reconnects = new LabelCache((exchange) => m.reconnects.cell(exchange), MAX_EXCHANGES);
    this.#connection = new LabelCache((exchange) => m.connectionStatus.cell(exchange), MAX_EXCHANGES);
    this.#lastMessage = new LabelCache((exchange) => m.lastMessageTimestamp.cell(exchange), MAX_EXCHANGES);
  }

  /** Registers an exchange before its first event, so /metrics shows it (status 0) and /health knows it. */
  declareExchange(exchange: ExchangeId): void {
    this.#connection.get(exchange).value = 0;
    this.#activity.get(exchange);
  }

  onMessage(exchange: ExchangeId, symbol: string | undefined, messageType: string, receivedAtMs: number): void {
    this.#totals.messages++;
    this.#received.get(exchange, symbol ?? '', messageType).value++;
    this.#lastMessage.get(exchange).value = receivedAtMs / 1000;
    this.#activity.get(exchange).lastMessageAtMs = receivedAtMs;
  }

  onProcessed(book: BookView, levelsApplied: number, processingSeconds: number, _exchangeTimeMs: number | undefined): void {
    this.#totals.processed++;
    this.#totals.levelsApplied += levelsApplied;
    this.#processed.get(book.exchange, book.symbol).value++;
    this.#metrics.processingLatency.observe(processingSeconds);
  }

  onFailed(exchange: ExchangeId, reason: FrameFailReason, _messageType: string): void {
    this.#totals.failed++;
    this.#failed.get(exchange, reason).value++;
  }

  onGap(exchange: ExchangeId, symbol: string, _expected: number, _received: number): void {
    this.#totals.gaps++;
    this.#gaps.get(exchange, symbol).value++;
  }

  onResync(exchange: ExchangeId, _symbol: string, reason: ResyncReason): void {
    this.#totals.resyncs++;
    this.#resyncs.get(exchange, reason).value++;
  }

  onPruned(exchange: ExchangeId, symbol: string, levels: number): void {
    this.#totals.levelsPruned += levels;
    this.#pruned.get(exchange, symbol).value += levels;
  }

  onConnection(exchange: ExchangeId, state: ConnectionState, detail: string): void {
    this.#connection.get(exchange).value = state === 'open' ? 1 : 0;
    const activity = this.#activity.get(exchange);
    activity.connection = state;
    activity.connectionDetail = detail;
  }

  onReconnect(exchange: ExchangeId, _reason: string): void {
    this.#totals.reconnects++;
    this.#reconnects.get(exchange).value++;
  }

  /** A copy of the cumulative counters. */
  totals(): ObserverTotals {
    return { ...this.#totals };
  }

  /** A copy of what was last seen of `exchange`, or undefined when it never reported. */
  activity(exchange: ExchangeId): ExchangeActivity | undefined {
    const activity = this.#activity.peek(exchange);
    return activity === undefined ? undefined : { ...activity };
  }
}
