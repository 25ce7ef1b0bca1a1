// Simulation on hundreds of seeded synthetic runs with realistic noise (heap after GC: SD 0.05 MB, AR(1) 0.5,
// 3–5 major GCs per minute; heapUsed sawtooth for the fallback): false-leak and detection rates against the targets.
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../harness/analysis/index.ts';
import { assessGrowth } from '../../../harness/analysis/growth-check.ts';
import type { GrowthAssessment } from '../../../harness/analysis/growth-check.ts';
import { resourceSeries } from '../../../harness/analysis/resource-series.ts';
import { syntheticRun } from './synthetic-run.ts';
import type { SyntheticRunSpec } from './synthetic-run.ts';

const MIN = 60_000;
const RUNS = 200;

/** The heap-growth judgement analyzeRun makes, on the run cut at `minutes` (10 s samples keep it fast). */
function judge(spec: Omit<SyntheticRunSpec, 'durationMs'>, minutes: number): GrowthAssessment {
  const run = syntheticRun({ sampleIntervalMs: 10_000, ...spec, durationMs: minutes * MIN });
  const series = resourceSeries(run.samples);
  return assessGrowth({
    id: 'heap-growth',
    title: 'heap',
    seriesName: 'heap',
    series: spec.noAfterGc ? series.heapUsedEnvelopeMb : series.heapAfterGcMb,
    unit: 'MB',
    budgetPerMin: run.meta.budgets.heapGrowthMbPerMin,
    leakFloorPerMin: run.meta.budgets.leakFloorMbPerHour / 60,
    warmupMs: 0,
    unobservable: '',
  });
}

function rate(seedBase: number, predicate: (seed: number) => boolean): number {
  let hits = 0;
  for (let i = 0; i < RUNS; i++) if (predicate(seedBase + i)) hits++;
  return hits / RUNS;
}

const calledLeak = (a: GrowthAssessment): boolean => a.leak === 'leaking' || a.check.status === 'fail';

describe('simulation: leak verdicts on generated series', () => {
  it('leak-free runs: ≤ 1 % called leaking at 5, 10 and 30 minutes (with and without a filling cache)', () => {
    const rates = {
      flat5: rate(1000, (seed) => calledLeak(judge({ seed }, 5))),
      flat10: rate(2000, (seed) => calledLeak(judge({ seed }, 10))),
      flat30: rate(3000, (seed) => calledLeak(judge({ seed }, 30))),
      cache10: rate(4000, (seed) => calledLeak(judge({ seed, warmup: { mb: 10 * ((seed % 7) / 7), tauMs: MIN } }, 10))),
      ar08at30: rate(5000, (seed) => calledLeak(judge({ seed, ar: 0.8 }, 30))),
      heapUsedOnly30: rate(6000, (seed) => calledLeak(judge({ seed, noAfterGc: true }, 30))),
    };
    console.info('false-leak rates', rates);
    for (const value of Object.values(rates)) expect(value).toBeLessThanOrEqual(0.01);
  });

  it('a stable process is certified "< 1 MB/h" within 30 minutes', () => {
    const certified = rate(7000, (seed) => judge({ seed }, 30).leak === 'bounded');
    console.info('certified < 1 MB/h at 30 min', certified);
    expect(certified).toBeGreaterThanOrEqual(0.95);
  });

  it('a 2 MB/h leak is flagged within 30 minutes', () => {
    const flagged = rate(8000, (seed) => judge({ seed, leakMbPerMin: 2 / 60 }, 30).leak === 'leaking');
    console.info('2 MB/h flagged at 30 min', flagged);
    expect(flagged).toBeGreaterThanOrEqual(0.95);
  });

  it("the runbook's 1 MB/min leak is flagged within 5 minutes, and 2 MB/min fails the budget", () => {
    const flagged = rate(9000, (seed) => judge({ seed, leakMbPerMin: 1 }, 5).leak === 'leaking');
    const failed = rate(10_000, (seed) => judge({ seed, leakMbPerMin: 2 }, 5).check.status === 'fail');
    console.info('1 MB/min flagged at 5 min', flagged, '2 MB/min failed at 5 min', failed);
    expect(flagged).toBeGreaterThanOrEqual(0.99);
    expect(failed).toBeGreaterThanOrEqual(0.99);
  });

  it('analyzeRun reaches the same heap verdict as the judgement measured above', () => {
    for (let seed = 0; seed < 5; seed++) {
      const spec = { seed, leakMbPerMin: seed % 2 === 0 ? 2 / 60 : 0, sampleIntervalMs: 10_000 };
      const report = analyzeRun(syntheticRun({ ...spec, durationMs: 30 * MIN }));
      const direct = judge(spec, 30);
      expect(report.checks[0]?.status).toBe(direct.check.status);
      expect(report.checks[0]?.value).toBe(direct.check.value);
      expect(report.growth.heapAfterGc?.leak).toBe(direct.leak);
    }
  });
});
