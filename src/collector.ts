/**
 * The collector: one feed per configured exchange, the metrics observer they all report to, the NDJSON
 * sink, and the /metrics, /health and /book server. Setup and teardown mirror each other — start() opens
 * the server, then the feeds, then the sink timer; stop() undoes them in reverse and is safe to call twice.
 */
import type { CollectorConfig } from './config/index.ts';
import { EXCHANGE_IDS } from './config/index.ts';
import { createFeed, type BookView, type ExchangeFeed, type FeedConfig, type FeedObserver, type FeedStats } from './feed/index.ts';
import { evaluateHealth, type HealthReport } from './health/index.ts';
import { CollectorServer } from './http/index.ts';
import { CollectorMetrics, MetricsObserver, type FeedTotals, type ObserverTotals } from './metrics/index.ts';
import { BookRecorder, RotatingFileWriter } from './sink/index.ts';

/** Builds one exchange feed (src/feed's createFeed in production; tests may pass their own). */
export type FeedFactory = (config: FeedConfig, observer: FeedObserver) => ExchangeFeed;

/** Options beyond the configuration. */
export interface CollectorOptions {
  /** Default: src/feed's createFeed (real sockets to the configured exchanges). */
  createFeed?: FeedFactory;
  /** Where the collector reports sink failures (default: one line on stderr). */
  log?: (line: string) => void;
  nowMs?: () => number;
}

/** A plain snapshot of the collector's counters (cumulative since start unless a name says otherwise). */
export interface CollectorStats extends ObserverTotals {
  uptimeMs: number;
  /** Books, levels and sockets held right now. */
  books: number;
  levels: number;
  sockets: number;
  /** Summed over the feeds' own counters (FeedStats). */
  updatesApplied: number;
  checksumsVerified: number;
  checksumFailures: number;
  sink: { enabled: boolean; linesWritten: number; filesOpened: number; linesDropped: number; queuedBytes: number; openFiles: number };
  feeds: FeedStats[];
}

/** Where the collector's server listens once started. */
export interface CollectorAddress {
  host: string;
  port: number;
  /** e.g. `http://127.0.0.1:9464`; /metrics, /health and /book live under it. */
  url: string;
}

/** A running collector. */
export interface Collector {
  start(): Promise<CollectorAddress>;
  stop(): Promise<void>;
  stats(): CollectorStats;
  books(): BookView[];
  health(): HealthReport;
  readonly metrics: CollectorMetrics;
}

/** Wires feeds, metrics, sink and server for one configuration; nothing opens until start(). */
export function createCollector(config: CollectorConfig, options: CollectorOptions = {}): Collector {
  const feedFactory = options.createFeed ?? createFeed;
  const nowMs = options.nowMs ?? Date.now;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const sinkTotals = { linesWritten: 0, filesOpened: 0, linesDropped: 0 };
  let feeds: ExchangeFeed[] = [];
  let startedAtMs = nowMs();
  let state: 'new' | 'started' | 'stopped' = 'new';
  let stopping: Promise<void> | undefined;

  const feedTotals = (): FeedTotals & { sockets: number } => {
    const totals = { books: 0, levels: 0, sockets: 0, updatesApplied: 0, checksumsVerified: 0, checksumFailures: 0 };
    for (const feed of feeds) {
      const stats = feed.stats();
      totals.books += stats.books;
      totals.levels += stats.levels;
      totals.sockets += stats.sockets;
      totals.updatesApplied += stats.updatesApplied;
      totals.checksumsVerified += stats.checksumsVerified;
      totals.checksumFailures += stats.checksumFailures;
    }
    return totals;
  };
  const metrics = new CollectorMetrics({ feedTotals });
  const observer = new MetricsObserver(metrics);
  const allBooks = (): BookView[] => feeds.flatMap((feed) => [...feed.books()]);

  const { outDir } = config.sink;
  const writer =
    outDir === undefined
      ? undefined
      : new RotatingFileWriter({
          outDir,
          maxOpenFiles: config.sink.maxOpenFiles,
          maxQueueBytes: config.sink.maxQueueBytes,
          nowMs,
          counters: {
            onLinesWritten: (lines) => {
              sinkTotals.linesWritten += lines;
              metrics.ticksWritten.inc(lines);
            },
            onFileOpened: () => {
              sinkTotals.filesOpened++;
              metrics.filesWritten.inc();
            },
            onDropped: (lines) => {
              sinkTotals.linesDropped += lines;
              metrics.sinkDropped.inc(lines);
            },
            onError: (error) => log(`collector: ${error.code}: ${error.message}`),
          },
        });
  const recorder = writer && new BookRecorder(writer, allBooks, { mode: config.sink.mode, intervalMs: config.sink.intervalMs, depth: config.sink.depth, nowMs });

  const findBook = (exchange: string, symbol: string): BookView | undefined => {
    const wanted = symbol.toUpperCase();
    for (const feed of feeds) {
      if (feed.exchange !== exchange) continue;
      for (const book of feed.books()) if (book.symbol === symbol || book.symbol.toUpperCase() === wanted) return book;
    }
    return undefined;
  };

  const health = (): HealthReport =>
    evaluateHealth({
      nowMs: nowMs(),
      startedAtMs,
      graceMs: config.health.graceMs,
      staleAfterMs: config.health.staleAfterMs,
      feeds: feeds.map((feed, index) => ({
        exchange: feed.exchange,
        connection: feed.stats().connection,
        lastMessageAtMs: observer.activity(feed.exchange)?.lastMessageAtMs,
        books: (config.feeds[index]?.symbols ?? []).map((symbol) => ({ symbol, state: feed.bookState(symbol) })),
      })),
    });

  const server = new CollectorServer({
    host: config.http.host,
    port: config.http.port,
    handlers: { metricsText: () => metrics.metricsText(), metricsContentType: metrics.contentType, health, book: findBook, exchanges: EXCHANGE_IDS },
  });

  const stop = async (): Promise<void> => {
    recorder?.stop();
    // Capture the books as they stand before their sockets go, so the sink ends on the final state.
    recorder?.recordNow();
    const closing = feeds.map((feed) => feed.close());
    await Promise.all(closing);
    await writer?.close();
    await server.close();
  };

  return {
    metrics,
    async start() {
      if (state !== 'new') throw new Error(`collector already ${state}`);
      state = 'started';
      // Listen first: a taken port fails the start before any exchange connection is opened.
      const address = await server.listen();
      startedAtMs = nowMs();
      feeds = config.feeds.map((feedConfig) => {
        observer.declareExchange(feedConfig.exchange);
        return feedFactory(feedConfig, observer);
      });
      for (const feed of feeds) feed.start();
      recorder?.start();
      return address;
    },
    stop() {
      state = 'stopped';
      stopping ??= stop();
      return stopping;
    },
    stats() {
      const totals = feedTotals();
      return {
        ...observer.totals(),
        uptimeMs: state === 'new' ? 0 : nowMs() - startedAtMs,
        ...totals,
        sink: { enabled: writer !== undefined, ...sinkTotals, queuedBytes: writer?.queuedBytes ?? 0, openFiles: writer?.openFiles ?? 0 },
        feeds: feeds.map((feed) => feed.stats()),
      };
    },
    books: allBooks,
    health,
  };
}
