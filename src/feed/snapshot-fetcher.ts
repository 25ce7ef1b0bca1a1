/**
 * Fetches REST depth snapshots one at a time for a feed, so a reconnect that resyncs every symbol never
 * bursts requests at the exchange. 429/418/5xx answers and network errors back off exponentially and honour
 * `Retry-After` for the whole fetcher (the limit is per IP, not per symbol). Each request is bounded by a
 * timeout; close() aborts the one in flight and clears the retry timer.
 */
import { CollectorError } from '../errors.ts';
import { Backoff } from './backoff.ts';
import { parseRetryAfterMs } from './retry-after.ts';

/** What the fetcher reports back to its feed. */
export interface SnapshotFetcherHandler {
  /** A 200 answer with a JSON body; return false when the body was unusable (the fetcher then backs off and retries). */
  onSnapshot(symbol: string, body: unknown): boolean;
  /** A failed attempt (it will be retried after a backoff while the symbol is still requested). */
  onError(symbol: string, error: CollectorError): void;
}

/** Tuning for a SnapshotFetcher; all durations in ms. */
export interface SnapshotFetcherOptions {
  readonly timeoutMs: number;
  readonly backoffInitialMs: number;
  readonly backoffMaxMs: number;
}

/** A sequential, rate-limit-aware REST snapshot queue. */
export class SnapshotFetcher {
  #options: SnapshotFetcherOptions;
  #handler: SnapshotFetcherHandler | undefined;
  /** symbol → URL, in request order; a symbol is queued at most once. */
  #queue = new Map<string, string>();
  #inFlight: { symbol: string; controller: AbortController } | undefined;
  #retryTimer: NodeJS.Timeout | undefined;
  #backoff: Backoff;
  #closed = false;
  #requests = 0;

  constructor(options: SnapshotFetcherOptions, handler: SnapshotFetcherHandler) {
    this.#options = options;
    this.#handler = handler;
    this.#backoff = new Backoff(options.backoffInitialMs, options.backoffMaxMs);
  }

  /** HTTP requests sent so far. */
  get requests(): number {
    return this.#requests;
  }

  /** Symbols waiting or in flight. */
  get pending(): number {
    return this.#queue.size;
  }

  /** Asks for a snapshot of `symbol` from `url`; a symbol already queued or in flight is not asked twice. */
  request(symbol: string, url: string): void {
    if (this.#closed || this.#queue.has(symbol)) return;
    this.#queue.set(symbol, url);
    this.#pump();
  }

  /** Forgets `symbol` (aborting its request if it is in flight). */
  cancel(symbol: string): void {
    this.#queue.delete(symbol);
    if (this.#inFlight?.symbol === symbol) this.#inFlight.controller.abort(new Error('cancelled'));
  }

  /** Forgets every symbol. */
  cancelAll(): void {
    for (const symbol of [...this.#queue.keys()]) this.cancel(symbol);
  }

  /** Aborts everything and drops the handler; the fetcher cannot be reused. */
  close(): void {
    this.#closed = true;
    this.cancelAll();
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    this.#handler = undefined;
  }

  #pump(): void {
    if (this.#closed || this.#inFlight !== undefined || this.#retryTimer !== undefined) return;
    const next = this.#queue.entries().next();
    if (next.done === true) return;
    const [symbol, url] = next.value;
    const controller = new AbortController();
    this.#inFlight = { symbol, controller };
    void this.#fetchOne(symbol, url, controller).finally(() => {
      this.#inFlight = undefined;
      this.#pump();
    });
  }

  async #fetchOne(symbol: string, url: string, controller: AbortController): Promise<void> {
    this.#requests++;
    let waitMs: number | undefined;
    let timedOut = false;
    // Our own timer, not AbortSignal.timeout(): that one stays armed until it fires even after the request ended,
    // so every snapshot would leave a live timer behind for timeoutMs.
    const timeout = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`timed out after ${this.#options.timeoutMs} ms`));
    }, this.#options.timeoutMs);
    try {
      const response = await fetch(url, { signal: controller.signal });
      if (response.ok) {
        const body: unknown = await response.json();
        if (controller.signal.aborted || this.#closed) return;
        this.#queue.delete(symbol);
        if (this.#handler?.onSnapshot(symbol, body) === true) {
          this.#backoff.reset();
          return;
        }
        waitMs = this.#backoff.next();
        return;
      }
      // Drain the body so the connection can be reused; its text is only for the error message.
      const text = (await response.text()).slice(0, 200);
      const retryAfterMs = parseRetryAfterMs(response.headers.get('retry-after'));
      const backoffMs = this.#backoff.next();
      waitMs = Math.max(retryAfterMs ?? 0, backoffMs);
      this.#handler?.onError(symbol, new CollectorError('COLLECTOR_ERR_SNAPSHOT', `snapshot ${symbol}: HTTP ${response.status}${retryAfterMs === undefined ? '' : ` (Retry-After ${retryAfterMs} ms)`}: ${text}`));
    } catch (error) {
      // Cancelled by the feed (resync, reconnect or close): not a failure, and nothing to wait for.
      if (controller.signal.aborted && !timedOut) return;
      waitMs = this.#backoff.next();
      const message = timedOut ? `timed out after ${this.#options.timeoutMs} ms` : error instanceof Error ? error.message : String(error);
      this.#handler?.onError(symbol, new CollectorError('COLLECTOR_ERR_SNAPSHOT', `snapshot ${symbol}: ${message}`, { cause: error }));
    } finally {
      clearTimeout(timeout);
      // Node's fetch files a PerformanceResourceTiming per request in the global timeline (up to 250 kept, each filed
      // a moment after its body is read): a soak's heap diff saw them pile up across reconnects. The collector never
      // reads them; clearing here keeps at most the last request's.
      performance.clearResourceTimings();
      if (waitMs !== undefined && !this.#closed) {
        // Nothing is sent until the wait is over, for any symbol: rate limits are per IP.
        this.#retryTimer = setTimeout(() => {
          this.#retryTimer = undefined;
          this.#pump();
        }, waitMs);
      }
    }
  }
}
