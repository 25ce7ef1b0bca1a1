import { describe, expect, it } from 'vitest';
import type { IngestWindow } from '../../../harness/bench/ingest-rig.ts';
import { medianInterval, pairLosses } from '../../../harness/bench/probe-overhead-bench.ts';

const window = (messages: number, cpuMs: number, wallMs = 1000): IngestWindow => ({ messages, cpuMs, wallMs, mockMessages: messages, mockCpuMs: 1, mockWallMs: wallMs });

describe('probe-overhead statistics', () => {
  it('gives the median with the order-statistic interval of at least 95 % coverage', () => {
    // n = 10: P(Bin(10, ½) ≤ 1) = 11/1024, so [x(2), x(9)] covers 1 − 22/1024; [x(3), x(8)] would cover only 1 − 112/1024.
    const values = [5, 1, 9, 3, 7, 2, 8, 4, 10, 6];
    const interval = medianInterval(values);
    expect(interval.median).toBe(5.5);
    expect(interval.low).toBe(2);
    expect(interval.high).toBe(9);
    expect(interval.coverage).toBeCloseTo(1 - 22 / 1024, 12);
  });

  it('widens to the full range, with its lower coverage said, when there are too few values', () => {
    // n = 5: even [x(1), x(5)] covers only 1 − 2/32.
    expect(medianInterval([3, 1, 2, 5, 4])).toEqual({ median: 3, low: 1, high: 5, coverage: 1 - 2 / 32 });
    expect(medianInterval([]).median).toBeNaN();
  });

  it('narrows with more values: n = 36 takes ranks 12 and 25', () => {
    const values = Array.from({ length: 36 }, (_, i) => i + 1);
    const interval = medianInterval(values);
    expect([interval.low, interval.high]).toEqual([12, 25]);
    expect(interval.coverage).toBeGreaterThanOrEqual(0.95);
    expect(interval.coverage).toBeLessThan(0.98);
  });

  it('takes each pair’s loss per CPU-second and per wall-second', () => {
    const pairs = [
      { off: window(1000, 10), on: window(980, 10) },
      { off: window(1000, 10), on: window(1000, 10.5, 900) },
      { off: window(0, 0), on: window(5, 1) },
    ];
    const losses = pairLosses(pairs);
    // 100/ms vs 98/ms is 2 %; 100/ms vs 95.238/ms is 1 − 1/1.05; the pair without CPU time has no rate.
    expect(losses).toHaveLength(2);
    expect(losses[0]).toBeCloseTo(0.02, 12);
    expect(losses[1]).toBeCloseTo(1 - 1 / 1.05, 12);
    const wall = pairLosses(pairs, (w) => (w.messages * 1000) / w.wallMs);
    expect(wall[1]).toBeCloseTo(1 - 1000 / 900, 12);
  });
});
