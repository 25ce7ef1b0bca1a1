/**
 * Appends NDJSON lines to one file per exchange/symbol/hour under an output directory. Two bounds keep it
 * from becoming the next leak: at most `maxOpenFiles` streams are open (the least recently written one is
 * closed first, and reopened in append mode if it is written again), and at most `maxQueueBytes` are queued
 * across all streams, open or closing — past that a line is dropped and counted instead of buffered.
 */
import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { CollectorError } from '../errors.ts';

/** Where the writer reports what it did (the collector forwards these to Prometheus counters). */
export interface SinkCounters {
  /** Lines that reached the file system. */
  onLinesWritten(lines: number): void;
  /** A file was opened for writing (a reopen after LRU eviction counts again). */
  onFileOpened(path: string): void;
  /** Lines dropped: queue full, file failing, or writer closed. */
  onDropped(lines: number): void;
  /** A file could not be opened or written; reported once per failure, then that book pauses for a minute. */
  onError(error: CollectorError): void;
}

/** Options of the writer. */
export interface RotatingFileWriterOptions {
  outDir: string;
  maxOpenFiles: number;
  maxQueueBytes: number;
  counters?: Partial<SinkCounters>;
  /** Clock for the hour of each line (tests move it to cross an hour). */
  nowMs?: () => number;
}

/** What happened to one line. */
export type WriteOutcome = 'queued' | 'dropped';

const HOUR_MS = 3_600_000;
/** A book whose file failed is not retried for this long, so a full disk cannot turn into an error storm. */
const RETRY_AFTER_FAILURE_MS = 60_000;

interface OpenFile {
  readonly path: string;
  readonly hour: number;
  readonly stream: WriteStream;
  pendingBytes: number;
  pendingLines: number;
  finished: boolean;
  readonly done: Promise<void>;
  /** Set while the stream waits (corked) for an earlier stream of the same path to close. */
  readonly ready: Promise<void> | undefined;
}

/** One NDJSON file per exchange/symbol/hour with bounded open files and a bounded write queue. */
export class RotatingFileWriter {
  readonly #outDir: string;
  readonly #maxOpenFiles: number;
  readonly #maxQueueBytes: number;
  readonly #counters: Partial<SinkCounters>;
  readonly #nowMs: () => number;
  /** Open files by book key, least recently written first (Map keeps insertion order). */
  readonly #open = new Map<string, OpenFile>();
  /** Files ended but not yet closed: their queued bytes still count against the bound. */
  readonly #closing = new Set<OpenFile>();
  /** Hour of the last line queued per book, to tell a new file from a continued one. */
  readonly #lastHour = new Map<string, number>();
  readonly #pausedUntilMs = new Map<string, number>();
  #queuedBytes = 0;
  #closed = false;

  constructor(options: RotatingFileWriterOptions) {
    this.#outDir = options.outDir;
    this.#maxOpenFiles = Math.max(1, options.maxOpenFiles);
    this.#maxQueueBytes = options.maxQueueBytes;
    this.#counters = options.counters ?? {};
    this.#nowMs = options.nowMs ?? Date.now;
  }

  /** True when the next line for this book starts a new hourly file (so it should be a full snapshot). */
  startsNewFile(exchange: string, symbol: string): boolean {
    return this.#lastHour.get(bookKey(exchange, symbol)) !== hourOf(this.#nowMs());
  }

  /** Queues one line (a newline is appended) for the book's current hourly file, or drops and counts it. */
  write(exchange: string, symbol: string, line: string): WriteOutcome {
    const key = bookKey(exchange, symbol);
    const nowMs = this.#nowMs();
    const data = `${line}\n`;
    const bytes = Buffer.byteLength(data);
    if (this.#closed || this.#queuedBytes + bytes > this.#maxQueueBytes || (this.#pausedUntilMs.get(key) ?? 0) > nowMs) {
      this.#counters.onDropped?.(1);
      return 'dropped';
    }
    const file = this.#fileFor(key, exchange, symbol, hourOf(nowMs));
    if (file === undefined) {
      this.#pausedUntilMs.set(key, nowMs + RETRY_AFTER_FAILURE_MS);
      this.#counters.onDropped?.(1);
      return 'dropped';
    }
    this.#lastHour.set(key, file.hour);
    file.pendingBytes += bytes;
    file.pendingLines++;
    this.#queuedBytes += bytes;
    file.stream.write(data, (error) => {
      if (file.finished) return;
      file.pendingBytes -= bytes;
      file.pendingLines--;
      this.#queuedBytes -= bytes;
      if (error) this.#counters.onDropped?.(1);
      else this.#counters.onLinesWritten?.(1);
    });
    return 'queued';
  }

  /** Bytes queued and not yet on disk, across open and closing files. */
  get queuedBytes(): number {
    return this.#queuedBytes;
  }

  /** Files currently open for writing. */
  get openFiles(): number {
    return this.#open.size;
  }

  /** Flushes every queued line and closes every file; later writes are dropped. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const file of this.#open.values()) this.#end(file);
    this.#open.clear();
    await Promise.all([...this.#closing].map((file) => file.done));
    this.#lastHour.clear();
    this.#pausedUntilMs.clear();
  }

  #fileFor(key: string, exchange: string, symbol: string, hour: number): OpenFile | undefined {
    const current = this.#open.get(key);
    if (current !== undefined) {
      this.#open.delete(key);
      if (current.hour === hour) {
        this.#open.set(key, current);
        return current;
      }
      this.#end(current);
    }
    while (this.#open.size >= this.#maxOpenFiles) {
      const [oldestKey, oldest] = this.#open.entries().next().value as [string, OpenFile];
      this.#open.delete(oldestKey);
      this.#end(oldest);
    }
    const file = this.#openFile(exchange, symbol, hour);
    if (file !== undefined) this.#open.set(key, file);
    return file;
  }

  #openFile(exchange: string, symbol: string, hour: number): OpenFile | undefined {
    const dir = join(this.#outDir, safeSegment(exchange), safeSegment(symbol));
    const path = join(dir, `${hourName(hour)}.ndjson`);
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      this.#counters.onError?.(new CollectorError('COLLECTOR_ERR_SINK', `sink: cannot create ${dir}: ${(error as Error).message}`, { cause: error }));
      return undefined;
    }
    const stream = createWriteStream(path, { flags: 'a' });
    // Reopening a file whose evicted stream is still flushing: hold the new lines (corked) until the latest
    // earlier stream of that path has closed, or the two streams' writes would land out of order. Held lines
    // still count against the queue bound.
    let previous: OpenFile | undefined;
    for (const closing of this.#closing) if (closing.path === path && !closing.finished) previous = closing;
    let ready: Promise<void> | undefined;
    if (previous !== undefined) {
      stream.cork();
      ready = previous.done.then(() => stream.uncork());
    }
    let settle: () => void = () => undefined;
    const done = new Promise<void>((resolve) => {
      settle = resolve;
    });
    const file: OpenFile = { path, hour, stream, pendingBytes: 0, pendingLines: 0, finished: false, done, ready };
    const onError = (error: Error): void => {
      this.#counters.onError?.(new CollectorError('COLLECTOR_ERR_SINK', `sink: cannot write ${path}: ${error.message}`, { cause: error }));
      for (const [key, open] of this.#open) {
        if (open === file) {
          this.#open.delete(key);
          this.#pausedUntilMs.set(key, this.#nowMs() + RETRY_AFTER_FAILURE_MS);
        }
      }
      this.#closing.add(file);
    };
    const onClose = (): void => {
      stream.off('error', onError);
      stream.off('close', onClose);
      this.#release(file);
      settle();
    };
    stream.on('error', onError);
    stream.on('close', onClose);
    this.#counters.onFileOpened?.(path);
    return file;
  }

  #end(file: OpenFile): void {
    this.#closing.add(file);
    // end() would flush a corked stream at once, overtaking the stream it waits for.
    if (file.ready !== undefined) void file.ready.then(() => file.stream.end());
    else file.stream.end();
  }

  /** The stream is gone: whatever it still had queued will never be written. */
  #release(file: OpenFile): void {
    if (file.finished) return;
    file.finished = true;
    this.#queuedBytes -= file.pendingBytes;
    if (file.pendingLines > 0) this.#counters.onDropped?.(file.pendingLines);
    file.pendingBytes = 0;
    file.pendingLines = 0;
    this.#closing.delete(file);
  }
}

function bookKey(exchange: string, symbol: string): string {
  return `${exchange}\u0000${symbol}`;
}

function hourOf(ms: number): number {
  return Math.floor(ms / HOUR_MS);
}

/** `2024-05-01T13` (UTC): sortable and free of characters that file systems dislike. */
function hourName(hour: number): string {
  return new Date(hour * HOUR_MS).toISOString().slice(0, 13);
}

/** Keeps a path segment inside its directory whatever a symbol contains. */
function safeSegment(text: string): string {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, '_');
  return safe === '' || safe === '.' || safe === '..' ? '_' : safe;
}
