import { afterEach, describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.ts';
import { EXCHANGE_IDS } from '../../../src/config/index.ts';
import { evaluateHealth, type FeedHealthInput } from '../../../src/health/index.ts';
import { CollectorServer } from '../../../src/http/index.ts';
import { COLLECTOR_METRIC_NAMES, CollectorMetrics, MetricsObserver } from '../../../src/metrics/index.ts';

describe('CollectorServer', () => {
  const servers: CollectorServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });

  async function start(feeds: () => FeedHealthInput[] = () => [], tcpCountTtlMs?: number) {
    const book = new OrderBook('binance', 'BTCUSDT', 1000);
    book.applySnapshot([['100.10', '1.5'], ['100.00', '2']], [['100.20', '3']], 42);
    const metrics = new CollectorMetrics({
      feedTotals: () => ({ books: 1, levels: 3, updatesApplied: 1, checksumsVerified: 0, checksumFailures: 0 }),
      ...(tcpCountTtlMs === undefined ? {} : { tcpCountTtlMs, metricsMaxAgeMs: 0 }),
    });
    const observer = new MetricsObserver(metrics);
    // One event of each kind so every labelled series has a child to print.
    observer.onConnection('binance', 'open', 'test');
    observer.onMessage('binance', 'BTCUSDT', 'depthUpdate', Date.now());
    observer.onProcessed(book, 3, 0.000_01, undefined);
    observer.onFailed('binance', 'malformed', 'depthUpdate');
    observer.onGap('binance', 'BTCUSDT', 1, 3);
    observer.onResync('binance', 'BTCUSDT', 'gap');
    observer.onReconnect('binance', 'test');
    observer.onPruned('binance', 'BTCUSDT', 1);
    const startedAtMs = Date.now();
    const server = new CollectorServer({
      host: '127.0.0.1',
      port: 0,
      handlers: {
        metricsText: () => metrics.metricsText(),
        metricsContentType: metrics.contentType,
        health: () => evaluateHealth({ nowMs: Date.now(), startedAtMs, graceMs: 0, staleAfterMs: 60_000, feeds: feeds() }),
        book: (exchange, symbol) => (exchange === 'binance' && symbol === 'BTCUSDT' ? book : undefined),
        exchanges: EXCHANGE_IDS,
      },
    });
    servers.push(server);
    const address = await server.listen();
    return { ...address, book };
  }

  it('serves every collector metric name and the default process metrics on /metrics', async () => {
    const { url } = await start();
    const response = await fetch(`${url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    for (const name of COLLECTOR_METRIC_NAMES) expect(text, name).toMatch(new RegExp(`^${name}(_bucket|_count|_sum)?(\\{| )`, 'm'));
    expect(text).toMatch(/^process_resident_memory_bytes /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    expect(text).toMatch(/^collector_tcp_connections \d+$/m);
    expect(text).toMatch(/^collector_file_descriptors [1-9]/m);
  });

  it('counts TCP connections off the scrape path: a later scrape sees the scraper\'s own connection', async () => {
    // Read at start-up (no connection yet), then refreshed in the background once older than the TTL.
    const { url } = await start(() => [], 0);
    const tcpCount = async (): Promise<number> => Number(/^collector_tcp_connections (\d+)$/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1]);
    // Each scrape starts at most one background refresh (reading /proc/net/tcp, slow on a busy machine): scrape
    // until one has landed, bounded by time rather than by a count of scrapes.
    const deadlineMs = Date.now() + 10_000;
    let count = await tcpCount();
    while (!(count >= 1) && Date.now() < deadlineMs) count = await tcpCount();
    expect(count).toBeGreaterThanOrEqual(1); // at least the keep-alive connection these scrapes use
  });

  it('answers /health 200 when healthy or degraded and 503 when unhealthy', async () => {
    let connection: 'open' | 'closed' = 'open';
    let state: 'live' | 'resyncing' = 'live';
    const { url } = await start(() => [{ exchange: 'binance', connection, lastMessageAtMs: Date.now(), books: [{ symbol: 'BTCUSDT', state }] }]);
    const health = async () => {
      const response = await fetch(`${url}/health`);
      return { code: response.status, body: (await response.json()) as { status: string } };
    };
    expect(await health()).toMatchObject({ code: 200, body: { status: 'healthy' } });
    state = 'resyncing';
    expect(await health()).toMatchObject({ code: 200, body: { status: 'degraded' } });
    connection = 'closed';
    expect(await health()).toMatchObject({ code: 503, body: { status: 'unhealthy' } });
  });

  it('serves /book top levels, 404 for an unknown book and 400 for bad parameters', async () => {
    const { url } = await start();
    const ok = await fetch(`${url}/book?exchange=binance&symbol=BTCUSDT&depth=1`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ exchange: 'binance', symbol: 'BTCUSDT', lastUpdateId: 42, bidCount: 2, askCount: 1, bids: [['100.10', '1.5']], asks: [['100.20', '3']] });
    const full = (await (await fetch(`${url}/book?exchange=binance&symbol=BTCUSDT`)).json()) as { bids: unknown[] };
    expect(full.bids).toHaveLength(2);
    expect((await fetch(`${url}/book?exchange=okx&symbol=BTC-USDT`)).status).toBe(404);
    for (const query of ['symbol=BTCUSDT', 'exchange=kraken&symbol=BTCUSDT', 'exchange=binance', 'exchange=binance&symbol=BTCUSDT&depth=0', 'exchange=binance&symbol=BTCUSDT&depth=2.5', 'exchange=binance&symbol=a%2Fb']) {
      const response = await fetch(`${url}/book?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: string }).error, query).toBeTruthy();
    }
  });

  it('answers 404 for unknown paths and 405 for other methods', async () => {
    const { url } = await start();
    expect((await fetch(`${url}/nope`)).status).toBe(404);
    const post = await fetch(`${url}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('fails to listen on a taken port with COLLECTOR_ERR_HTTP', async () => {
    const { port } = await start();
    const clash = new CollectorServer({
      host: '127.0.0.1',
      port,
      handlers: { metricsText: async () => '', metricsContentType: 'text/plain', health: () => evaluateHealth({ nowMs: 0, startedAtMs: 0, graceMs: 0, staleAfterMs: 1, feeds: [] }), book: () => undefined, exchanges: [] },
    });
    await expect(clash.listen()).rejects.toMatchObject({ code: 'COLLECTOR_ERR_HTTP', message: `cannot listen on 127.0.0.1:${port}: EADDRINUSE` });
    await clash.close();
  });
});
