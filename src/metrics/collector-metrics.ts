/**
 * The collector's Prometheus registry: every metric name the harness and the alert rules rely on (see
 * ../shared/DESIGN.md, "Metric names"), prom-client's default process and Node metrics, and gauges that are
 * read from their sources at scrape time (the /proc/net/tcp count from a background-refreshed cache, so a
 * scrape never waits on file I/O). The text is rendered on demand and reused for up to metricsMaxAgeMs:
 * ten scrapers hammering /metrics cost one rendering (~2 ms) per interval, not one per request. Uses its own Registry, never prom-client's global one, so two
 * collectors in one process (tests) never share series.
 */
import { collectDefaultMetrics, Registry } from 'prom-client';
import { CachedReading } from './cached-reading.ts';
import { FastCounter, FastGauge, FastHistogram } from './fast-metrics.ts';
import { countFileDescriptors, countTcpConnections } from './proc-resources.ts';

/** What the feeds report at scrape time: books and levels held now, and their cumulative integrity counts. */
export interface FeedTotals {
  books: number;
  levels: number;
  /** Diff/update frames applied to books (FeedStats.updatesApplied). */
  updatesApplied: number;
  checksumsVerified: number;
  checksumFailures: number;
}

/** Reads FeedTotals; called once per scrape per metric that needs it. */
export type FeedTotalsSource = () => FeedTotals;

const NO_FEEDS: FeedTotals = { books: 0, levels: 0, updatesApplied: 0, checksumsVerified: 0, checksumFailures: 0 };

/** Options of the registry. */
export interface CollectorMetricsOptions {
  /** Include prom-client's default process and Node metrics (default true). */
  defaultMetrics?: boolean;
  /** Read at every scrape for the book gauges and the feeds' integrity counters. */
  feedTotals?: FeedTotalsSource;
  /** Longest age (ms) of the TCP connection count served at a scrape; it is refreshed in the background. */
  tcpCountTtlMs?: number;
  /** Longest age (ms) of a rendered /metrics text served again (default METRICS_MAX_AGE_MS; 0: once per event-loop turn). */
  metricsMaxAgeMs?: number;
}

/** Default reuse window of a rendered /metrics text: far below any scrape interval, far above a render. */
export const METRICS_MAX_AGE_MS = 100;

/** Default age limit of the /proc/net/tcp-derived count: a scrape never waits on that file I/O after the first. */
export const TCP_COUNT_TTL_MS = 1_000;

/** Every name this registry exports, in one place (a test scrapes /metrics for each). */
export const COLLECTOR_METRIC_NAMES = [
  'orderbook_collector_messages_received_total',
  'orderbook_collector_messages_processed_total',
  'orderbook_collector_messages_failed_total',
  'orderbook_collector_sequence_gaps_total',
  'orderbook_collector_resyncs_total',
  'orderbook_collector_reconnects_total',
  'orderbook_collector_ticks_written_total',
  'orderbook_collector_files_written_total',
  'orderbook_collector_sink_dropped_total',
  'orderbook_collector_message_processing_latency',
  'orderbook_collector_connection_status',
  'orderbook_collector_last_message_timestamp',
  'orderbook_collector_updates_applied_total',
  'orderbook_collector_checksums_verified_total',
  'orderbook_collector_checksum_failures_total',
  'orderbook_collector_levels_pruned_total',
  'collector_tcp_connections',
  'collector_file_descriptors',
  'collector_orderbook_objects',
  'collector_orderbook_levels',
] as const;

/** Processing latency buckets (s): a diff applies in microseconds; the tail shows event-loop stalls. */
const LATENCY_BUCKETS_S = [0.000_01, 0.000_05, 0.000_1, 0.000_25, 0.000_5, 0.001, 0.002_5, 0.005, 0.01, 0.05, 0.1, 0.5];

/** The metric objects of one collector; the observer and the sink update them, /metrics serialises them. */
export class CollectorMetrics {
  readonly registry = new Registry();
  readonly messagesReceived: FastCounter;
  readonly messagesProcessed: FastCounter;
  readonly messagesFailed: FastCounter;
  readonly sequenceGaps: FastCounter;
  readonly resyncs: FastCounter;
  readonly reconnects: FastCounter;
  readonly ticksWritten: FastCounter;
  readonly filesWritten: FastCounter;
  readonly sinkDropped: FastCounter;
  readonly processingLatency: FastHistogram;
  readonly connectionStatus: FastGauge;
  readonly lastMessageTimestamp: FastGauge;
  readonly levelsPruned: FastCounter;
  /** The TCP connection count, read from /proc off the scrape path. */
  readonly tcpConnections: CachedReading<number>;
  /** The last rendering (or the one in flight), reused within its event-loop turn and for metricsMaxAgeMs. */
  #text: Promise<string> | undefined;
  #textAtMs = 0;
  #textTurnOpen = false;
  readonly #maxAgeMs: number;

  constructor(options: CollectorMetricsOptions = {}) {
    const registers = [this.registry];
    this.tcpConnections = new CachedReading(countTcpConnections, options.tcpCountTtlMs ?? TCP_COUNT_TTL_MS);
    this.tcpConnections.prime();
    this.#maxAgeMs = options.metricsMaxAgeMs ?? METRICS_MAX_AGE_MS;
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const feedTotals = options.feedTotals ?? (() => NO_FEEDS);
    const counter = (name: string, help: string, labelNames: readonly string[] = []): FastCounter => new FastCounter({ name, help, labelNames, registers });

    this.messagesReceived = counter(
      'orderbook_collector_messages_received_total',
      'Frames received from exchanges, by exchange, symbol (empty when the frame has none) and exchange message type.',
      ['exchange', 'symbol', 'message_type'],
    );
    this.messagesProcessed = counter('orderbook_collector_messages_processed_total', 'Frames applied to an order book.', ['exchange', 'symbol']);
    this.messagesFailed = counter(
      'orderbook_collector_messages_failed_total',
      'Frames counted and dropped, by reason (malformed, unknown, oversize, wrong-type, checksum, stale).',
      ['exchange', 'reason'],
    );
    this.sequenceGaps = counter('orderbook_collector_sequence_gaps_total', 'Sequence gaps detected (each is followed by a resync).', ['exchange', 'symbol']);
    this.resyncs = counter('orderbook_collector_resyncs_total', 'Book resynchronisations (new snapshot, no reconnect), by reason.', ['exchange', 'reason']);
    this.reconnects = counter('orderbook_collector_reconnects_total', 'Sockets opened to replace a lost one.', ['exchange']);
    this.ticksWritten = counter('orderbook_collector_ticks_written_total', 'Lines written by the NDJSON sink.');
    this.filesWritten = counter('orderbook_collector_files_written_total', 'Hourly NDJSON files opened for writing by the sink.');
    this.sinkDropped = counter('orderbook_collector_sink_dropped_total', 'Sink lines dropped because the write queue was full or the file failed.');
    this.levelsPruned = counter('orderbook_collector_levels_pruned_total', 'Levels pruned beyond the per-side depth cap.', ['exchange', 'symbol']);
    this.processingLatency = new FastHistogram({
      name: 'orderbook_collector_message_processing_latency',
      help: 'Seconds spent applying one frame to its book.',
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    this.connectionStatus = new FastGauge({ name: 'orderbook_collector_connection_status', help: 'Feed socket state: 1 open, 0 not.', labelNames: ['exchange'], registers });
    this.lastMessageTimestamp = new FastGauge({
      name: 'orderbook_collector_last_message_timestamp',
      help: 'Unix time (s) of the last frame received, by exchange.',
      labelNames: ['exchange'],
      registers,
    });

    // The feeds own these counts (FeedStats); mirroring them at scrape keeps one source of truth.
    const mirrored: Array<[string, string, keyof FeedTotals]> = [
      ['orderbook_collector_updates_applied_total', 'Diff/update frames applied to books.', 'updatesApplied'],
      ['orderbook_collector_checksums_verified_total', 'Non-zero book checksums (OKX CRC32) that matched.', 'checksumsVerified'],
      ['orderbook_collector_checksum_failures_total', 'Book checksums that did not match (each forces a resync).', 'checksumFailures'],
    ];
    for (const [name, help, key] of mirrored) {
      new FastCounter({
        name,
        help,
        registers,
        collect: (metric) => {
          metric.cell().value = feedTotals()[key];
        },
      });
    }
    new FastGauge({
      name: 'collector_tcp_connections',
      help: 'TCP connections (not listening sockets) this process holds, from /proc/self/fd and /proc/net/tcp{,6}.',
      registers,
      collect: async (metric) => {
        const count = await this.tcpConnections.read();
        if (count !== undefined) metric.set(count);
      },
    });
    const scraped: Array<[string, string, () => number | undefined]> = [
      ['collector_file_descriptors', 'Open file descriptors of this process, from /proc/self/fd.', countFileDescriptors],
      ['collector_orderbook_objects', 'Order books held.', () => feedTotals().books],
      ['collector_orderbook_levels', 'Price levels held across all books.', () => feedTotals().levels],
    ];
    for (const [name, help, read] of scraped) {
      new FastGauge({
        name,
        help,
        registers,
        collect: (metric) => {
          const value = read();
          if (value !== undefined) metric.set(value);
        },
      });
    }
  }

  /** The Content-Type of metricsText(). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /**
   * Prometheus text exposition of every metric: rendered afresh unless the last rendering is still in flight,
   * from this event-loop turn, or younger than metricsMaxAgeMs.
   */
  metricsText(): Promise<string> {
    const nowMs = performance.now();
    if (this.#text !== undefined && (this.#textTurnOpen || nowMs - this.#textAtMs < this.#maxAgeMs)) return this.#text;
    const text = this.registry.metrics();
    this.#text = text;
    this.#textAtMs = nowMs;
    this.#textTurnOpen = true;
    const endTurn = (): void => {
      if (this.#text === text) this.#textTurnOpen = false;
    };
    // Open until the rendering settled and the turn ended, whichever is later; a failed one is not reused.
    void text.then(
      () => setImmediate(endTurn),
      () => {
        if (this.#text === text) this.#text = undefined;
      },
    );
    return text;
  }
}
