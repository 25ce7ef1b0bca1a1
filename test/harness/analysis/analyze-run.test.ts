// Verdicts on recognisable series shapes (flat, linear leak, step, GC sawtooth, warm-up then flat, noisy flat),
// plus the checks that are not about heap growth: sockets, FDs, target death, integrity, skipped checks.
import { describe, expect, it } from 'vitest';
import { analyzeRun } from '../../../harness/analysis/index.ts';
import type { ReportData } from '../../../harness/analysis/index.ts';
import { syntheticRun } from './synthetic-run.ts';

const MIN = 60_000;
const check = (report: ReportData, id: string) => {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check ${id}`);
  return found;
};

describe('analyzeRun on series shapes', () => {
  it('flat: passes and certifies the bound in words', () => {
    const report = analyzeRun(syntheticRun({ seed: 1, durationMs: 30 * MIN }));
    expect(report.verdict).toBe('pass');
    expect(check(report, 'heap-growth').status).toBe('pass');
    expect(check(report, 'heap-growth').detail).toMatch(/< [\d.]+ MB\/h with 99 % confidence, < [\d.]+ MB\/day/);
    expect(report.growth.heapAfterGc?.leak).toBe('bounded');
    expect(report.checks.map((c) => c.id)).toEqual(['heap-growth', 'rss-growth', 'external-growth', 'fd-growth', 'socket-bound', 'handle-growth', 'gc-pause', 'event-loop', 'integrity', 'leaked-objects', 'target-alive']);
  });
  it('linear leak at 2 MB/min: fails heap-growth within 5 minutes', () => {
    const report = analyzeRun(syntheticRun({ seed: 2, durationMs: 5 * MIN, leakMbPerMin: 2 }));
    expect(check(report, 'heap-growth').status).toBe('fail');
    expect(report.verdict).toBe('fail');
    expect(Math.abs((report.growth.heapAfterGc?.perMin ?? 0) - 2)).toBeLessThan(0.15);
  });
  it('slow leak below budget (3 MB/h): passes the budget but is reported with a projection', () => {
    const report = analyzeRun(syntheticRun({ seed: 3, durationMs: 30 * MIN, leakMbPerMin: 3 / 60 }));
    expect(check(report, 'heap-growth').status).toBe('pass');
    expect(report.growth.heapAfterGc?.leak).toBe('leaking');
    expect(report.notes.join(' ')).toMatch(/Heap leak below budget: .* MB\/day/);
  });
  it('step (a cache loaded once): not called a leak', () => {
    const report = analyzeRun(syntheticRun({ seed: 4, durationMs: 30 * MIN, step: { mb: 3, atMs: 20 * MIN } }));
    expect(check(report, 'heap-growth').status).not.toBe('fail');
    expect(report.growth.heapAfterGc?.leak).not.toBe('leaking');
  });
  it('GC sawtooth only (no after-GC readings): falls back to heapUsed minima, says so, no false leak', () => {
    const report = analyzeRun(syntheticRun({ seed: 5, durationMs: 30 * MIN, noAfterGc: true, sampleIntervalMs: 2000 }));
    expect(report.growth.heapUsed).toBeDefined();
    expect(report.growth.heapAfterGc).toBeUndefined();
    expect(report.notes.join(' ')).toMatch(/minimum heapUsed per minute/);
    expect(check(report, 'heap-growth').status).not.toBe('fail');
    expect(report.growth.heapUsed?.leak).not.toBe('leaking');
  });
  it("warm-up then flat: the scenario's warm-up keeps the filling cache out", () => {
    const run = syntheticRun({ seed: 6, durationMs: 20 * MIN, warmup: { mb: 30, tauMs: MIN }, warmupMs: 8 * MIN });
    const report = analyzeRun(run);
    expect(check(report, 'heap-growth').status).toBe('pass');
    expect(report.growth.heapAfterGc?.fromMs).toBe(8 * MIN);
    // Without the stated warm-up, the trailing half of a short run still sees the cache filling: not a leak call.
    const early = analyzeRun({ ...run, meta: { ...run.meta, warmupMs: 0 } }, { untilMs: 4 * MIN });
    expect(early.growth.heapAfterGc?.leak).not.toBe('leaking');
    expect(check(early, 'heap-growth').status).not.toBe('fail');
  });
  it('noisy flat (SD 0.3 MB, AR 0.8): no leak called, and the detail says how long would decide', () => {
    const report = analyzeRun(syntheticRun({ seed: 7, durationMs: 10 * MIN, noiseSdMb: 0.3, ar: 0.8 }));
    expect(check(report, 'heap-growth').status).not.toBe('fail');
    expect(report.growth.heapAfterGc?.leak).not.toBe('leaking');
    expect(check(report, 'heap-growth').detail).toMatch(/more minutes? would decide|Within the/);
  });
  it('re-evaluates as the run goes: inconclusive early, then a decision', () => {
    const run = syntheticRun({ seed: 8, durationMs: 10 * MIN });
    const early = analyzeRun(run, { untilMs: 60_000 });
    expect(check(early, 'heap-growth').status).toBe('inconclusive');
    expect(check(early, 'heap-growth').detail).toMatch(/Too early to judge/);
    expect(analyzeRun(run).verdict).toBe('pass');
  });
});

describe('analyzeRun, other checks', () => {
  it('sockets left by each disconnect: socket-bound and fd-growth fail, correlation names the fault', () => {
    const report = analyzeRun(syntheticRun({ seed: 9, durationMs: 10 * MIN, disconnectsPerMin: 2, socketsPerDisconnect: 1 }));
    expect(check(report, 'socket-bound').status).toBe('fail');
    expect(check(report, 'fd-growth').status).toBe('fail');
    const sockets = report.correlations.find((c) => c.resource === 'sockets' && c.event === 'disconnect');
    expect(sockets?.perEvent).toBeCloseTo(1, 1);
    expect(sockets?.text).toMatch(/^each disconnect leaves \+1\.0 socket \(R² 0\.9\d|1\.00\)/);
  });
  it('open FDs at the 500 budget fail fd-growth even when flat', () => {
    const run = syntheticRun({ seed: 10, durationMs: 10 * MIN });
    for (const sample of run.samples) sample.fds.total = 520;
    expect(check(analyzeRun(run), 'fd-growth').status).toBe('fail');
  });
  it('target death fails target-alive', () => {
    const run = syntheticRun({ seed: 11, durationMs: 10 * MIN, meta: { targetExit: { code: null, signal: 'SIGKILL', lastStderr: ['FATAL ERROR: heap limit'] } } });
    const report = analyzeRun(run);
    expect(check(report, 'target-alive').status).toBe('fail');
    expect(check(report, 'target-alive').detail).toMatch(/signal SIGKILL.*heap limit/);
    expect(report.verdict).toBe('fail');
  });
  it('a non-Node target: unobservable checks are skipped and do not decide the verdict', () => {
    const run = syntheticRun({ seed: 12, durationMs: 30 * MIN });
    for (const sample of run.samples) {
      delete sample.heapAfterGc;
      delete sample.heapUsed;
      delete sample.external;
      delete sample.handles;
      delete sample.gc;
      delete sample.eventLoop;
      delete sample.collector;
    }
    const report = analyzeRun(run);
    for (const id of ['heap-growth', 'external-growth', 'handle-growth', 'gc-pause', 'event-loop', 'integrity', 'leaked-objects']) {
      expect(check(report, id).status).toBe('skipped');
    }
    expect(report.verdict).toBe('pass');
  });
  it('gaps injected but not detected fail integrity', () => {
    const run = syntheticRun({ seed: 13, durationMs: 10 * MIN });
    for (let i = 1; i <= 4; i++) run.events.push({ t: i * MIN, kind: 'gap', exchange: 'binance', symbol: 'BTCUSDT', detail: {} });
    for (const sample of run.samples) if (sample.collector) sample.collector.gaps = sample.t > 2 * MIN ? 2 : 0;
    const report = analyzeRun(run);
    expect(report.integrity).toMatchObject({ gapsInjected: 4, gapsDetected: 2 });
    expect(check(report, 'integrity').status).toBe('fail');
    expect(check(report, 'integrity').detail).toMatch(/2 of 4 injected gaps detected/);
  });
  it('reports the updates the target applied, not the frames it received, and unknown when it does not say', () => {
    const run = syntheticRun({ seed: 15, durationMs: 10 * MIN });
    expect(analyzeRun(run).integrity.updatesApplied).toBeNull();
    for (const sample of run.samples) if (sample.collector) sample.collector.updatesApplied = Math.max(0, sample.collector.messages - 7);
    const last = run.samples.at(-1)?.collector;
    expect(analyzeRun(run).integrity.updatesApplied).toBe((last?.messages ?? 0) - 7);
  });
  it('samples after a heap snapshot are left out of GC, RSS and event-loop verdicts', () => {
    const run = syntheticRun({ seed: 14, durationMs: 20 * MIN });
    for (const sample of run.samples) {
      if (sample.t < 15 * MIN) continue;
      sample.afterHeapSnapshot = true;
      sample.rss += 1024 * 1_048_576;
      sample.eventLoop = { p50: 500, p99: 16_000, max: 16_000 };
      if (sample.gc) sample.gc.pausesMs = sample.gc.pausesMs.map((p) => p * 17);
    }
    const report = analyzeRun(run);
    expect(report.notes.join(' ')).toMatch(/after a heap snapshot are left out/);
    expect(check(report, 'rss-growth').status).not.toBe('fail');
    expect(check(report, 'event-loop').status).toBe('pass');
    expect(check(report, 'gc-pause').status).toBe('pass');
  });
  it('judges GC pauses and event-loop delay after the warm-up only', () => {
    const run = syntheticRun({ seed: 16, durationMs: 10 * MIN, warmupMs: MIN });
    const stall = (sample: (typeof run.samples)[number]): void => {
      sample.eventLoop = { p50: 400, p99: 900, max: 900 };
      if (sample.gc) sample.gc.pausesMs = sample.gc.pausesMs.map(() => 400);
    };
    // Start-up compilation stalls the loop in the warm-up: not the steady state the budgets are about.
    for (const sample of run.samples) if (sample.t < MIN) stall(sample);
    const startup = analyzeRun(run);
    expect(check(startup, 'event-loop').status).toBe('pass');
    expect(check(startup, 'gc-pause').status).toBe('pass');
    expect(startup.notes.join(' ')).toMatch(/judged after the 60 s warm-up/);
    // The same stalls after the warm-up fail both.
    for (const sample of run.samples) if (sample.t >= 5 * MIN) stall(sample);
    const settled = analyzeRun(run);
    expect(check(settled, 'event-loop').status).toBe('fail');
    expect(check(settled, 'gc-pause').status).toBe('fail');
  });
  it('counts clean hours back from the last complete hour', () => {
    const run = syntheticRun({ seed: 15, durationMs: 3 * 60 * MIN + 5 * MIN, sampleIntervalMs: 60_000, meta: { budgets: { ...syntheticRun({ seed: 0, durationMs: 0 }).meta.budgets, cleanHours: 3 } } });
    expect(analyzeRun(run).cleanHours).toBe(3);
    for (const sample of run.samples) if (sample.t >= 60 * MIN && sample.t < 70 * MIN) sample.fds.total = 600;
    const broken = analyzeRun(run);
    expect(broken.cleanHours).toBe(1);
    expect(broken.notes.join(' ')).toMatch(/asked for 3 clean hour\(s\); it shows 1/);
  });
  it('an empty run is inconclusive, not an error', () => {
    const run = syntheticRun({ seed: 16, durationMs: 0 });
    const report = analyzeRun(run);
    expect(report.verdict).toBe('inconclusive');
    expect(report.notes.join(' ')).toMatch(/No samples/);
  });
});
