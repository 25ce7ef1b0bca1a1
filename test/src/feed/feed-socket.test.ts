import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { CollectorError } from '../../../src/errors.ts';
import { createFeed, FeedSocket, validateFeedConfig, type ExchangeFeed, type FeedConfig, type FeedSocketHandler } from '../../../src/feed/index.ts';
import { RecordingObserver } from './recording-observer.ts';
import { startTestExchange, waitUntil, type TestExchange } from './test-exchange.ts';

let exchange: TestExchange | undefined;
let feed: ExchangeFeed | undefined;
let socket: FeedSocket | undefined;
let server: Server | undefined;
afterEach(async () => {
  await feed?.close();
  await socket?.close();
  await exchange?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => (server === undefined ? resolve(undefined) : server.close(resolve)));
  feed = undefined;
  socket = undefined;
  exchange = undefined;
  server = undefined;
});

const base: FeedConfig = {
  exchange: 'binance', wsUrl: 'ws://127.0.0.1:1', restUrl: 'http://127.0.0.1:1', symbols: ['BTCUSDT'], maxDepthPerSide: 100,
  heartbeatIntervalMs: 2_000, reconnectInitialMs: 10, reconnectMaxMs: 100, snapshotTimeoutMs: 2_000,
  preSnapshotBufferLimit: 100, maxFrameBytes: 4096,
};

describe('validateFeedConfig', () => {
  it('accepts a sound config and refuses bad fields with a one-line COLLECTOR_ERR_CONFIG', () => {
    expect(validateFeedConfig(base)).toBe(base);
    expect(validateFeedConfig({ ...base, exchange: 'okx', restUrl: undefined })).toBeTruthy();
    const cases: Array<[Partial<FeedConfig>, RegExp]> = [
      [{ wsUrl: 'http://x' }, /wsUrl must be a ws/],
      [{ restUrl: undefined }, /restUrl must be an http/],
      [{ symbols: [] }, /symbols must name/],
      [{ symbols: ['BTC USDT'] }, /invalid symbol/],
      [{ maxDepthPerSide: 0 }, /maxDepthPerSide must be a positive integer/],
      [{ heartbeatIntervalMs: 1.5 }, /heartbeatIntervalMs/],
      [{ reconnectInitialMs: -1 }, /reconnectInitialMs/],
    ];
    for (const [override, message] of cases) {
      let thrown: unknown;
      try {
        createFeed({ ...base, ...override }, new RecordingObserver());
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CollectorError);
      expect((thrown as CollectorError).code).toBe('COLLECTOR_ERR_CONFIG');
      expect((thrown as CollectorError).message).toMatch(message);
      expect((thrown as CollectorError).message).not.toContain('\n');
    }
  });
});

describe('FeedSocket', () => {
  it('backs off exponentially when the handshake is refused (never hammers)', async () => {
    const attemptsAtMs: number[] = [];
    server = createServer();
    let resets = 0;
    server.on('upgrade', (_request, raw) => {
      attemptsAtMs.push(Date.now());
      // The client may reset the refused connection first; that is part of the test, not an error.
      raw.on('error', () => resets++);
      raw.end('HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n');
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const observer = new RecordingObserver();
    const handler: FeedSocketHandler = { onOpen: () => undefined, onFrame: () => undefined, onLost: () => undefined, onTick: () => undefined };
    socket = new FeedSocket(
      { exchange: 'binance', url: `ws://127.0.0.1:${port}/stream`, heartbeatIntervalMs: 5_000, reconnectInitialMs: 20, reconnectMaxMs: 320, maxFrameBytes: 1024, textKeepAlive: false },
      observer,
      handler,
    );
    socket.start();
    await waitUntil(() => attemptsAtMs.length >= 6, 'six attempts');
    const gaps = attemptsAtMs.slice(1).map((t, i) => t - (attemptsAtMs[i] as number));
    // Jittered within [½, 1] of 20, 40, 80, 160, 320 ms: each gap at least half its schedule, and the last ones long.
    expect(gaps[3]).toBeGreaterThanOrEqual(80);
    expect(gaps[4]).toBeGreaterThanOrEqual(160);
    expect(socket.sockets).toBeLessThanOrEqual(1);
    expect(observer.of('reconnect').length).toBe(attemptsAtMs.length - 1);
    expect(resets).toBeLessThanOrEqual(attemptsAtMs.length);
  });

  it('a throwing observer never escapes into ws: counted as a failed frame, the feed goes on', async () => {
    const frame = (U: number, u: number): string => JSON.stringify({ stream: 'btcusdt@depth@100ms', data: { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U, u, b: [['99', '1']], a: [] } });
    exchange = await startTestExchange({
      onConnection: (ws) => {
        ws.send(frame(1, 10));
        ws.send(frame(11, 12));
      },
      onRest: (_request, response) => response.end('{"lastUpdateId":10,"bids":[],"asks":[]}'),
    });
    const observer = new RecordingObserver();
    let thrown = 0;
    const onMessage = observer.onMessage.bind(observer);
    observer.onMessage = (...args) => {
      onMessage(...args);
      if (thrown++ === 0) throw new Error('observer bug');
    };
    feed = createFeed({ ...base, wsUrl: exchange.wsUrl, restUrl: exchange.restUrl }, observer);
    feed.start();
    await waitUntil(() => observer.of('failed').some((f) => f.messageType === 'exception'), 'exception counted');
    await waitUntil(() => feed?.stats().connection === 'open' && observer.of('message').length >= 2, 'second frame handled');
    expect(observer.of('reconnect')).toHaveLength(0);
  });

  it('hands frames undecoded to a handler with onFrameBytes, decoded text to one without', async () => {
    const sent = ['{"a":"é"}', 'plain'];
    exchange = await startTestExchange({ onConnection: (ws) => sent.forEach((text) => ws.send(text)), onRest: (_request, response) => response.end('{}') });
    const asBytes: Buffer[] = [];
    const asText: string[] = [];
    const common = { onOpen: () => undefined, onLost: () => undefined, onTick: () => undefined };
    const options = { exchange: 'binance' as const, url: `${exchange.wsUrl}/stream`, heartbeatIntervalMs: 5_000, reconnectInitialMs: 20, reconnectMaxMs: 320, maxFrameBytes: 1024, textKeepAlive: false };
    socket = new FeedSocket(options, new RecordingObserver(), { ...common, onFrame: () => asText.push('wrong path'), onFrameBytes: (bytes) => asBytes.push(Buffer.from(bytes)) });
    socket.start();
    await waitUntil(() => asBytes.length === 2, 'two frames as bytes');
    expect(asBytes.map((bytes) => bytes.toString('utf8'))).toEqual(sent);
    expect(asText).toEqual([]);
    await socket.close();
    socket = new FeedSocket(options, new RecordingObserver(), { ...common, onFrame: (text) => asText.push(text) });
    socket.start();
    await waitUntil(() => asText.length === 2, 'two frames as text');
    expect(asText).toEqual(sent);
  });
});
