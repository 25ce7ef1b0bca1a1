/**
 * The regression rule. Growth rates sit near zero, so a ratio gate would call 0.1 → 0.3 MB/h a 200 % regression;
 * instead, per metric: Δ = b_run − b_base, SE_Δ = √(SE_run² + SE_base² + τ²), and the run regresses when
 * Δ − 2.33·SE_Δ > floor (one-sided 99 %, and never for a change smaller than the metric's absolute floor).
 * b_base is the mean over the baseline's runs; τ² = max(0, var(b_i) − mean(SE_i²)) is the spread between runs
 * beyond their own errors; SE_base² = mean(SE_i²)/k + τ²/k is the error of that mean.
 */
import type { Baseline } from './baseline-file.ts';
import type { GateMeasure, GateMetricName, GateMetrics } from './gate-metrics.ts';

/** z for a one-sided 99 % bound. */
export const GATE_Z = 2.33;

/** Smallest change that counts as a regression, per metric, in the metric's unit. */
export const GATE_FLOORS: Readonly<Record<GateMetricName, number>> = Object.freeze({
  heapGrowthMbPerMin: 0.5 / 60, // 0.5 MB/h: half the leak floor
  rssGrowthMbPerMin: 2, // RSS drifts 24–168 MB/h between leak-free runs
  externalGrowthMbPerMin: 0.5 / 60,
  fdGrowthPerMin: 0.1, // 6 FDs/h
  handleGrowthPerMin: 0.1,
  gcPauseP95Ms: 5,
  peakSockets: 1, // one transient reconnect overlap is not a regression; two more sockets is
});

/** One metric's comparison. */
export interface MetricComparison {
  metric: GateMetricName;
  status: 'pass' | 'regression' | 'skipped';
  run: number | null;
  base: number | null;
  delta: number | null;
  seDelta: number | null;
  tau: number | null;
  floor: number;
  /** Δ − 2.33·SE_Δ: the change the data vouch for; a regression when above floor. */
  lowerBound: number | null;
  /** Baseline runs that held this metric. */
  baseRuns: number;
  detail: string;
}

/** The gate's result: regression when any metric regressed. */
export interface GateResult {
  status: 'pass' | 'regression';
  comparisons: MetricComparison[];
}

/** Compares a run's figures with a baseline history. */
export function compareWithBaseline(run: GateMetrics, baseline: Baseline, runHeapSeries: string | null): GateResult {
  const comparisons: MetricComparison[] = [];
  for (const metric of Object.keys(GATE_FLOORS) as GateMetricName[]) {
    const floor = GATE_FLOORS[metric];
    const history = baseline.runs
      .filter((entry) => metric !== 'heapGrowthMbPerMin' || entry.heapSeries === runHeapSeries)
      .flatMap((entry) => (entry.metrics[metric] ? [entry.metrics[metric] as GateMeasure] : []));
    const measured = run[metric];
    if (!measured || history.length === 0) {
      const why = !measured ? 'the run did not measure it' : metric === 'heapGrowthMbPerMin' ? `no baseline run measured it on the ${runHeapSeries ?? 'same'} series` : 'no baseline run measured it';
      comparisons.push({ metric, status: 'skipped', run: measured?.value ?? null, base: null, delta: null, seDelta: null, tau: null, floor, lowerBound: null, baseRuns: history.length, detail: `skipped: ${why}` });
      continue;
    }
    comparisons.push(compareMetric(metric, measured, history, floor));
  }
  return { status: comparisons.some((c) => c.status === 'regression') ? 'regression' : 'pass', comparisons };
}

/** The rule for one metric against its history. */
export function compareMetric(metric: GateMetricName, run: GateMeasure, history: readonly GateMeasure[], floor: number): MetricComparison {
  const k = history.length;
  const base = history.reduce((sum, h) => sum + h.value, 0) / k;
  const meanSe2 = history.reduce((sum, h) => sum + h.se * h.se, 0) / k;
  const spread = k >= 2 ? history.reduce((sum, h) => sum + (h.value - base) ** 2, 0) / (k - 1) : 0;
  const tau2 = Math.max(0, spread - meanSe2);
  const seBase2 = meanSe2 / k + tau2 / k;
  const delta = run.value - base;
  const seDelta = Math.sqrt(run.se * run.se + seBase2 + tau2);
  const lowerBound = delta - GATE_Z * seDelta;
  const regression = lowerBound > floor;
  const detail = `Δ ${signed(delta)} (run ${fmt(run.value)} vs base ${fmt(base)} over ${k} run${k === 1 ? '' : 's'}), SE_Δ ${fmt(seDelta)}, τ ${fmt(Math.sqrt(tau2))}: Δ − 2.33·SE_Δ = ${signed(lowerBound)} ${regression ? '>' : '≤'} floor ${fmt(floor)}`;
  return { metric, status: regression ? 'regression' : 'pass', run: run.value, base, delta, seDelta, tau: Math.sqrt(tau2), floor, lowerBound, baseRuns: k, detail };
}

function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  return Math.abs(value) >= 100 ? value.toFixed(0) : Math.abs(value) >= 1 ? value.toFixed(2) : value.toPrecision(2);
}

function signed(value: number): string {
  return value >= 0 ? `+${fmt(value)}` : fmt(value);
}
