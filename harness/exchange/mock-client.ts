/**
 * One client connection of a mock exchange: its subscriptions, its fault state, and bounded writes.
 * Data frames go straight to the TCP socket as pre-framed bytes (ws writes synchronously too, so control
 * frames stay in order); a client whose unsent bytes pass the bound is dropped rather than buffered.
 */
import type { Socket } from 'node:net';
import { WebSocket } from 'ws';

/** What a client receives: `live` everything, `data-stop` pings only, `half-open` nothing at all. */
export type ClientState = 'live' | 'data-stop' | 'half-open';

/** One connection, as the feed and the fault injector see it. */
export class MockClient {
  readonly id: number;
  readonly path: string;
  readonly openedAtMs: number;
  readonly ws: WebSocket;
  /** Subscription key (e.g. `btcusdt@depth`, `books:BTC-USDT`) → how this client wants it rendered. */
  readonly subscriptions = new Map<string, string>();
  state: ClientState = 'live';
  lastPongAtMs: number;
  /** Pings sent since the last pong: a client is only dropped after missing several, however late the timer ran. */
  unansweredPings = 0;
  lastHeardAtMs: number;
  #socket: Socket;
  #signature: string | undefined;
  #maxBufferedBytes: number;
  #onOverflow: (client: MockClient, bufferedBytes: number) => void;

  constructor(id: number, path: string, ws: WebSocket, socket: Socket, maxBufferedBytes: number, onOverflow: (client: MockClient, bufferedBytes: number) => void) {
    this.id = id;
    this.path = path;
    this.ws = ws;
    this.#socket = socket;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#onOverflow = onOverflow;
    this.openedAtMs = performance.now();
    this.lastPongAtMs = this.openedAtMs;
    this.lastHeardAtMs = this.openedAtMs;
  }

  /** True when data frames should be sent to this client. */
  get receivesData(): boolean {
    return this.state === 'live' && this.ws.readyState === WebSocket.OPEN && this.subscriptions.size > 0;
  }

  /** Bytes written but not yet accepted by the kernel. */
  get bufferedBytes(): number {
    return this.ws.bufferedAmount;
  }

  /** Clients with equal signatures receive byte-identical data, so one Buffer serves them all. */
  get signature(): string {
    if (this.#signature === undefined) {
      this.#signature = [...this.subscriptions].map(([key, variant]) => `${key}=${variant}`).sort().join('|');
    }
    return this.#signature;
  }

  /** Adds or replaces a subscription. */
  subscribe(key: string, variant: string): void {
    this.subscriptions.set(key, variant);
    this.#signature = undefined;
  }

  /** Removes a subscription; returns whether it existed. */
  unsubscribe(key: string): boolean {
    this.#signature = undefined;
    return this.subscriptions.delete(key);
  }

  /** Writes pre-framed bytes; drops the client if its buffer passes the bound. Returns false when not written. */
  writeFramed(frames: Buffer): boolean {
    if (this.ws.readyState !== WebSocket.OPEN || this.state === 'half-open') return false;
    this.#socket.write(frames);
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.#maxBufferedBytes) this.#onOverflow(this, buffered);
    return true;
  }

  /** Sends one text message through ws (acks, errors, pongs), unless the client is half-open. */
  sendText(text: string): void {
    if (this.ws.readyState !== WebSocket.OPEN || this.state === 'half-open') return;
    this.ws.send(text);
    const buffered = this.ws.bufferedAmount;
    if (buffered > this.#maxBufferedBytes) this.#onOverflow(this, buffered);
  }

  /** Calls `listener` once when the socket's buffer has drained (for as-fast-as-the-client-reads pacing). */
  onceDrained(listener: () => void): void {
    this.#socket.once('drain', listener);
  }

  /** Removes a drain listener added by onceDrained. */
  offDrained(listener: () => void): void {
    this.#socket.off('drain', listener);
  }

  /**
   * Half-open: from now on nothing is sent and nothing received is processed (no pong, no close reply),
   * while the TCP connection stays up until the peer gives up.
   */
  goHalfOpen(): void {
    this.state = 'half-open';
    for (const listener of this.#socket.listeners('data')) this.#socket.off('data', listener as (chunk: Buffer) => void);
    this.#socket.on('data', discard);
  }

  /** Abrupt reset: RST, no close frame. */
  reset(): void {
    this.#socket.resetAndDestroy();
  }

  /** Destroys the socket without a close handshake (slow or silent clients). */
  destroy(): void {
    this.#socket.destroy();
  }
}

function discard(): void {
  // Half-open: bytes from the peer are read (so its FIN is still seen) and ignored on purpose.
}
