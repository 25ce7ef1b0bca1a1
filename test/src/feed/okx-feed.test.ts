import { afterEach, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { OrderBook } from '../../../src/book/index.ts';
import { createFeed, type ExchangeFeed, type FeedConfig } from '../../../src/feed/index.ts';
import { okxChecksum } from '../../../src/protocol/index.ts';
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
  exchange: 'okx', wsUrl: `${ex.wsUrl}/ws/v5/public`, symbols: ['BTC-USDT', 'ETH-USDT'], maxDepthPerSide: 100,
  heartbeatIntervalMs: 2_000, reconnectInitialMs: 10, reconnectMaxMs: 100, snapshotTimeoutMs: 2_000,
  preSnapshotBufferLimit: 100, maxFrameBytes: 64 * 1024, ...overrides,
});

const books = (instId: string, action: 'snapshot' | 'update', data: Record<string, unknown>): string =>
  JSON.stringify({ arg: { channel: 'books', instId }, action, data: [{ asks: [], bids: [], ts: '1700000000000', checksum: 0, ...data }] });

/** Answers each subscribe with a snapshot (seqId 10), like OKX; records every client request. */
function okxLike(requests: Array<{ op: string; instIds: string[] }>, sockets: WebSocket[]) {
  return (ws: WebSocket): void => {
    sockets.push(ws);
    ws.on('message', (raw) => {
      const text = String(raw);
      if (text === 'ping') {
        ws.send('pong');
        return;
      }
      const request = JSON.parse(text) as { op: string; args: Array<{ instId: string }> };
      requests.push({ op: request.op, instIds: request.args.map((a) => a.instId) });
      if (request.op !== 'subscribe') return;
      for (const { instId } of request.args) {
        ws.send(JSON.stringify({ event: 'subscribe', arg: { channel: 'books', instId } }));
        ws.send(books(instId, 'snapshot', { bids: [['99', '1', '0', '1']], asks: [['101', '1', '0', '1']], seqId: 10, prevSeqId: -1 }));
      }
    });
  };
}

describe('OkxFeed over real sockets', () => {
  it('subscribes every instId, applies snapshot and updates (checksum 0 accepted, non-zero verified)', async () => {
    const observer = new RecordingObserver();
    const requests: Array<{ op: string; instIds: string[] }> = [];
    const sockets: WebSocket[] = [];
    exchange = await startTestExchange({ onConnection: okxLike(requests, sockets) });
    feed = createFeed(config(exchange), observer);
    feed.start();
    await waitUntil(() => feed?.bookState('BTC-USDT') === 'live' && feed.bookState('ETH-USDT') === 'live', 'live books');
    expect(requests).toEqual([{ op: 'subscribe', instIds: ['BTC-USDT', 'ETH-USDT'] }]);
    const expected = new OrderBook('okx', 'BTC-USDT', 100);
    expected.applySnapshot([['99', '1']], [['101', '1'], ['102', '3']], 0);
    sockets[0]?.send(books('BTC-USDT', 'update', { asks: [['102', '3', '0', '1']], seqId: 11, prevSeqId: 10, checksum: okxChecksum(expected) }));
    sockets[0]?.send(books('BTC-USDT', 'update', { bids: [['99', '0', '0', '0']], seqId: 12, prevSeqId: 11, checksum: 0 }));
    await waitUntil(() => feed?.stats().updatesApplied === 2, 'two updates');
    expect(feed.stats()).toMatchObject({ checksumsVerified: 1, checksumFailures: 0, gaps: 0, sockets: 1 });
    expect(observer.of('checksum')).toEqual([{ kind: 'checksum', symbol: 'BTC-USDT', matched: true }]);
    const book = [...feed.books()].find((b) => b.symbol === 'BTC-USDT');
    expect(book?.bidCount).toBe(0);
    expect(book?.lastUpdateId).toBe(12);
  });

  it('a checksum mismatch or a seqId gap resubscribes just that instId, without reconnecting', async () => {
    const observer = new RecordingObserver();
    const requests: Array<{ op: string; instIds: string[] }> = [];
    const sockets: WebSocket[] = [];
    exchange = await startTestExchange({ onConnection: okxLike(requests, sockets) });
    feed = createFeed(config(exchange), observer);
    feed.start();
    await waitUntil(() => feed?.bookState('BTC-USDT') === 'live' && feed.bookState('ETH-USDT') === 'live', 'live books');
    sockets[0]?.send(books('BTC-USDT', 'update', { asks: [['102', '3', '0', '1']], seqId: 11, prevSeqId: 10, checksum: 123456 }));
    sockets[0]?.send(books('ETH-USDT', 'update', { seqId: 15, prevSeqId: 12 }));
    await waitUntil(() => requests.length === 5, 'two resubscribes');
    expect(requests.slice(1)).toEqual([
      { op: 'unsubscribe', instIds: ['BTC-USDT'] },
      { op: 'subscribe', instIds: ['BTC-USDT'] },
      { op: 'unsubscribe', instIds: ['ETH-USDT'] },
      { op: 'subscribe', instIds: ['ETH-USDT'] },
    ]);
    await waitUntil(() => feed?.bookState('BTC-USDT') === 'live' && feed.bookState('ETH-USDT') === 'live', 'live again');
    expect(observer.of('resync').map((r) => [r.symbol, r.reason])).toEqual([['BTC-USDT', 'checksum'], ['ETH-USDT', 'gap']]);
    expect(observer.of('gap')).toEqual([{ kind: 'gap', symbol: 'ETH-USDT', expected: 10, received: 12 }]);
    expect(feed.stats()).toMatchObject({ checksumFailures: 1, gaps: 1, resyncs: 2, reconnects: 0 });
    expect(exchange.connections).toHaveLength(1);
  });

  it('a snapshot that never comes resubscribes after snapshotTimeoutMs', async () => {
    const observer = new RecordingObserver();
    const requests: string[] = [];
    exchange = await startTestExchange({
      onConnection: (ws) => ws.on('message', (raw) => requests.push(String(raw))),
    });
    feed = createFeed(config(exchange, { symbols: ['BTC-USDT'], snapshotTimeoutMs: 200, heartbeatIntervalMs: 1_000 }), observer);
    feed.start();
    await waitUntil(() => requests.length >= 3, 'resubscribe');
    expect(requests.slice(0, 3).map((r) => (r === 'ping' ? r : (JSON.parse(r) as { op: string }).op))).toEqual(['subscribe', 'unsubscribe', 'subscribe']);
    expect(observer.of('resync')[0]).toEqual({ kind: 'resync', symbol: 'BTC-USDT', reason: 'snapshot-timeout' });
  });

  it('keeps alive with text ping, counting the pong, within the heartbeat interval', async () => {
    const observer = new RecordingObserver();
    const requests: Array<{ op: string; instIds: string[] }> = [];
    const sockets: WebSocket[] = [];
    exchange = await startTestExchange({ onConnection: okxLike(requests, sockets) });
    feed = createFeed(config(exchange, { symbols: ['BTC-USDT'], heartbeatIntervalMs: 200 }), observer);
    feed.start();
    await waitUntil(() => observer.of('message').some((m) => m.messageType === 'pong'), 'pong');
    expect(observer.of('failed')).toHaveLength(0);
  });

  it('still pings while the server streams, so an idle-closing server never drops a busy client', async () => {
    const observer = new RecordingObserver();
    const pings: number[] = [];
    const sockets: WebSocket[] = [];
    let pusher: NodeJS.Timeout | undefined;
    exchange = await startTestExchange({
      onConnection: (ws) => {
        sockets.push(ws);
        ws.on('message', (raw) => {
          if (String(raw) !== 'ping') return;
          pings.push(Date.now());
          ws.send('pong');
        });
        // Server traffic every 20 ms: the feed never sees silence, yet must still speak within the interval.
        pusher = setInterval(() => ws.send(JSON.stringify({ event: 'subscribe', arg: { channel: 'books', instId: 'BTC-USDT' } })), 20);
      },
    });
    try {
      feed = createFeed(config(exchange, { symbols: ['BTC-USDT'], heartbeatIntervalMs: 200 }), observer);
      feed.start();
      await waitUntil(() => pings.length >= 2, 'two pings while data flows');
      expect(sockets).toHaveLength(1);
    } finally {
      clearInterval(pusher);
    }
  });
});
