import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCollector, type Collector } from '../../src/collector.ts';
import { loadConfig, type CollectorConfig } from '../../src/config/index.ts';
import { eventually, FINAL_BOOK, startTinyBinance, type TinyBinance } from './tiny-binance.ts';

/** Sum of a metric's series matching every given label, from Prometheus text. */
function sumSeries(text: string, name: string, labels: Record<string, string> = {}): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    if (Object.entries(labels).every(([key, value]) => line.includes(`${key}="${value}"`))) sum += Number(line.split(' ').at(-1));
  }
  return sum;
}

describe('collector against a tiny Binance-like exchange', () => {
  let exchange: TinyBinance;
  let collector: Collector | undefined;
  let outDir: string;

  beforeEach(async () => {
    exchange = await startTinyBinance();
    outDir = mkdtempSync(join(tmpdir(), 'collector-'));
  });
  afterEach(async () => {
    await collector?.stop();
    collector = undefined;
    await exchange.close();
    rmSync(outDir, { recursive: true, force: true });
  });

  function config(overrides: { graceMs?: number } = {}): CollectorConfig {
    return loadConfig({
      env: { SOAK_BINANCE_WS: exchange.wsUrl, SOAK_BINANCE_REST: exchange.restUrl, SOAK_BINANCE_SYMBOLS: 'BTCUSDT', SOAK_METRICS_PORT: '0' },
      flags: { health: { graceMs: overrides.graceMs ?? 0 }, sink: { outDir, intervalMs: 20, mode: 'diff' } },
    });
  }

  it('ingests, counts on /metrics, serves the book on /book, reports healthy, and writes the sink', async () => {
    collector = createCollector(config());
    const { url } = await collector.start();
    const book = await eventually(async () => {
      const response = await fetch(`${url}/book?exchange=binance&symbol=BTCUSDT&depth=10`);
      const body = response.status === 200 ? ((await response.json()) as { lastUpdateId: number }) : undefined;
      return body?.lastUpdateId === FINAL_BOOK.lastUpdateId ? body : undefined;
    }, 'the book to reach update 105');
    expect(book).toEqual({ exchange: 'binance', symbol: 'BTCUSDT', bidCount: 1, askCount: 3, ...FINAL_BOOK });

    const metrics = await (await fetch(`${url}/metrics`)).text();
    expect(sumSeries(metrics, 'orderbook_collector_messages_received_total', { exchange: 'binance', message_type: 'depthUpdate' })).toBe(3);
    expect(sumSeries(metrics, 'orderbook_collector_connection_status', { exchange: 'binance' })).toBe(1);
    expect(sumSeries(metrics, 'collector_orderbook_objects')).toBe(1);
    expect(sumSeries(metrics, 'collector_orderbook_levels')).toBe(4);
    expect(sumSeries(metrics, 'orderbook_collector_sequence_gaps_total')).toBe(0);

    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'healthy', feeds: [{ exchange: 'binance', status: 'live', books: { BTCUSDT: 'live' } }] });

    exchange.broadcast('{"stream":"btcusdt@depth@100ms","data":'); // truncated JSON
    const failed = await eventually(async () => {
      const text = await (await fetch(`${url}/metrics`)).text();
      const count = sumSeries(text, 'orderbook_collector_messages_failed_total', { exchange: 'binance' });
      return count > 0 ? count : undefined;
    }, 'the malformed frame to be counted');
    expect(failed).toBe(1);

    const stats = collector.stats();
    expect(stats).toMatchObject({ messages: 4, failed: 1, gaps: 0, books: 1, levels: 4, sockets: 1 });
    expect(stats.feeds).toHaveLength(1);
    expect(collector.books().map((b) => b.symbol)).toEqual(['BTCUSDT']);

    await eventually(() => (collector?.stats().sink.linesWritten ?? 0) > 0 || undefined, 'a sink line');
    const closed = exchange.clientClosed();
    await collector.stop();
    await closed;
    expect(collector.stats()).toMatchObject({ sockets: 0, sink: { queuedBytes: 0, openFiles: 0 } });
    const [file] = readdirSync(join(outDir, 'binance', 'BTCUSDT'));
    const lines = readFileSync(join(outDir, 'binance', 'BTCUSDT', file ?? ''), 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { type: string; lastUpdateId: number });
    expect(lines[0]?.type).toBe('snapshot');
    expect(lines.at(-1)?.lastUpdateId).toBe(FINAL_BOOK.lastUpdateId);
    await expect(fetch(`${url}/metrics`)).rejects.toThrow();
  });

  it('keeps answering /metrics while frames stream in (scrapes interleave with ingest)', async () => {
    collector = createCollector(config());
    const { url } = await collector.start();
    await eventually(() => collector?.books()[0]?.lastUpdateId === FINAL_BOOK.lastUpdateId || undefined, 'the initial sync');
    // The stream runs until three scrapes have answered, or gives up after 200k frames: a /metrics that
    // waited for ingest to drain would only answer once the stream had run dry.
    const maxFrames = 200_000;
    let answered = 0;
    const streaming = exchange.stream(maxFrames, () => answered >= 3);
    const scraping = (async () => {
      for (let i = 0; i < 3; i++) {
        const response = await fetch(`${url}/metrics`);
        expect(response.status).toBe(200);
        expect(sumSeries(await response.text(), 'orderbook_collector_messages_processed_total')).toBeGreaterThan(0);
        answered++;
      }
    })();
    const [sent] = await Promise.all([streaming, scraping]);
    expect(sent).toBeLessThan(maxFrames);
    const last = FINAL_BOOK.lastUpdateId + sent;
    await eventually(() => collector?.books()[0]?.lastUpdateId === last || undefined, 'every streamed frame');
    expect(collector.stats()).toMatchObject({ gaps: 0, failed: 0 });
  });

  it('is unhealthy (503) when no feed can connect once the grace period is over, 200 during it', async () => {
    await exchange.close();
    collector = createCollector(config({ graceMs: 60_000 }));
    const { url } = await collector.start();
    const during = await fetch(`${url}/health`);
    expect(during.status).toBe(200);
    expect(await during.json()).toMatchObject({ status: 'degraded', inGracePeriod: true });
    await collector.stop();

    collector = createCollector(config({ graceMs: 0 }));
    const second = await collector.start();
    const after = await fetch(`${second.url}/health`);
    expect(after.status).toBe(503);
    expect(await after.json()).toMatchObject({ status: 'unhealthy', feeds: [{ exchange: 'binance', status: 'down' }] });
  });

  it('stop() is idempotent and start() refuses to run twice', async () => {
    collector = createCollector(config());
    await collector.start();
    await expect(collector.start()).rejects.toThrow(/already started/);
    await Promise.all([collector.stop(), collector.stop()]);
  });
});
