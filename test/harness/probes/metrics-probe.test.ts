import { createServer, type Server } from 'node:http';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';
import { collectorCounters, MetricsProbe, parsePrometheusText, sumByName } from '../../../harness/probes/index.ts';

const TEXT = `# HELP orderbook_collector_messages_received_total Messages received
# TYPE orderbook_collector_messages_received_total counter
orderbook_collector_messages_received_total{exchange="binance",symbol="BTCUSDT",message_type="depthUpdate"} 120
orderbook_collector_messages_received_total{exchange="okx",symbol="BTC-USDT",message_type="books"} 30
orderbook_collector_sequence_gaps_total{exchange="binance",symbol="BTCUSDT"} 2
orderbook_collector_resyncs_total{exchange="binance",symbol="BTCUSDT",reason="gap"} 2
collector_orderbook_objects 6
collector_orderbook_levels 1234 1700000000000
orderbook_collector_checksums_verified_total{exchange="okx"} 29
process_heap_bytes 1e+7
weird line here
nan_metric NaN
`;

describe('Prometheus text', () => {
  it('parses sample lines, sums label sets and skips junk', () => {
    const { samples, skippedLines } = parsePrometheusText(TEXT);
    expect(skippedLines).toBe(2);
    const sums = sumByName(samples);
    expect(sums.get('orderbook_collector_messages_received_total')).toBe(150);
    expect(sums.get('collector_orderbook_levels')).toBe(1234);
    expect(sums.get('process_heap_bytes')).toBe(1e7);
  });

  it('maps the collector metric names to counters, absent counters as zero and optional ones only when present', () => {
    expect(collectorCounters(TEXT)).toEqual({ messages: 150, gaps: 2, resyncs: 2, reconnects: 0, books: 6, levels: 1234, failed: 0, checksumsVerified: 29 });
    expect(collectorCounters('process_heap_bytes 1\n')).toBeUndefined();
  });

  it('reads the feed socket state per exchange label, for the DataSourceDown alert', () => {
    const text = `${TEXT}orderbook_collector_connection_status{exchange="binance"} 1\norderbook_collector_connection_status{exchange="okx"} 0\n`;
    expect(collectorCounters(text)?.connectionStatus).toEqual({ binance: 1, okx: 0 });
  });
});

describe('MetricsProbe', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server) await new Promise((resolve) => server?.close(resolve));
    server = undefined;
  });

  it('scrapes a live /metrics and records a failing scrape only after the first success', async () => {
    let status = 200;
    server = createServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(TEXT);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as { port: number }).port;

    expect(await new MetricsProbe(`http://127.0.0.1:1/metrics`, 500).sample()).toEqual({});
    const probe = new MetricsProbe(`http://127.0.0.1:${port}/metrics`, 1000);
    const ok = await probe.sample();
    expect(ok.collector?.messages).toBe(150);
    expect(ok.metricsScrape?.ok).toBe(true);
    status = 503;
    const failed = await probe.sample();
    expect(failed.metricsScrape?.ok).toBe(false);
    expect(failed.collector).toBeUndefined();
    expect(probe.lastError).toBe('HTTP 503');
  });
});
