/**
 * A value read asynchronously from a slow source (/proc tables) and served from memory. A scrape must not
 * wait for file I/O: every await on the thread pool costs the scrape one event-loop turn, and under a full
 * ingest load each turn is a slice of frame processing, so a handful of reads used to add up to seconds.
 * The first read awaits the source (so the first scrape is exact); later reads return the last value at once
 * and, when it is older than the TTL, start one refresh in the background for the next scrape.
 */

/** Reads the source; undefined means "not available here" (e.g. no /proc). */
export type ReadingSource<T> = () => Promise<T | undefined>;

/** A TTL-cached asynchronous reading with at most one refresh in flight. */
export class CachedReading<T> {
  readonly #source: ReadingSource<T>;
  readonly #ttlMs: number;
  #value: T | undefined;
  #readAtMs = -Infinity;
  #hasValue = false;
  #inFlight: Promise<void> | undefined;
  #failures = 0;
  #lastError: unknown;

  constructor(source: ReadingSource<T>, ttlMs: number) {
    this.#source = source;
    this.#ttlMs = ttlMs;
  }

  /** Refreshes that threw (the previous value is kept and served). */
  get failures(): number {
    return this.#failures;
  }

  get lastError(): unknown {
    return this.#lastError;
  }

  /** Starts a reading now (at start-up, before any load) so that even the first scrape need not wait for one. */
  prime(nowMs = Date.now()): void {
    void this.#refresh(nowMs);
  }

  /** The current value: awaited only until the first reading exists, then served from memory. */
  async read(nowMs = Date.now()): Promise<T | undefined> {
    if (!this.#hasValue) {
      await (this.#inFlight ?? this.#refresh(nowMs));
      return this.#value;
    }
    if (nowMs - this.#readAtMs >= this.#ttlMs) void this.#refresh(nowMs);
    return this.#value;
  }

  #refresh(nowMs: number): Promise<void> {
    this.#inFlight ??= this.#source().then(
      (value) => {
        this.#value = value;
        this.#hasValue = true;
        this.#readAtMs = nowMs;
        this.#inFlight = undefined;
      },
      (error: unknown) => {
        // Served stale rather than failing the scrape; counted and kept for diagnosis, retried after the TTL.
        this.#failures++;
        this.#lastError = error;
        this.#readAtMs = nowMs;
        this.#inFlight = undefined;
      },
    );
    return this.#inFlight;
  }
}
