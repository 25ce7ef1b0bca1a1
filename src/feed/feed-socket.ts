/**
 * The single owner of a feed's WebSocket. It holds at most one socket; before a replacement is opened the old
 * one is terminated and every listener, timer and reference tied to it is released — the production incident
 * was a collector that kept each old socket on reconnect. Teardown mirrors setup: each `on` has its `off`.
 *
 * Liveness: one timer per socket ticks four times per heartbeat interval. After one interval without data it
 * pings (a ws ping frame, or OKX's text `ping`); after 1.5 intervals without data — half-open, or pings still
 * answered while data stopped — it replaces the socket, so silence is caught within two intervals.
 *
 * Ingest slicing: one readable event can hand ws up to 32 socket reads of 64 KiB (libuv's per-event read
 * loop), i.e. ~13 k frames and 100+ ms of parsing with nothing else running — measured as a 1.6–3 s /metrics
 * p99 under a flood. So once frames have run for `ingestSliceMs` within one event-loop turn the socket is
 * paused (ws stops reading; the kernel buffer and TCP flow control hold the rest, so buffering stays bounded)
 * and resumed from setImmediate, after the HTTP server and timers had their turn. ws still emits the rest of
 * the chunk it is parsing; those frames wait in a backlog handled slice by slice, so frame order is unchanged.
 */
import WebSocket from 'ws';
import type { ExchangeId, FeedObserver } from './feed-types.ts';
import { Backoff } from './backoff.ts';

/** What the socket owner reports to its feed. */
export interface FeedSocketHandler {
  /** The socket opened; `send` writes a text frame to it (subscriptions). */
  onOpen(send: (text: string) => void): void;
  /** A data frame (already checked against maxFrameBytes; keep-alive pongs are handled here). */
  onFrame(text: string, receivedAtMs: number): void;
  /**
   * Optional: a data frame as received, undecoded (UTF-8 bytes). When present the socket calls it instead of
   * onFrame and decodes nothing itself, so a parser that reads bytes skips a decode (not with textKeepAlive).
   */
  onFrameBytes?(bytes: Buffer, receivedAtMs: number): void;
  /** The socket is gone (a replacement may follow): its books are no longer current. */
  onLost(reason: string): void;
  /** Called on every liveness tick, for the feed's own deadlines (snapshot timeouts). */
  onTick(nowMs: number): void;
}

/** Settings of a FeedSocket; durations in ms. */
export interface FeedSocketOptions {
  readonly exchange: ExchangeId;
  readonly url: string;
  readonly heartbeatIntervalMs: number;
  readonly reconnectInitialMs: number;
  readonly reconnectMaxMs: number;
  readonly maxFrameBytes: number;
  /** OKX keeps alive with text `ping`/`pong`; Binance with ws ping frames. */
  readonly textKeepAlive: boolean;
  /** Longest run of frame handling per event-loop turn before the socket pauses for a turn (default INGEST_SLICE_MS). */
  readonly ingestSliceMs?: number;
}

/** A frame received after the socket paused, kept with its arrival time. */
interface BacklogFrame {
  data: WebSocket.RawData;
  isBinary: boolean;
  atMs: number;
}

/** Default longest run of frame handling per event-loop turn (ms): bounds what a scrape waits behind ingest. */
export const INGEST_SLICE_MS = 5;

/** Longest close() waits for the terminated socket's 'close' event. */
const CLOSE_WAIT_MAX_MS = 1_000;

/** Errors a socket raises after we let go of it (terminate() on a connecting socket emits one). */
let lateSocketErrors = 0;

function onLateError(): void {
  lateSocketErrors++;
}

/** Errors emitted by already-released sockets, process-wide (diagnostics). */
export function releasedSocketErrors(): number {
  return lateSocketErrors;
}

/** Owns one WebSocket at a time for a feed, with reconnect, backoff and liveness. */
export class FeedSocket {
  #options: FeedSocketOptions;
  #observer: FeedObserver | undefined;
  #handler: FeedSocketHandler | undefined;
  #ws: WebSocket | undefined;
  #tickTimer: NodeJS.Timeout | undefined;
  #reconnectTimer: NodeJS.Timeout | undefined;
  #backoff: Backoff;
  #lastDataAtMs = 0;
  #lastSentAtMs = 0;
  #pingSentAtMs = 0;
  #pongs = 0;
  #handlerErrors = 0;
  #lastHandlerError: unknown;
  #gotData = false;
  #started = false;
  #closed = false;
  #reconnects = 0;
  /** True from the first frame of an event-loop turn until that turn's setImmediate ends the slice. */
  #sliceOpen = false;
  #sliceStartMs = 0;
  #sliceMs: number;
  /** The socket paused at the end of a slice, resumed when the slice ends (undefined when none is). */
  #pausedWs: WebSocket | undefined;
  #slicePauses = 0;
  /** Frames ws emitted after the pause, handled in later turns; bounded by the chunk ws was parsing (≤ 64 KiB). */
  #backlog: BacklogFrame[] = [];
  #backlogHead = 0;

  constructor(options: FeedSocketOptions, observer: FeedObserver, handler: FeedSocketHandler) {
    this.#options = options;
    this.#observer = observer;
    this.#handler = handler;
    this.#backoff = new Backoff(options.reconnectInitialMs, options.reconnectMaxMs);
    this.#sliceMs = options.ingestSliceMs ?? INGEST_SLICE_MS;
  }

  /** Sockets held right now (0 or 1). */
  get sockets(): number {
    return this.#ws === undefined ? 0 : 1;
  }

  /** True while the held socket is open. */
  get isOpen(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  /** Keep-alive answers received (ws pong frames or OKX text `pong`). */
  get pongs(): number {
    return this.#pongs;
  }

  /** Exceptions thrown while handling a frame (each counted as a failed frame), and the last one. */
  get handlerErrors(): number {
    return this.#handlerErrors;
  }

  get lastHandlerError(): unknown {
    return this.#lastHandlerError;
  }

  /** Times the socket paused for a turn because frame handling used up its slice (diagnostics, tests). */
  get slicePauses(): number {
    return this.#slicePauses;
  }

  /** Replacement sockets opened so far. */
  get reconnects(): number {
    return this.#reconnects;
  }

  /** Opens the first socket. */
  start(): void {
    if (this.#started || this.#closed) return;
    this.#started = true;
    this.#open();
  }

  /** Sends a text frame if the socket is open; returns whether it was sent. */
  send(text: string): boolean {
    const ws = this.#ws;
    if (ws === undefined || ws.readyState !== WebSocket.OPEN) return false;
    ws.send(text);
    this.#lastSentAtMs = Date.now();
    return true;
  }

  /** Drops the current socket and reconnects after a backoff (used by the feed, e.g. on a fatal protocol error). */
  replace(reason: string): void {
    if (this.#closed || this.#ws === undefined) return;
    this.#lose(reason);
  }

  /** Terminates the socket, clears every timer, drops the observer and handler; resolves once the socket closed. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#reconnectTimer);
    this.#reconnectTimer = undefined;
    const ws = this.#ws;
    let closed: Promise<void> = Promise.resolve();
    let guard: NodeJS.Timeout | undefined;
    if (ws !== undefined && ws.readyState !== WebSocket.CLOSED) {
      // terminate() destroys the TCP socket, so 'close' follows within a tick or two; the guard only bounds
      // shutdown (the collector must exit within 5 s) should it ever not.
      closed = new Promise((resolve) => {
        ws.once('close', () => resolve());
        guard = setTimeout(resolve, CLOSE_WAIT_MAX_MS);
      });
    }
    this.#release();
    this.#observer?.onConnection(this.#options.exchange, 'closed', 'feed closed');
    this.#observer = undefined;
    this.#handler = undefined;
    await closed;
    clearTimeout(guard);
  }

  #open(): void {
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.#options.url, {
        // Frames above maxFrameBytes are counted and dropped here; far larger ones end the socket in ws itself.
        maxPayload: Math.max(this.#options.maxFrameBytes * 4, 1 << 20),
        handshakeTimeout: this.#options.heartbeatIntervalMs * 2,
        perMessageDeflate: false,
      });
    } catch (error) {
      // An unusable URL (validateFeedConfig refuses those up front): report and retry on the backoff schedule.
      this.#lose(`cannot open ${this.#options.url}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    this.#ws = ws;
    this.#gotData = false;
    this.#lastDataAtMs = Date.now();
    this.#lastSentAtMs = this.#lastDataAtMs;
    this.#pingSentAtMs = 0;
    ws.on('open', this.#onOpen);
    ws.on('message', this.#onMessage);
    ws.on('pong', this.#onPong);
    ws.on('close', this.#onClose);
    ws.on('error', this.#onError);
    this.#tickTimer = setInterval(this.#onTick, Math.max(5, Math.floor(this.#options.heartbeatIntervalMs / 4)));
    this.#observer?.onConnection(this.#options.exchange, 'connecting', this.#options.url);
  }

  /** Releases the current socket: every listener off, timer cleared, reference dropped, then terminate. */
  #release(): void {
    const ws = this.#ws;
    clearInterval(this.#tickTimer);
    this.#tickTimer = undefined;
    if (ws === undefined) return;
    this.#ws = undefined;
    // A paused socket is terminated below: the pending slice end must not resume it, nor handle its frames.
    this.#pausedWs = undefined;
    this.#backlog = [];
    this.#backlogHead = 0;
    ws.off('open', this.#onOpen);
    ws.off('message', this.#onMessage);
    ws.off('pong', this.#onPong);
    ws.off('close', this.#onClose);
    ws.off('error', this.#onError);
    // terminate() on a connecting socket emits an error later; a module-level listener holds no feed state.
    ws.on('error', onLateError);
    ws.terminate();
  }

  #lose(reason: string): void {
    this.#release();
    this.#observer?.onConnection(this.#options.exchange, 'closed', reason);
    this.#handler?.onLost(reason);
    if (this.#closed) return;
    const delayMs = this.#backoff.next();
    this.#reconnectTimer = setTimeout(() => {
      this.#reconnectTimer = undefined;
      if (this.#closed) return;
      this.#reconnects++;
      this.#observer?.onReconnect(this.#options.exchange, reason);
      this.#open();
    }, delayMs);
  }

  #onOpen = (): void => {
    this.#lastDataAtMs = Date.now();
    this.#observer?.onConnection(this.#options.exchange, 'open', this.#options.url);
    this.#handler?.onOpen((text) => void this.send(text));
  };

  #onMessage = (data: WebSocket.RawData, isBinary: boolean): void => {
    const nowMs = Date.now();
    if (this.#pausedWs !== undefined) {
      // ws emits the rest of the chunk it is parsing after pause(): keep those frames, in order, for the next turn.
      this.#backlog.push({ data, isBinary, atMs: nowMs });
      return;
    }
    if (!this.#sliceOpen) {
      this.#sliceOpen = true;
      this.#sliceStartMs = performance.now();
      setImmediate(this.#endSlice);
    }
    this.#handleMessage(data, isBinary, nowMs);
    if (performance.now() - this.#sliceStartMs >= this.#sliceMs) this.#pause();
  };

  #pause(): void {
    const ws = this.#ws;
    if (ws?.readyState !== WebSocket.OPEN) return;
    this.#pausedWs = ws;
    this.#slicePauses++;
    ws.pause();
  }

  /**
   * Runs in the check phase, after the turn's I/O (the HTTP server has been served): handles one more slice
   * of the backlog, and resumes reading once it is empty.
   */
  #endSlice = (): void => {
    this.#sliceOpen = false;
    const ws = this.#pausedWs;
    if (ws === undefined) return;
    const startMs = performance.now();
    while (this.#backlogHead < this.#backlog.length) {
      const frame = this.#backlog[this.#backlogHead] as BacklogFrame;
      this.#backlogHead++;
      this.#handleMessage(frame.data, frame.isBinary, frame.atMs);
      // The handler may have replaced the socket: its release dropped the backlog.
      if (this.#pausedWs !== ws) return;
      if (performance.now() - startMs >= this.#sliceMs) break;
    }
    if (this.#backlogHead < this.#backlog.length) {
      setImmediate(this.#endSlice);
      return;
    }
    this.#backlog = [];
    this.#backlogHead = 0;
    this.#pausedWs = undefined;
    ws.resume();
  };

  #handleMessage(data: WebSocket.RawData, isBinary: boolean, nowMs: number): void {
    const length = Array.isArray(data) ? data.reduce((n, b) => n + b.length, 0) : data instanceof ArrayBuffer ? data.byteLength : data.length;
    if (length > this.#options.maxFrameBytes) {
      this.#lastDataAtMs = nowMs;
      this.#observer?.onMessage(this.#options.exchange, undefined, 'oversize', nowMs);
      this.#observer?.onFailed(this.#options.exchange, 'oversize', 'oversize');
      return;
    }
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    // Decoded only for a handler that takes text, or for OKX's text pong.
    const wantsText = this.#options.textKeepAlive || this.#handler?.onFrameBytes === undefined;
    const text = wantsText ? bytes.toString('utf8') : '';
    if (this.#options.textKeepAlive && text === 'pong') {
      this.#pongs++;
      this.#observer?.onMessage(this.#options.exchange, undefined, 'pong', nowMs);
      return;
    }
    this.#lastDataAtMs = nowMs;
    if (!this.#gotData) {
      this.#gotData = true;
      // Reset the backoff only once the exchange actually delivered: an accept-then-drop loop keeps backing off.
      this.#backoff.reset();
    }
    if (isBinary) {
      this.#observer?.onMessage(this.#options.exchange, undefined, 'binary', nowMs);
      this.#observer?.onFailed(this.#options.exchange, 'wrong-type', 'binary');
      return;
    }
    try {
      if (wantsText) this.#handler?.onFrame(text, nowMs);
      else this.#handler?.onFrameBytes?.(bytes, nowMs);
    } catch (error) {
      // A bug or a throwing observer must not escape into ws (an uncaught exception would end the collector):
      // count it, keep it for diagnosis, report it as a failed frame, and carry on with the next frame.
      this.#handlerErrors++;
      this.#lastHandlerError = error;
      this.#observer?.onFailed(this.#options.exchange, 'malformed', 'exception');
    }
  }

  #onPong = (): void => {
    this.#pongs++;
  };

  #onClose = (code: number): void => {
    this.#lose(`closed by peer (code ${code})`);
  };

  #onError = (error: Error & { code?: string }): void => {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') this.#observer?.onFailed(this.#options.exchange, 'oversize', 'oversize');
    this.#lose(`socket error: ${error.message}`);
  };

  #onTick = (): void => {
    const nowMs = Date.now();
    const intervalMs = this.#options.heartbeatIntervalMs;
    const silentMs = nowMs - this.#lastDataAtMs;
    if (silentMs >= intervalMs * 1.5) {
      this.#lose(this.isOpen ? `silent for ${silentMs} ms` : `not open after ${silentMs} ms`);
      return;
    }
    // OKX drops a connection after 30 s without traffic (its docs: without pushes; servers in the field and our
    // mock: without client messages), so its text ping goes out whenever either side has been quiet for 25 s.
    const pingAfterMs = this.#options.textKeepAlive ? Math.min(intervalMs, 25_000) : intervalMs;
    const quietMs = this.#options.textKeepAlive ? Math.max(silentMs, nowMs - this.#lastSentAtMs) : silentMs;
    if (quietMs >= pingAfterMs && nowMs - this.#pingSentAtMs >= pingAfterMs && this.isOpen) {
      this.#pingSentAtMs = nowMs;
      if (this.#options.textKeepAlive) this.send('ping');
      else this.#ws?.ping();
    }
    this.#handler?.onTick(nowMs);
  };
}
