// A minimal in-test exchange: one HTTP server on 127.0.0.1:0 answering REST requests and upgrading to ws.
// The full mock exchanges live in harness/; this only gives each test direct control of both ends.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** A running test exchange; close() terminates every socket and the server. */
export interface TestExchange {
  readonly wsUrl: string;
  readonly restUrl: string;
  readonly wss: WebSocketServer;
  /** Every ws connection accepted so far, in order. */
  readonly connections: WebSocket[];
  /** Request paths (with query) received by the REST side, in order, with their arrival time. */
  readonly requests: Array<{ url: string; atMs: number }>;
  close(): Promise<void>;
}

/** Handlers for the two sides. */
export interface TestExchangeHandlers {
  onConnection?(ws: WebSocket, request: IncomingMessage): void;
  onRest?(request: IncomingMessage, response: ServerResponse): void;
}

/** Starts a test exchange on a free loopback port. */
export async function startTestExchange(handlers: TestExchangeHandlers): Promise<TestExchange> {
  const requests: Array<{ url: string; atMs: number }> = [];
  const server: Server = createServer((request, response) => {
    requests.push({ url: request.url ?? '', atMs: Date.now() });
    if (handlers.onRest === undefined) {
      response.writeHead(404).end();
      return;
    }
    handlers.onRest(request, response);
  });
  const wss = new WebSocketServer({ server });
  const connections: WebSocket[] = [];
  wss.on('connection', (ws, request) => {
    connections.push(ws);
    handlers.onConnection?.(ws, request);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    restUrl: `http://127.0.0.1:${port}`,
    wss,
    connections,
    requests,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * Resolves when `predicate` holds, polling on a short timer; rejects after `timeoutMs` with `what`. 15 s by
 * default: only a failing wait runs that long, and a loaded 2-core machine once needed more than 5 s.
 */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
