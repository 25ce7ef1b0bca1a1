/**
 * The collector's Prometheus registry: every metric name the harness and the alert rules rely on (see
 * ../shared/DESIGN.md, "Metric names"), prom-client's default process and Node metrics, and gauges that are
 * read from their sources at scrape time. Uses its own Registry, never prom-client's global one, so two
 * collectors in one process (tests) never share series.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
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
}

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
  readonly messagesReceived: Counter<'exchange' | 'symbol' | 'message_type'>;
  readonly messagesProcessed: Counter<'exchange' | 'symbol'>;
  readonly messagesFailed: Counter<'exchange' | 'reason'>;
  readonly sequenceGaps: Counter<'exchange' | 'symbol'>;
  readonly resyncs: Counter<'exchange' | 'reason'>;
  readonly reconnects: Counter<'exchange'>;
  readonly ticksWritten: Counter;
  readonly filesWritten: Counter;
  readonly sinkDropped: Counter;
  readonly processingLatency: Histogram;
  readonly connectionStatus: Gauge<'exchange'>;
  readonly lastMessageTimestamp: Gauge<'exchange'>;
  readonly levelsPruned: Counter<'exchange' | 'symbol'>;

  constructor(options: CollectorMetricsOptions = {}) {
    const registers = [this.registry];
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    const feedTotals = options.feedTotals ?? (() => NO_FEEDS);

    this.messagesReceived = new Counter({
      name: 'orderbook_collector_messages_received_total',
      help: 'Frames received from exchanges, by exchange, symbol (empty when the frame has none) and exchange message type.',
      labelNames: ['exchange', 'symbol', 'message_type'],
      registers,
    });
    this.messagesProcessed = new Counter({
      name: 'orderbook_collector_messages_processed_total',
      help: 'Frames applied to an order book.',
      labelNames: ['exchange', 'symbol'],
      registers,
    });
    this.messagesFailed = new Counter({
      name: 'orderbook_collector_messages_failed_total',
      help: 'Frames counted and dropped, by reason (malformed, unknown, oversize, wrong-type, checksum, stale).',
      labelNames: ['exchange', 'reason'],
      registers,
    });
    this.sequenceGaps = new Counter({
      name: 'orderbook_collector_sequence_gaps_total',
      help: 'Sequence gaps detected (each is followed by a resync).',
      labelNames: ['exchange', 'symbol'],
      registers,
    });
    this.resyncs = new Counter({
      name: 'orderbook_collector_resyncs_total',
      help: 'Book resynchronisations (new snapshot, no reconnect), by reason.',
      labelNames: ['exchange', 'reason'],
      registers,
    });
    this.reconnects = new Counter({ name: 'orderbook_collector_reconnects_total', help: 'Sockets opened to replace a lost one.', labelNames: ['exchange'], registers });
    this.ticksWritten = new Counter({ name: 'orderbook_collector_ticks_written_total', help: 'Lines written by the NDJSON sink.', registers });
    this.filesWritten = new Counter({ name: 'orderbook_collector_files_written_total', help: 'Hourly NDJSON files opened for writing by the sink.', registers });
    this.sinkDropped = new Counter({ name: 'orderbook_collector_sink_dropped_total', help: 'Sink lines dropped because the write queue was full or the file failed.', registers });
    this.processingLatency = new Histogram({
      name: 'orderbook_collector_message_processing_latency',
      help: 'Seconds spent applying one frame to its book.',
      buckets: LATENCY_BUCKETS_S,
      registers,
    });
    this.connectionStatus = new Gauge({ name: 'orderbook_collector_connection_status', help: 'Feed socket state: 1 open, 0 not.', labelNames: ['exchange'], registers });
    this.lastMessageTimestamp = new Gauge({
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
      new Counter({
        name,
        help,
        registers,
        collect() {
          this.reset();
          this.inc(feedTotals()[key]);
        },
      });
    }
    this.levelsPruned = new Counter({
      name: 'orderbook_collector_levels_pruned_total',
      help: 'Levels pruned beyond the per-side depth cap.',
      labelNames: ['exchange', 'symbol'],
      registers,
    });

    new Gauge({
      name: 'collector_tcp_connections',
      help: 'TCP connections (not listening sockets) this process holds, from /proc/self/fd and /proc/net/tcp{,6}.',
      registers,
      collect() {
        const count = countTcpConnections();
        if (count !== undefined) this.set(count);
      },
    });
    new Gauge({
      name: 'collector_file_descriptors',
      help: 'Open file descriptors of this process, from /proc/self/fd.',
      registers,
      collect() {
        const count = countFileDescriptors();
        if (count !== undefined) this.set(count);
      },
    });
    new Gauge({
      name: 'collector_orderbook_objects',
      help: 'Order books held.',
      registers,
      collect() {
        this.set(feedTotals().books);
      },
    });
    new Gauge({
      name: 'collector_orderbook_levels',
      help: 'Price levels held across all books.',
      registers,
      collect() {
        this.set(feedTotals().levels);
      },
    });
  }

  /** The Content-Type of metricsText(). */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** Prometheus text exposition of every metric (async: the /proc gauges are read here). */
  metricsText(): Promise<string> {
    return this.registry.metrics();
  }
}
