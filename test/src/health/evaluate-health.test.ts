import { describe, expect, it } from 'vitest';
import { evaluateHealth, type FeedHealthInput } from '../../../src/health/index.ts';

const NOW = 1_000_000;
const base = { nowMs: NOW, startedAtMs: NOW - 60_000, graceMs: 30_000, staleAfterMs: 10_000 };
const liveBinance: FeedHealthInput = { exchange: 'binance', connection: 'open', lastMessageAtMs: NOW - 100, books: [{ symbol: 'BTCUSDT', state: 'live' }] };
const liveOkx: FeedHealthInput = { exchange: 'okx', connection: 'open', lastMessageAtMs: NOW - 200, books: [{ symbol: 'BTC-USDT', state: 'live' }] };

describe('evaluateHealth', () => {
  it('is healthy (200) when every feed is open and fresh and every book live', () => {
    const report = evaluateHealth({ ...base, feeds: [liveBinance, liveOkx] });
    expect(report).toMatchObject({ status: 'healthy', httpStatus: 200, inGracePeriod: false, uptimeMs: 60_000 });
    expect(report.feeds[0]).toEqual({ exchange: 'binance', status: 'live', connection: 'open', lastMessageAgeMs: 100, books: { BTCUSDT: 'live' }, reasons: [] });
  });

  it('is degraded but 200 when a book resyncs, a feed is silent, or one feed of two is down', () => {
    const resyncing = evaluateHealth({ ...base, feeds: [{ ...liveBinance, books: [{ symbol: 'BTCUSDT', state: 'resyncing' }, { symbol: 'ETHUSDT', state: undefined }] }, liveOkx] });
    expect(resyncing).toMatchObject({ status: 'degraded', httpStatus: 200 });
    expect(resyncing.feeds[0]).toMatchObject({ status: 'degraded', books: { BTCUSDT: 'resyncing', ETHUSDT: 'missing' }, reasons: ['BTCUSDT resyncing', 'ETHUSDT has no book yet'] });

    const silent = evaluateHealth({ ...base, feeds: [{ ...liveBinance, lastMessageAtMs: NOW - 10_001 }] });
    expect(silent).toMatchObject({ status: 'degraded', httpStatus: 200 });
    expect(silent.feeds[0]?.reasons).toEqual(['silent for 10001 ms']);

    const oneDown = evaluateHealth({ ...base, feeds: [{ ...liveBinance, connection: 'connecting' }, liveOkx] });
    expect(oneDown).toMatchObject({ status: 'degraded', httpStatus: 200 });
    expect(oneDown.feeds[0]).toMatchObject({ status: 'down', reasons: ['socket connecting'] });
  });

  it('is unhealthy (503) only when no feed is connected after the grace period', () => {
    const down = [{ ...liveBinance, connection: 'closed' as const }, { ...liveOkx, connection: 'connecting' as const }];
    expect(evaluateHealth({ ...base, feeds: down })).toMatchObject({ status: 'unhealthy', httpStatus: 503 });
    expect(evaluateHealth({ ...base, feeds: [] })).toMatchObject({ status: 'unhealthy', httpStatus: 503 });
  });

  it('answers 200 during the start-up grace period, whatever the feeds say', () => {
    const starting = { ...base, startedAtMs: NOW - 29_999 };
    const down = [{ exchange: 'binance' as const, connection: 'connecting' as const, lastMessageAtMs: undefined, books: [{ symbol: 'BTCUSDT', state: undefined }] }];
    const report = evaluateHealth({ ...starting, feeds: down });
    expect(report).toMatchObject({ status: 'degraded', httpStatus: 200, inGracePeriod: true });
    expect(report.feeds[0]?.lastMessageAgeMs).toBeNull();
    // One millisecond later the grace is over.
    expect(evaluateHealth({ ...starting, nowMs: NOW + 1, feeds: down })).toMatchObject({ status: 'unhealthy', httpStatus: 503, inGracePeriod: false });
  });
});
