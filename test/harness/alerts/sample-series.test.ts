import { describe, expect, it } from 'vitest';
import { samplesToSeries, type SeriesSet } from '../../../harness/alerts/index.ts';
import type { Sample } from '../../../harness/probes/sample.ts';

function sample(t: number, overrides: Partial<Sample> = {}): Sample {
  return {
    t,
    rss: 100 + t,
    fds: { total: 10, socket: 2, file: 8, pipe: 0, anon: 0, other: 0 },
    sockets: { established: 3, closeWait: 1, timeWait: 0, listen: 1, other: 0, total: 5 },
    cpu: { user: 1, system: 1 },
    collector: { messages: t, gaps: 0, resyncs: 0, reconnects: 0, books: 1, levels: 10, failed: 0 },
    ...overrides,
  };
}

const options = { job: 'c', instance: 'i', gridIntervalMs: 1000, timeScale: 1, gcBucketsS: [0.01, 0.05] };

function values(set: SeriesSet, metric: string, le?: string): Array<number | null> | undefined {
  return set.series.find((s) => s.metric === metric && (le === undefined || s.labels.le === le))?.values;
}

describe('samplesToSeries', () => {
  it('puts each sample on the grid a scrape would have seen, and leaves gaps empty', () => {
    // Samples at 0, 1.1 s, 2 s, then nothing until 6 s (the probe was stalled).
    const set = samplesToSeries([sample(0), sample(1100), sample(2000), sample(6000)], options);
    expect(set.points).toBe(7);
    expect(values(set, 'process_resident_memory_bytes')).toEqual([100, 1200, 2100, 2100, 2100, null, 6100]);
    // TCP connections: every socket but the listening one.
    expect(values(set, 'collector_tcp_connections')?.[0]).toBe(4);
    expect(set.series.find((s) => s.metric === 'up')?.labels).toEqual({ job: 'c', instance: 'i' });
  });

  it('turns up to 0 once the target exited, and stops its other series', () => {
    const set = samplesToSeries([sample(0), sample(1000), sample(2000)], { ...options, targetExitMs: 2000, endMs: 5000 });
    expect(values(set, 'up')).toEqual([1, 1, 0, 0, 0, 0]);
    expect(values(set, 'process_open_fds')).toEqual([10, 10, null, null, null, null]);
  });

  it('starts up with the first answered scrape (start-up is not "down"), and counts later misses as 0', () => {
    const set = samplesToSeries([sample(0, { collector: undefined }), sample(1000, { collector: undefined }), sample(2000), sample(3000, { collector: undefined }), sample(4000)], options);
    expect(values(set, 'up')).toEqual([null, null, 1, 0, 1]);
  });

  it('writes no up series for a target without /metrics (a /proc-only target)', () => {
    const set = samplesToSeries([sample(0, { collector: undefined }), sample(1000, { collector: undefined })], options);
    expect(values(set, 'up')).toBeUndefined();
    expect(values(set, 'orderbook_collector_messages_received_total')).toBeUndefined();
    expect(values(set, 'process_resident_memory_bytes')).toEqual([100, 1100]);
  });

  it('rebuilds a cumulative GC histogram from the individual pauses', () => {
    const gc = (pausesMs: number[]) => ({ count: pausesMs.length, totalPauseMs: 0, maxPauseMs: 0, pausesMs, byKind: { minor: { count: 0, totalPauseMs: 0 }, major: { count: 0, totalPauseMs: 0 }, incremental: { count: 0, totalPauseMs: 0 }, weakcb: { count: 0, totalPauseMs: 0 } } });
    const set = samplesToSeries([sample(0, { gc: gc([1, 20]) }), sample(1000, { gc: gc([60, 5, 50]) })], options);
    expect(values(set, 'nodejs_gc_duration_seconds_bucket', '0.01')).toEqual([1, 2]);
    expect(values(set, 'nodejs_gc_duration_seconds_bucket', '0.05')).toEqual([2, 4]);
    expect(values(set, 'nodejs_gc_duration_seconds_bucket', '+Inf')).toEqual([2, 5]);
  });

  it('under a time scale multiplies counters (rates keep their values) and the start time, never gauges', () => {
    const set = samplesToSeries([sample(0), sample(1000), sample(2000)], { ...options, timeScale: 10, targetStartMs: -500 });
    expect(values(set, 'orderbook_collector_messages_received_total')).toEqual([0, 10_000, 20_000]);
    expect(values(set, 'process_resident_memory_bytes')).toEqual([100, 1100, 2100]);
    expect(values(set, 'process_start_time_seconds')).toEqual([-5, -5, -5]);
  });

  it('carries each feed\'s connection status under its exchange label, and none for a target that exports none', () => {
    const withStatus = (t: number, binance: number): Sample => {
      const base = sample(t);
      return { ...base, collector: { ...base.collector!, connectionStatus: t < 2000 ? { binance } : { binance, okx: 1 } } };
    };
    const set = samplesToSeries([withStatus(0, 1), withStatus(1000, 0), withStatus(2000, 0)], options);
    const status = set.series.filter((s) => s.metric === 'orderbook_collector_connection_status');
    expect(status.map((s) => [s.labels.exchange, s.values])).toEqual([['binance', [1, 0, 0]], ['okx', [null, null, 1]]]);
    expect(samplesToSeries([sample(0), sample(1000)], options).series.some((s) => s.metric === 'orderbook_collector_connection_status')).toBe(false);
  });

  it('carries the soak growth gauges under job soakbook', () => {
    const set = samplesToSeries([sample(0), sample(1000)], { ...options, growth: { memoryMbPerMin: [null, 2.5], fdsPerMin: [null, 0] } });
    const memory = set.series.find((s) => s.metric === 'memory_growth_rate_mb_per_minute');
    expect(memory?.values).toEqual([null, 2.5]);
    expect(memory?.labels).toEqual({ job: 'soakbook', instance: 'i' });
  });
});
