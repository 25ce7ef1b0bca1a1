import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createFeed, type BinanceFeed, type ExchangeFeed, type FeedConfig } from '../../../src/feed/index.ts';
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
  heartbeatIntervalMs: 2_000, reconnectInitialMs: 10, reconnectMaxMs: 100, snapshotTimeoutMs: 2_000,
  preSnapshotBufferLimit: 100, maxFrameBytes: 4096, ...overrides,
});

const depth = (U: number, u: number, bids: string[][], pu?: number): string =>
  JSON.stringify({ stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U, u, ...(pu === undefined ? {} : { pu }), b: bids, a: [] } });

const snapshotBody = (lastUpdateId: number, bestBid: string): string =>
  JSON.stringify({ lastUpdateId, bids: [[bestBid, '1']], asks: [['200', '1']] });

describe('BinanceFeed over real sockets', () => {
  it('subscribes by combined stream URL, syncs from the REST snapshot and applies diffs', async () => {
    const observer = new RecordingObserver();
    let socket: WebSocket | undefined;
    let streamUrl = '';
    exchange = await startTestExchange({
      onConnection: (ws, request) => {
        socket = ws;
        streamUrl = request.url ?? '';
        ws.send(depth(1, 10, [['99', '1']]));
      },
      onRest: (_request, response) => response.end(snapshotBody(10, '100')),
    });
    feed = createFeed(config(exchange), observer);
    feed.start();
    await waitUntil(() => exchange?.requests.length === 1, 'snapshot request');
    expect(exchange.requests[0]?.url).toBe('/api/v3/depth?symbol=BTCUSDT&limit=100');
    expect(streamUrl).toBe('/stream?streams=btcusdt@depth@100ms');
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'live book');
    socket?.send(depth(11, 12, [['100.5', '2']]));
    await waitUntil(() => feed?.stats().updatesApplied === 1, 'update applied');
    const [book] = [...feed.books()];
    expect(book?.bestBid()).toBe(100.5);
    expect(book?.lastUpdateId).toBe(12);
    expect(feed.stats()).toMatchObject({ exchange: 'binance', sockets: 1, connection: 'open', gaps: 0, reconnects: 0, books: 1, levels: 3 });
  });

  it('a sequence gap resyncs with a NEW snapshot over the same socket (no reconnect)', async () => {
    const observer = new RecordingObserver();
    let socket: WebSocket | undefined;
    let snapshots = 0;
    exchange = await startTestExchange({
      onConnection: (ws) => {
        socket = ws;
        ws.send(depth(1, 10, [['99', '1']]));
        ws.send(depth(11, 12, [['99', '2']]));
      },
      onRest: (_request, response) => {
        snapshots++;
        response.end(snapshots === 1 ? snapshotBody(10, '100') : snapshotBody(20, '101'));
      },
    });
    feed = createFeed(config(exchange), observer);
    feed.start();
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'live book');
    await waitUntil(() => feed?.stats().updatesApplied === 1, 'first diff applied');
    socket?.send(depth(15, 21, [['98', '1']])); // expected U = 13: a gap
    await waitUntil(() => snapshots === 2, 'second snapshot');
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'live again');
    expect(observer.of('gap')).toEqual([{ kind: 'gap', symbol: 'BTCUSDT', expected: 13, received: 15 }]);
    expect(observer.of('resync')).toEqual([{ kind: 'resync', symbol: 'BTCUSDT', reason: 'gap' }]);
    expect(observer.of('reconnect')).toHaveLength(0);
    expect(exchange.connections).toHaveLength(1);
    expect([...feed.books()][0]?.lastUpdateId).toBe(21);
    expect(feed.stats()).toMatchObject({ gaps: 1, resyncs: 1, reconnects: 0 });
  });

  it('USD-M futures: /fapi/v1/depth snapshot, then pu must chain', async () => {
    const observer = new RecordingObserver();
    let socket: WebSocket | undefined;
    exchange = await startTestExchange({
      onConnection: (ws) => {
        socket = ws;
        ws.send(depth(5, 12, [['99', '1']], 4));
      },
      onRest: (_request, response) => response.end(snapshotBody(10, '100')),
    });
    feed = createFeed(config(exchange, { exchange: 'binance-futures' }), observer);
    feed.start();
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'live book');
    expect(exchange.requests[0]?.url).toBe('/fapi/v1/depth?symbol=BTCUSDT&limit=100');
    socket?.send(depth(20, 25, [['98', '1']], 12)); // pu chains although U jumps
    socket?.send(depth(26, 30, [['97', '1']], 24)); // pu breaks
    await waitUntil(() => observer.of('gap').length === 1, 'gap');
    expect(observer.of('gap')[0]).toMatchObject({ expected: 25, received: 24 });
    expect(feed.stats().updatesApplied).toBe(2);
  });

  it('counts malformed, unknown, wrong-type and oversize frames and keeps going', async () => {
    const observer = new RecordingObserver();
    exchange = await startTestExchange({
      onConnection: (ws) => {
        ws.send('{not json');
        ws.send('{"e":"aggTrade"}');
        ws.send(JSON.stringify({ stream: 'x', data: { e: 'depthUpdate', s: 'BTCUSDT', U: 'a', u: 1, b: [], a: [] } }));
        ws.send(`{"pad":"${'x'.repeat(5000)}"}`);
        ws.send(Buffer.from([1, 2, 3]), { binary: true });
        ws.send(depth(1, 10, [['99', '1']]));
      },
      onRest: (_request, response) => response.end(snapshotBody(10, '100')),
    });
    feed = createFeed(config(exchange), observer);
    feed.start();
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'live book');
    expect(observer.of('failed').map((f) => f.reason)).toEqual(['malformed', 'unknown', 'wrong-type', 'oversize', 'wrong-type']);
    expect(feed.stats().failed).toBe(3); // oversize and binary are counted by the socket owner, straight to the observer
    expect(observer.of('reconnect')).toHaveLength(0);
  });

  it('honours Retry-After on a 429 snapshot answer and never hammers', async () => {
    const observer = new RecordingObserver();
    let answers = 0;
    exchange = await startTestExchange({
      onConnection: (ws) => ws.send(depth(1, 10, [['99', '1']])),
      onRest: (_request, response) => {
        answers++;
        if (answers === 1) response.writeHead(429, { 'Retry-After': '1' }).end('{"code":-1003}');
        else response.end(snapshotBody(10, '100'));
      },
    });
    feed = createFeed(config(exchange, { snapshotTimeoutMs: 5_000 }), observer);
    feed.start();
    await waitUntil(() => feed?.bookState('BTCUSDT') === 'live', 'live book');
    const [first, second] = exchange.requests;
    expect(exchange.requests).toHaveLength(2);
    expect((second?.atMs ?? 0) - (first?.atMs ?? 0)).toBeGreaterThanOrEqual(950);
    expect((feed as BinanceFeed).snapshotRequests).toBe(2);
    expect((feed as BinanceFeed).snapshotErrors).toBe(1);
    expect((feed as BinanceFeed).lastSnapshotError?.code).toBe('COLLECTOR_ERR_SNAPSHOT');
    expect((feed as BinanceFeed).lastSnapshotError?.message).toContain('HTTP 429 (Retry-After 1000 ms)');
  });

  it('a snapshot that never comes is refetched after snapshotTimeoutMs, on the backoff schedule', async () => {
    const observer = new RecordingObserver();
    exchange = await startTestExchange({
      onConnection: (ws) => ws.send(depth(1, 10, [['99', '1']])),
      onRest: () => undefined, // hangs
    });
    feed = createFeed(config(exchange, { snapshotTimeoutMs: 150, reconnectInitialMs: 100, reconnectMaxMs: 400 }), observer);
    feed.start();
    await waitUntil(() => exchange?.requests.length === 4, 'four snapshot attempts');
    expect(observer.of('resync')[0]).toEqual({ kind: 'resync', symbol: 'BTCUSDT', reason: 'snapshot-timeout' });
    const times = exchange.requests.map((r) => r.atMs);
    // Each retry waits for the 150 ms timeout plus at least half a growing backoff step (100, 200 ms): never
    // back-to-back. The first gap is left out: Node loads fetch lazily, which can delay the first request's arrival.
    expect((times[2] ?? 0) - (times[1] ?? 0)).toBeGreaterThanOrEqual(150);
    expect((times[3] ?? 0) - (times[2] ?? 0)).toBeGreaterThanOrEqual(150);
    expect(feed.bookState('BTCUSDT')).toBe('syncing');
    expect(observer.of('reconnect')).toHaveLength(0);
  });
});
