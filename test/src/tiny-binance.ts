// A tiny Binance-like exchange for the collector's end-to-end tests: REST depth snapshots and the combined
// /stream endpoint on one loopback server (port 0). The full mock exchanges live in harness/; this one plays
// one fixed script so a test knows the exact book the collector must end with.
import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/** The book the script leaves: snapshot at 100, then diffs up to 105 (best first). */
export const FINAL_BOOK = {
  lastUpdateId: 105,
  bids: [['100.00', '3']],
  asks: [['101.00', '1'], ['101.50', '4'], ['102.00', '2']],
};

/** A running tiny exchange. */
export interface TinyBinance {
  wsUrl: string;
  restUrl: string;
  /** Snapshot requests served and ws connections accepted so far. */
  readonly snapshotRequests: number;
  readonly connections: number;
  /** Resolves when a ws client has disconnected from the server side's point of view. */
  clientClosed(): Promise<void>;
  /** Sends raw text to every open client. */
  broadcast(text: string): void;
  /**
   * Sends in-sequence one-update diffs after update 105, 100 per event-loop turn, until `count` are sent or
   * `stop()` returns true; resolves with the number sent.
   */
  stream(count: number, stop?: () => boolean): Promise<number>;
  close(): Promise<void>;
}

function diff(firstUpdateId: number, finalUpdateId: number, bids: string[][], asks: string[][]): string {
  const data = { e: 'depthUpdate', E: Date.now(), s: 'BTCUSDT', U: firstUpdateId, u: finalUpdateId, b: bids, a: asks };
  return JSON.stringify({ stream: 'btcusdt@depth@100ms', data });
}

/** Starts the exchange: on connect it sends diffs 98–100 (covered by the snapshot) and 101–102; once the
 * snapshot (lastUpdateId 100) has been served it sends 103–105. */
export async function startTinyBinance(): Promise<TinyBinance> {
  const sockets = new Set<WebSocket>();
  let snapshotRequests = 0;
  let connections = 0;
  const sendTail = (ws: WebSocket): void => {
    ws.send(diff(103, 105, [['99.00', '0']], [['101.50', '4']]));
  };
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://x');
    if (url.pathname !== '/api/v3/depth' || url.searchParams.get('symbol') !== 'BTCUSDT') {
      response.writeHead(404).end();
      return;
    }
    snapshotRequests++;
    const body = { lastUpdateId: 100, bids: [['100.00', '1'], ['99.00', '2']], asks: [['101.00', '1'], ['102.00', '2']] };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body), () => {
      for (const ws of sockets) sendTail(ws);
    });
  });
  const wss = new WebSocketServer({ server, path: '/stream' });
  const closedWaiters: Array<() => void> = [];
  wss.on('connection', (ws) => {
    connections++;
    sockets.add(ws);
    ws.on('close', () => {
      sockets.delete(ws);
      for (const wake of closedWaiters.splice(0)) wake();
    });
    ws.send(diff(98, 100, [['99.50', '5']], []));
    ws.send(diff(101, 102, [['100.00', '3']], []));
    if (snapshotRequests > 0) sendTail(ws);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    wsUrl: `ws://127.0.0.1:${port}`,
    restUrl: `http://127.0.0.1:${port}`,
    get snapshotRequests() {
      return snapshotRequests;
    },
    get connections() {
      return connections;
    },
    clientClosed: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => closedWaiters.push(resolve))),
    broadcast(text) {
      for (const ws of sockets) ws.send(text);
    },
    async stream(count, stop = () => false) {
      let sent = 0;
      while (sent < count && !stop()) {
        for (const end = Math.min(count, sent + 100); sent < end; sent++) {
          const id = FINAL_BOOK.lastUpdateId + 1 + sent;
          const frame = diff(id, id, [['99.90', String(1 + (sent % 7))]], []);
          for (const ws of sockets) ws.send(frame);
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      return sent;
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** Polls `check` every 10 ms until it returns a value other than undefined, failing after `timeoutMs`. */
export async function eventually<T>(check: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
