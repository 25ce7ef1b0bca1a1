// The gate rule against hand-computed values, and the baseline file round trip.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { appendToBaseline, compareMetric, compareWithBaseline, readBaseline, writeBaseline } from '../../../harness/gate/index.ts';
import type { BaselineEntry } from '../../../harness/gate/index.ts';

const history = [
  { value: 1.0, se: 0.1 },
  { value: 1.2, se: 0.1 },
  { value: 0.8, se: 0.1 },
];

describe('compareMetric', () => {
  it('matches the hand computation: base 1.0, τ² = 0.04 − 0.01, SE_Δ = √0.05333', () => {
    const c = compareMetric('gcPauseP95Ms', { value: 2, se: 0.1 }, history, 0.5);
    expect(c.base).toBeCloseTo(1, 12);
    expect(c.tau).toBeCloseTo(Math.sqrt(0.03), 12);
    expect(c.seDelta).toBeCloseTo(Math.sqrt(0.01 + 0.04 / 3 + 0.03), 12);
    expect(c.lowerBound).toBeCloseTo(1 - 2.33 * Math.sqrt(0.01 + 0.04 / 3 + 0.03), 12);
    expect(c.status).toBe('pass'); // 0.4619 ≤ 0.5
    expect(compareMetric('gcPauseP95Ms', { value: 2, se: 0.1 }, history, 0.4).status).toBe('regression');
  });
  it('a single baseline run has τ = 0', () => {
    const c = compareMetric('peakSockets', { value: 6, se: 0 }, [{ value: 3, se: 0 }], 1);
    expect(c).toMatchObject({ tau: 0, delta: 3, seDelta: 0, lowerBound: 3, status: 'regression' });
  });
  it('near-zero growth tripling is not a regression (the absolute floor)', () => {
    // 0.1 → 0.3 MB/h: a ratio gate would alarm; Δ 0.2 MB/h is below the 0.5 MB/h floor however precise.
    const c = compareMetric('heapGrowthMbPerMin', { value: 0.3 / 60, se: 0 }, [{ value: 0.1 / 60, se: 0 }], 0.5 / 60);
    expect(c.status).toBe('pass');
  });
  it('an unmeasurable error (Infinity) never regresses', () => {
    expect(compareMetric('gcPauseP95Ms', { value: 90, se: Number.POSITIVE_INFINITY }, [{ value: 10, se: 1 }], 5).status).toBe('pass');
  });
});

describe('compareWithBaseline', () => {
  const entry = (heap: number, heapSeries: BaselineEntry['heapSeries'] = 'heapAfterGc'): BaselineEntry => ({
    recordedAt: '2026-01-01T00:00:00Z', runDir: 'r', gitSha: 'abc', startedAt: '2026-01-01T00:00:00Z', heapSeries,
    metrics: { heapGrowthMbPerMin: { value: heap, se: 0.001 }, peakSockets: { value: 3, se: 0 } },
  });
  it('skips metrics either side lacks and compares heap only on the same series', () => {
    const baseline = appendToBaseline(null, 's', entry(0.01, 'heapUsed'), 10);
    const result = compareWithBaseline({ heapGrowthMbPerMin: { value: 1, se: 0.001 }, peakSockets: { value: 3, se: 0 } }, baseline, 'heapAfterGc');
    expect(result.status).toBe('pass');
    expect(result.comparisons.find((c) => c.metric === 'heapGrowthMbPerMin')?.status).toBe('skipped');
    expect(result.comparisons.find((c) => c.metric === 'gcPauseP95Ms')?.detail).toMatch(/skipped/);
  });
  it('keeps the last N runs', () => {
    let baseline = appendToBaseline(null, 's', entry(1), 2);
    baseline = appendToBaseline(baseline, 's', entry(2), 2);
    baseline = appendToBaseline(baseline, 's', entry(3), 2);
    expect(baseline.runs.map((r) => r.metrics.heapGrowthMbPerMin?.value)).toEqual([2, 3]);
  });
});

describe('baseline file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soak-baseline-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  it('round-trips, writing an infinite error as null', () => {
    const path = join(dir, 'nested', 's.json');
    const baseline = appendToBaseline(null, 's', { recordedAt: 'x', runDir: 'r', gitSha: 'g', startedAt: 'x', heapSeries: null, metrics: { gcPauseP95Ms: { value: 3, se: Number.POSITIVE_INFINITY } } }, 5);
    writeBaseline(path, baseline);
    expect(readFileSync(path, 'utf8')).toContain('"se": null');
    expect(readBaseline(path)).toEqual(baseline);
  });
  it('rejects a missing or malformed baseline with SOAK_ERR_BASELINE', () => {
    expect(() => readBaseline(join(dir, 'none.json'))).toThrow(expect.objectContaining({ code: 'SOAK_ERR_BASELINE' }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ schemaVersion: 1, scenario: 's', keep: 0, runs: [] }));
    expect(() => readBaseline(join(dir, 'bad.json'))).toThrow(/keep/);
  });
});
