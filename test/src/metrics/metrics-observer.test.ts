import { describe, expect, it } from 'vitest';
import { OrderBook } from '../../../src/book/index.ts';
import { CollectorMetrics, LabelCache, MetricsObserver, OVERFLOW_LABEL } from '../../../src/metrics/index.ts';

/** Value of one series in Prometheus text, or undefined when absent. */
function series(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

describe('MetricsObserver', () => {
  it('turns feed events into series and plain totals, and mirrors the feeds\' own counters at scrape', async () => {
    const metrics = new CollectorMetrics({ defaultMetrics: false, feedTotals: () => ({ books: 3, levels: 120, updatesApplied: 9, checksumsVerified: 290, checksumFailures: 1 }) });
    const observer = new MetricsObserver(metrics);
    const book = new OrderBook('binance', 'BTCUSDT', 100);
    observer.declareExchange('okx');
    observer.onConnection('binance', 'open', 'connected');
    for (let i = 0; i < 5; i++) observer.onMessage('binance', 'BTCUSDT', 'depthUpdate', 1_700_000_000_000 + i);
    observer.onMessage('binance', undefined, 'pong', 1_700_000_000_010);
    observer.onProcessed(book, 4, 0.000_02, undefined);
    observer.onProcessed(book, 6, 0.003, 1_700_000_000_000);
    observer.onFailed('binance', 'malformed', 'depthUpdate');
    observer.onGap('binance', 'BTCUSDT', 10, 12);
    observer.onResync('binance', 'BTCUSDT', 'gap');
    observer.onReconnect('binance', 'half-open');
    observer.onPruned('binance', 'BTCUSDT', 7);

    const text = await metrics.metricsText();
    expect(series(text, 'orderbook_collector_messages_received_total', 'exchange="binance",symbol="BTCUSDT",message_type="depthUpdate"')).toBe(5);
    expect(series(text, 'orderbook_collector_messages_received_total', 'exchange="binance",symbol="",message_type="pong"')).toBe(1);
    expect(series(text, 'orderbook_collector_messages_processed_total', 'exchange="binance",symbol="BTCUSDT"')).toBe(2);
    expect(series(text, 'orderbook_collector_updates_applied_total')).toBe(9);
    expect(series(text, 'orderbook_collector_message_processing_latency_count')).toBe(2);
    expect(series(text, 'orderbook_collector_message_processing_latency_bucket', 'le="0.00005"')).toBe(1);
    expect(series(text, 'orderbook_collector_messages_failed_total', 'exchange="binance",reason="malformed"')).toBe(1);
    expect(series(text, 'orderbook_collector_sequence_gaps_total', 'exchange="binance",symbol="BTCUSDT"')).toBe(1);
    expect(series(text, 'orderbook_collector_resyncs_total', 'exchange="binance",reason="gap"')).toBe(1);
    expect(series(text, 'orderbook_collector_reconnects_total', 'exchange="binance"')).toBe(1);
    expect(series(text, 'orderbook_collector_levels_pruned_total', 'exchange="binance",symbol="BTCUSDT"')).toBe(7);
    expect(series(text, 'orderbook_collector_checksums_verified_total')).toBe(290);
    expect(series(text, 'orderbook_collector_checksum_failures_total')).toBe(1);
    expect(series(text, 'orderbook_collector_connection_status', 'exchange="binance"')).toBe(1);
    expect(series(text, 'orderbook_collector_connection_status', 'exchange="okx"')).toBe(0);
    expect(series(text, 'orderbook_collector_last_message_timestamp', 'exchange="binance"')).toBe(1_700_000_000.01);
    expect(series(text, 'collector_orderbook_objects')).toBe(3);
    expect(series(text, 'collector_orderbook_levels')).toBe(120);

    expect(observer.totals()).toEqual({
      messages: 6,
      processed: 2,
      failed: 1,
      gaps: 1,
      resyncs: 1,
      reconnects: 1,
      levelsApplied: 10,
      levelsPruned: 7,
    });
    expect(observer.activity('binance')).toEqual({ connection: 'open', lastMessageAtMs: 1_700_000_000_010, connectionDetail: 'connected' });
    expect(observer.activity('okx')?.connection).toBe('closed');
    expect(observer.activity('binance-futures')).toBeUndefined();
  });

  it('caps label values from the network so the registry cannot grow without bound', async () => {
    const metrics = new CollectorMetrics({ defaultMetrics: false });
    const observer = new MetricsObserver(metrics);
    for (let i = 0; i < 200; i++) observer.onMessage('okx', 'BTC-USDT', `type-${i}`, 1);
    const text = await metrics.metricsText();
    const lines = text.split('\n').filter((l) => l.startsWith('orderbook_collector_messages_received_total{'));
    // 32 distinct types, then everything else shares `other`.
    expect(lines).toHaveLength(33);
    expect(series(text, 'orderbook_collector_messages_received_total', `exchange="okx",symbol="BTC-USDT",message_type="${OVERFLOW_LABEL}"`)).toBe(200 - 32);
  });
});

describe('LabelCache', () => {
  it('creates each child once and shares the overflow child past the limit', () => {
    const created: string[] = [];
    const cache = new LabelCache((value) => {
      created.push(value);
      return { value };
    }, 2);
    const a = cache.get('a');
    expect(cache.get('a')).toBe(a);
    cache.get('b');
    expect(cache.get('c')).toBe(cache.get('d'));
    expect(created).toEqual(['a', 'b', OVERFLOW_LABEL]);
    expect(cache.size).toBe(3);
  });
});
