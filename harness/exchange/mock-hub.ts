/**
 * The server plumbing both mock exchanges share: one node:http server on 127.0.0.1 (REST and the ws upgrade),
 * a `ws` server without compression or automatic pongs (faults decide who gets answered), the client
 * registry, fan-out of pre-framed batches, the 5 MiB per-client bound, events, stats, and a close() that
 * undoes every part of the start.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { MockClient } from './mock-client.ts';
import { FrameWriter } from './frame-writer.ts';
import type { OutMessage } from './out-message.ts';
import type { MockExchangeStats } from './mock-exchange-types.ts';
import type { SoakEvent, SoakEventKind } from '../runner/soak-event.ts';

/** Default bound: above this many unsent bytes a client is dropped (issue 3: bounded per-client buffering). */
export const MAX_CLIENT_BUFFERED_BYTES = 5 * 1024 * 1024;

/** What an exchange plugs into the hub. */
export interface HubHandlers {
  /** Decides an upgrade: subscriptions to start with, or an HTTP status and body to refuse it. */
  route(request: IncomingMessage): { subscriptions: Array<[key: string, variant: string]> } | { status: number; body: string };
  request(request: IncomingMessage, response: ServerResponse): void;
  connected(client: MockClient): void;
  message(client: MockClient, data: string): void;
}

/** Shared server state and plumbing of one mock exchange. */
export class MockHub {
  readonly exchange: 'binance' | 'okx';
  readonly clients = new Set<MockClient>();
  readonly counters: MockExchangeStats = { connections: 0, connectionsTotal: 0, messagesSent: 0, bytesSent: 0, faultsInjected: 0, clientsDropped: 0, restRequests: 0 };
  /** Errors on client sockets (resets by peers are normal under faults; counted, not thrown). */
  socketErrors = 0;
  #server: Server;
  #wss: WebSocketServer;
  #handlers: HubHandlers;
  #originMs: number;
  #onEvent: ((event: SoakEvent) => void) | undefined;
  #nextId = 1;
  #port = 0;
  #maxBufferedBytes: number;
  #writer = new FrameWriter();
  #groups = new Map<string, MockClient[]>();

  constructor(exchange: 'binance' | 'okx', handlers: HubHandlers, originMs: number, onEvent: ((event: SoakEvent) => void) | undefined, maxBufferedBytes = MAX_CLIENT_BUFFERED_BYTES) {
    this.exchange = exchange;
    this.#maxBufferedBytes = maxBufferedBytes;
    this.#handlers = handlers;
    this.#originMs = originMs;
    this.#onEvent = onEvent;
    this.#wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, autoPong: false, clientTracking: false, maxPayload: 1024 * 1024 });
    this.#server = createServer((request, response) => {
      this.counters.restRequests++;
      this.#handlers.request(request, response);
    });
    this.#server.on('upgrade', (request: IncomingMessage, socket: Socket, head: Buffer) => this.#upgrade(request, socket, head));
  }

  /** The bound port (after listen). */
  get port(): number {
    return this.#port;
  }

  /** Starts listening on 127.0.0.1. */
  async listen(port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.#server.once('error', reject);
      this.#server.listen(port, '127.0.0.1', () => {
        this.#server.off('error', reject);
        resolve();
      });
    });
    const address = this.#server.address();
    this.#port = typeof address === 'object' && address !== null ? address.port : port;
    return this.#port;
  }

  /** ms since the run's origin, the `t` of every event. */
  now(): number {
    return performance.now() - this.#originMs;
  }

  /** Reports one event (a fault or a drop) with its time. */
  emit(kind: SoakEventKind, symbol: string | undefined, detail: Record<string, unknown>): void {
    if (kind !== 'client-dropped') this.counters.faultsInjected++;
    const event: SoakEvent = { t: Math.round(this.now() * 1000) / 1000, kind, exchange: this.exchange, detail };
    if (symbol !== undefined) event.symbol = symbol;
    this.#onEvent?.(event);
  }

  /** Drops a client that cannot keep up or stopped answering, and reports it. */
  drop(client: MockClient, reason: string, detail: Record<string, unknown> = {}): void {
    if (!this.clients.has(client)) return;
    this.counters.clientsDropped++;
    this.emit('client-dropped', undefined, { client: client.id, path: client.path, reason, ...detail });
    client.destroy();
  }

  /** Writes `messages` as frames once per distinct subscription set and sends that one Buffer to each of its clients. */
  broadcast(messages: readonly OutMessage[]): void {
    if (messages.length === 0) return;
    const groups = this.#groups;
    for (const client of this.clients) {
      if (!client.receivesData) continue;
      const group = groups.get(client.signature);
      if (group) group.push(client);
      else groups.set(client.signature, [client]);
    }
    try {
      this.#writeGroups(messages);
    } finally {
      groups.clear();
    }
  }

  #writeGroups(messages: readonly OutMessage[]): void {
    const writer = this.#writer;
    for (const group of this.#groups.values()) {
      const subscriptions = (group[0] as MockClient).subscriptions;
      writer.begin();
      // Runs of one key are common (one symbol's diffs): look its variant up once per run.
      let lastKey: string | undefined;
      let variant: string | undefined;
      for (const message of messages) {
        if (message.key !== lastKey) {
          lastKey = message.key;
          variant = subscriptions.get(lastKey);
        }
        if (variant !== undefined) message.writeFrame(variant, writer);
      }
      const count = writer.frames;
      const frames = writer.finish();
      if (count === 0) continue;
      for (const client of group) {
        if (!client.writeFramed(frames)) continue;
        this.counters.messagesSent += count;
        this.counters.bytesSent += frames.length;
      }
    }
  }

  /** Snapshot of the counters. */
  stats(): MockExchangeStats {
    return { ...this.counters, connections: this.clients.size };
  }

  /** Closes every client and both servers. */
  async close(): Promise<void> {
    for (const client of this.clients) client.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
    await new Promise<void>((resolve) => this.#wss.close(() => resolve()));
    this.clients.clear();
    this.#onEvent = undefined;
  }

  #upgrade(request: IncomingMessage, socket: Socket, head: Buffer): void {
    socket.on('error', () => {
      this.socketErrors++;
    });
    const decision = this.#handlers.route(request);
    if ('status' in decision) {
      socket.end(`HTTP/1.1 ${decision.status} Refused\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(decision.body)}\r\nConnection: close\r\n\r\n${decision.body}`);
      return;
    }
    socket.setNoDelay(true);
    this.#wss.handleUpgrade(request, socket, head, (ws: WebSocket) => {
      const client = new MockClient(this.#nextId++, request.url ?? '/', ws, socket, this.#maxBufferedBytes, (slow, bytes) => this.drop(slow, 'slow-reader', { bufferedBytes: bytes }));
      for (const [key, variant] of decision.subscriptions) client.subscribe(key, variant);
      this.clients.add(client);
      this.counters.connectionsTotal++;
      ws.on('message', (data: RawData, isBinary: boolean) => {
        client.lastHeardAtMs = performance.now();
        this.#handlers.message(client, isBinary ? '' : rawText(data));
      });
      ws.on('ping', (data: Buffer) => {
        client.lastHeardAtMs = performance.now();
        if (client.state !== 'half-open') ws.pong(data);
      });
      ws.on('pong', () => {
        client.lastPongAtMs = performance.now();
        client.lastHeardAtMs = client.lastPongAtMs;
        client.unansweredPings = 0;
      });
      ws.on('error', () => {
        this.socketErrors++;
      });
      ws.once('close', () => {
        this.clients.delete(client);
        ws.removeAllListeners();
      });
      this.#handlers.connected(client);
    });
  }
}

function rawText(data: RawData): string {
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.isBuffer(data) ? data.toString('utf8') : Buffer.from(data).toString('utf8');
}
