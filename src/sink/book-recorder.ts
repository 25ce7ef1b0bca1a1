/**
 * Records the collector's books to NDJSON at a fixed interval. The line schema (one JSON object per line,
 * one file per exchange/symbol/UTC hour, `<outDir>/<exchange>/<symbol>/<YYYY-MM-DDTHH>.ndjson`):
 *
 *   {"type":"snapshot","ts":<ms since epoch>,"exchange":"binance","symbol":"BTCUSDT","lastUpdateId":<n>,
 *    "bids":[["<price>","<size>"],…],"asks":[…]}            top `depth` levels per side, best first
 *   {"type":"diff", …same keys…}                              only in `diff` mode: levels of the top `depth`
 *                                                             that changed since the previous line of this book
 *                                                             in this file; size "0" = left the top `depth`
 *
 * Every file starts with a snapshot of each book it holds, so an hourly file replays on its own; a book
 * whose line was dropped (queue full) gets a snapshot next, never a diff against a line that is not there.
 * A book whose lastUpdateId has not moved since its last line is skipped.
 */
import type { BookView } from '../feed/feed-types.ts';
import { diffTopLevels, type Level } from './diff-top-levels.ts';
import type { RotatingFileWriter } from './rotating-file-writer.ts';

/** `snapshot`: a full top-N line each interval; `diff`: a snapshot per file, then only changes. */
export type SinkMode = 'snapshot' | 'diff';

/** Options of the recorder. */
export interface BookRecorderOptions {
  mode: SinkMode;
  intervalMs: number;
  /** Levels per side in each line. */
  depth: number;
  nowMs?: () => number;
}

interface BookMemory {
  lastUpdateId: number;
  /** The top levels last written (diff mode only). */
  bids: Level[];
  asks: Level[];
  /** Round in which the book was last seen, to forget books the feeds no longer hold. */
  round: number;
}

/** Periodically writes each book's top levels through a RotatingFileWriter. */
export class BookRecorder {
  readonly #writer: RotatingFileWriter;
  readonly #books: () => Iterable<BookView>;
  readonly #options: BookRecorderOptions;
  readonly #nowMs: () => number;
  readonly #memory = new Map<string, BookMemory>();
  #timer: NodeJS.Timeout | undefined;
  #round = 0;

  constructor(writer: RotatingFileWriter, books: () => Iterable<BookView>, options: BookRecorderOptions) {
    this.#writer = writer;
    this.#books = books;
    this.#options = options;
    this.#nowMs = options.nowMs ?? Date.now;
  }

  /** Starts the interval (unref'd: the recorder alone never keeps the process alive). */
  start(): void {
    if (this.#timer !== undefined) return;
    this.#timer = setInterval(() => this.recordNow(), this.#options.intervalMs);
    this.#timer.unref();
  }

  /** Stops the interval; call recordNow() once more first to capture the final state. */
  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Writes one line for every book that moved (or starts a new file); returns the lines queued. */
  recordNow(): number {
    const round = ++this.#round;
    const ts = this.#nowMs();
    let queued = 0;
    for (const book of this.#books()) {
      const key = `${book.exchange}\u0000${book.symbol}`;
      const memory = this.#memory.get(key);
      const newFile = this.#writer.startsNewFile(book.exchange, book.symbol);
      if (memory !== undefined) memory.round = round;
      if (memory !== undefined && !newFile && memory.lastUpdateId === book.lastUpdateId) continue;
      if (book.bidCount === 0 && book.askCount === 0) continue;
      const top = book.topLevels(this.#options.depth);
      const asDiff = this.#options.mode === 'diff' && memory !== undefined && !newFile;
      const bids = asDiff ? diffTopLevels(memory.bids, top.bids) : top.bids;
      const asks = asDiff ? diffTopLevels(memory.asks, top.asks) : top.asks;
      const line = JSON.stringify({ type: asDiff ? 'diff' : 'snapshot', ts, exchange: book.exchange, symbol: book.symbol, lastUpdateId: book.lastUpdateId, bids, asks });
      if (this.#writer.write(book.exchange, book.symbol, line) === 'dropped') {
        // The reader never sees this line, so the next one must not be a diff against it.
        this.#memory.delete(key);
        continue;
      }
      queued++;
      const keep = this.#options.mode === 'diff';
      this.#memory.set(key, { lastUpdateId: book.lastUpdateId, bids: keep ? top.bids : [], asks: keep ? top.asks : [], round });
    }
    for (const [key, memory] of this.#memory) if (memory.round !== round) this.#memory.delete(key);
    return queued;
  }
}
