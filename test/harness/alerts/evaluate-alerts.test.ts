import { rm } from 'node:fs/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { type AlertOutcome, evaluateAlerts } from '../../../harness/alerts/index.ts';
import { CLEAN, LEAKY, MB, writeSyntheticRun } from './synthetic-run.ts';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function evaluate(run: Parameters<typeof writeSyntheticRun>[0], timeScale?: number): Promise<Map<string, AlertOutcome>> {
  const dir = await writeSyntheticRun(run);
  dirs.push(dir);
  const outcomes = await evaluateAlerts(dir, { timeScale });
  return new Map(outcomes.map((outcome) => [outcome.alert, outcome]));
}

function fired(outcomes: Map<string, AlertOutcome>): string[] {
  return [...outcomes.values()].filter((o) => o.fired).map((o) => o.alert).sort();
}

describe('evaluateAlerts over the real rules file', () => {
  it('a planted leak (RSS +100 MB per 30 min, FDs +20/min) fires MemoryLeak and FileDescriptorLeak, and when', async () => {
    const outcomes = await evaluate({ ...LEAKY, minutes: 50, intervalMs: 10_000 });
    expect(fired(outcomes)).toEqual(['FileDescriptorLeak', 'MemoryLeak', 'SoakFdGrowthHigh', 'SoakMemoryGrowthHigh']);
    const leak = outcomes.get('MemoryLeak');
    // Silent until the 30-min window lies after the 10-min warm-up (40 min), then for: 5m.
    expect(leak?.firstFiredAtMs).toBeGreaterThanOrEqual(45 * 60_000);
    expect(leak?.firstFiredAtMs).toBeLessThanOrEqual(45.5 * 60_000);
    expect(leak?.severity).toBe('warning');
    // FDs pass 800 at 38.8 min (24 + 20/min), then for: 3m.
    const fds = outcomes.get('FileDescriptorLeak');
    expect(fds?.firstFiredAtMs).toBeGreaterThanOrEqual(41.8 * 60_000);
    expect(fds?.firstFiredAtMs).toBeLessThanOrEqual(42.3 * 60_000);
    expect(fds?.detail).toMatch(/^firing from 4[12]m/);
    // A target that exports no connection status: the alert is said to be not evaluable, never silent.
    expect(outcomes.get('DataSourceDown')?.status).toBe('not-evaluable');
    expect(outcomes.get('DataSourceDown')?.detail).toContain('orderbook_collector_connection_status');
  });

  it('a clean, flat run of the same length fires nothing, and every evaluable alert is reported silent', async () => {
    const outcomes = await evaluate({ ...CLEAN, minutes: 50, intervalMs: 10_000, connectionStatus: () => ({ binance: 1, okx: 1 }) });
    expect(fired(outcomes)).toEqual([]);
    expect(outcomes.size).toBe(12);
    for (const outcome of outcomes.values()) {
      expect(outcome.firstFiredAtMs).toBeNull();
      expect(outcome.status, outcome.alert).toBe('silent');
    }
  });

  it('a feed down for over a minute fires DataSourceDown (for: 1m); one that flaps back within it does not', async () => {
    // binance drops at 3 min and stays down; okx drops for 40 s at 1 min and comes back.
    const status = (min: number): Record<string, number> => ({ binance: min >= 3 ? 0 : 1, okx: min >= 1 && min < 1 + 40 / 60 ? 0 : 1 });
    const outcomes = await evaluate({ ...CLEAN, minutes: 6, intervalMs: 1000, connectionStatus: status });
    const down = outcomes.get('DataSourceDown');
    expect(down?.fired).toBe(true);
    expect(down?.severity).toBe('critical');
    expect(down?.firstFiredAtMs).toBeGreaterThanOrEqual(4 * 60_000);
    expect(down?.firstFiredAtMs).toBeLessThanOrEqual(4 * 60_000 + 30_000);
    const steady = await evaluate({ ...CLEAN, minutes: 6, intervalMs: 1000, connectionStatus: (min) => ({ binance: 1, okx: min >= 1 && min < 1 + 40 / 60 ? 0 : 1 }) });
    expect(steady.get('DataSourceDown')?.status).toBe('silent');
  });

  it('a short clean run says which alerts could not have fired rather than calling them silent', async () => {
    const outcomes = await evaluate({ ...CLEAN, minutes: 2, intervalMs: 1000 });
    expect(fired(outcomes)).toEqual([]);
    expect(outcomes.get('MemoryLeak')?.status).toBe('too-short');
    expect(outcomes.get('MemoryLeak')?.detail).toContain('45m');
    expect(outcomes.get('GCPerformanceDegraded')?.status).toBe('too-short');
    expect(outcomes.get('CollectorTargetDown')?.status).toBe('silent');
    expect(outcomes.get('HighErrorRate')?.status).toBe('silent');
  });

  it('a target that dies fires CollectorTargetDown 30 s after its last sample', async () => {
    const outcomes = await evaluate({ ...CLEAN, minutes: 10, intervalMs: 1000, exitAtMin: 6, exitTailMs: 90_000 });
    const down = outcomes.get('CollectorTargetDown');
    expect(down?.fired).toBe(true);
    expect(down?.severity).toBe('critical');
    expect(down?.firstFiredAtMs).toBeGreaterThanOrEqual(6 * 60_000 + 30_000);
    expect(down?.firstFiredAtMs).toBeLessThanOrEqual(6 * 60_000 + 31_000);
  });

  it('a target the runner stops at the end of the run is not "down"', async () => {
    const outcomes = await evaluate({ ...CLEAN, minutes: 10, intervalMs: 1000, exitAtMin: 6, exitTailMs: 90_000, stoppedByRunner: true });
    expect(outcomes.get('CollectorTargetDown')?.status).toBe('silent');
  });

  it('time scale: a 5-minute fast leak cannot fire MemoryLeak at scale 1, and fires at scale 10', async () => {
    const fast = { ...CLEAN, rssBytes: (min: number) => 90 * MB + 40 * MB * min, minutes: 5, intervalMs: 1000 };
    const real = await evaluate(fast);
    expect(real.get('MemoryLeak')?.status).toBe('too-short');
    const compressed = await evaluate(fast, 10);
    expect(compressed.get('MemoryLeak')?.fired).toBe(true);
    expect(compressed.get('MemoryLeak')?.detail).toContain('time scale 10');
    // 40 min gate + 5 min for, in series time = 4.5 min of run time.
    expect(compressed.get('MemoryLeak')?.firstFiredAtMs).toBeGreaterThanOrEqual(4.5 * 60_000);
    // The clean parts stay clean under compression: counters are scaled so rates keep their real values.
    expect(compressed.get('CollectorDataIngestionLow')?.fired).toBe(false);
    expect(compressed.get('CollectorNoDataIngestion')?.fired).toBe(false);
  });

  it('a run directory without samples is one clear SOAK_ERR_RUN_DIR', async () => {
    await expect(evaluateAlerts('/nonexistent/run')).rejects.toMatchObject({ code: 'SOAK_ERR_RUN_DIR' });
  });
});
