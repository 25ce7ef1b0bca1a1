/**
 * The mutable counters behind FeedStats, shared by the feed implementations so that stats() is one plain
 * snapshot built the same way for every exchange.
 */
import type { BookView, ConnectionState, ExchangeId, FeedStats } from './feed-types.ts';

/** Cumulative counters of one feed. */
export class FeedCounters {
  messages = 0;
  failed = 0;
  gaps = 0;
  resyncs = 0;
  updatesApplied = 0;
  checksumsVerified = 0;
  checksumFailures = 0;

  /** A plain FeedStats snapshot; `books` and `levels` are counted from the books themselves. */
  snapshot(exchange: ExchangeId, books: Iterable<BookView>, sockets: number, reconnects: number, connection: ConnectionState): FeedStats {
    let bookCount = 0;
    let levels = 0;
    for (const book of books) {
      bookCount++;
      levels += book.bidCount + book.askCount;
    }
    return {
      exchange,
      messages: this.messages,
      failed: this.failed,
      gaps: this.gaps,
      resyncs: this.resyncs,
      reconnects,
      books: bookCount,
      levels,
      sockets,
      connection,
      updatesApplied: this.updatesApplied,
      checksumsVerified: this.checksumsVerified,
      checksumFailures: this.checksumFailures,
    };
  }
}
