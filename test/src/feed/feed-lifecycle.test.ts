import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import type { Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createFeed, type ExchangeFeed, type FeedConfig } from '../../../src/feed/index.ts';
import { RecordingObserver } from './recording-observer.ts';
import { startTestExchange, waitUntil, type TestExchange } from './test-exchange.ts';

let exchange: TestExchange | undefined;
let feed: ExchangeFeed | undefined;
afterEach(async () => {
  await feed?.close();
  await exchange?.close();
  feed = undefined;
  exchange = undefined;
});

const config = (ex: TestExchange, overrides: Partial<FeedConfig> = {}): FeedConfig => ({
  exchange: 'binance', wsUrl: ex.wsUrl, restUrl: ex.restUrl, symbols: ['BTCUSDT'], maxDepthPerSide: 100,
  heartbeatIntervalMs: 2_000, reconnectInitialMs: 1, reconnectMaxMs: 4, snapshotTimeoutMs: 2_000,
  preSnapshotBufferLimit: 100, maxFrameBytes: 4096, ...overrides,
});

const depthFrame = JSON.stringify({ stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U: 1, u: 10, b: [['99', '1']], a: [] } });

/** Open FDs and active resources by type (sockets, servers, timers, …) of this process. */
function resources(): Record<string, number> {
  const counts: Record<string, number> = { fds: readdirSync('/proc/self/fd').length };
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/**
 * Resources once they hold still for 100 ms: a live book can still have a snapshot request of an earlier socket
 * finishing (its timeout timer, then a few-ms retry timer), which a baseline must not capture (seen: 2 timers at
 * the baseline, 1 after 200 reconnects). Bounded: 50 tries.
 */
async function steadyResources(): Promise<Record<string, number>> {
  let previous = JSON.stringify(resources());
  for (let i = 0; i < 50; i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = resources();
    if (JSON.stringify(now) === previous) return now;
    previous = JSON.stringify(now);
  }
  throw new Error('resources never held still for 100 ms');
}

describe('feed connection lifecycle', () => {
  it('after 200 forced reconnects holds the same sockets, FDs, handles and timers as after the first', async () => {
    const observer = new RecordingObserver();
    let terminating = true;
    exchange = await startTestExchange({
      // Each connection gets one diff (so the feed also asks for a snapshot), then the server kills the socket.
      onConnection: (ws) => ws.send(depthFrame, () => (terminating ? ws.terminate() : undefined)),
      onRest: (_request, response) => response.end('{"lastUpdateId":5,"bids":[["99","1"]],"asks":[["101","1"]]}'),
    });
    feed = createFeed(config(exchange), observer);
    feed.start();
    const settled = async (what: string): Promise<void> => {
      // One live socket on each side, and no REST request or reconnect in flight.
      await waitUntil(() => feed?.stats().connection === 'open' && exchange?.wss.clients.size === 1, what);
    };
    await waitUntil(() => (feed?.stats().reconnects ?? 0) >= 1, 'first reconnect');
    terminating = false;
    await settled('socket after the first reconnect');
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'book live after the first reconnect');
    const baseline = await steadyResources();
    terminating = true;
    exchange.connections.at(-1)?.terminate();
    await waitUntil(() => (feed?.stats().reconnects ?? 0) >= 201, '200 more reconnects', 20_000);
    terminating = false;
    await settled('socket after 200 reconnects');
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'book live after 200 reconnects');
    let after = resources();
    // Closed sockets finish closing asynchronously; a leak never comes back down, a late close does.
    await waitUntil(() => JSON.stringify((after = resources())) === JSON.stringify(baseline), 'resources back to baseline', 5_000).catch(() => undefined);
    expect(after).toEqual(baseline);
    expect(feed.stats().sockets).toBe(1);
    expect(exchange.connections.length).toBeGreaterThanOrEqual(202);
  }, 60_000);

  for (const variant of ['data stops while pings are answered', 'half-open: nothing answers']) {
    it(`replaces a silent socket within two heartbeat intervals (${variant})`, async () => {
      const observer = new RecordingObserver();
      let lastSentAtMs = 0;
      exchange = await startTestExchange({
        onConnection: (ws) => {
          if (exchange?.connections.length !== 1) return;
          ws.send(depthFrame, () => {
            lastSentAtMs = Date.now();
            if (variant.startsWith('half-open')) (ws as unknown as { _socket: Socket })._socket.pause();
          });
        },
        onRest: (_request, response) => response.end('{"lastUpdateId":5,"bids":[["99","1"]],"asks":[["101","1"]]}'),
      });
      const heartbeatIntervalMs = 500;
      feed = createFeed(config(exchange, { heartbeatIntervalMs, reconnectInitialMs: 50, reconnectMaxMs: 50 }), observer);
      feed.start();
      await waitUntil(() => observer.of('reconnect').length === 1, 'replacement');
      const lost = observer.of('connection').find((c) => c.state === 'closed');
      expect(lost?.detail).toMatch(/silent/);
      const detectedAfterMs = (lost?.atMs ?? Infinity) - lastSentAtMs;
      expect(detectedAfterMs).toBeGreaterThanOrEqual(heartbeatIntervalMs);
      expect(detectedAfterMs).toBeLessThan(2 * heartbeatIntervalMs);
      expect(feed.stats().sockets).toBe(1);
    });
  }

  it('frees a closed connection (WeakRef + FinalizationRegistry under --expose-gc, in a child process)', async () => {
    const script = fileURLToPath(new URL('./gc-child.ts', import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ['--expose-gc', '--import', 'tsx', script], { timeout: 20_000 });
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number | boolean>;
    expect(result.reconnects).toBeGreaterThanOrEqual(10);
    expect(result.releasedSockets).toBeGreaterThanOrEqual(10);
    // Every socket the feed let go of, the feed and its socket owner were collected…
    expect(result.releasedSocketsAlive).toBe(0);
    expect(result.feedAlive).toBe(false);
    expect(result.finalized).toBeGreaterThanOrEqual((result.releasedSockets as number) + 1);
    // …while a socket the script itself kept a strong reference to was not: the check can fail.
    expect(result.retainedControlAlive).toBe(true);
  });
});
