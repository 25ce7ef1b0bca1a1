/**
 * The figures the regression gate compares between a run and its baseline, each with its standard error:
 * growth rates (from the analysis, Newey–West errors), GC pause p95 (rank-based error) and peak held sockets.
 */
import { gcPauseSummary, heldSockets, percentileStandardError } from '../analysis/index.ts';
import type { ReportData, RunInput } from '../analysis/index.ts';

/** Gate metric names; each has an absolute floor in GATE_FLOORS. */
export type GateMetricName =
  | 'heapGrowthMbPerMin'
  | 'rssGrowthMbPerMin'
  | 'externalGrowthMbPerMin'
  | 'fdGrowthPerMin'
  | 'handleGrowthPerMin'
  | 'gcPauseP95Ms'
  | 'peakSockets';

/** One measured figure and its standard error (0 for exact counts, Infinity when too little data to say). */
export interface GateMeasure {
  value: number;
  se: number;
}

/** A run's gate figures; a metric the run could not measure is absent. */
export type GateMetrics = Partial<Record<GateMetricName, GateMeasure>>;

const GROWTH_METRICS: Array<[GateMetricName, string]> = [
  ['rssGrowthMbPerMin', 'rss'],
  ['externalGrowthMbPerMin', 'external'],
  ['fdGrowthPerMin', 'fds'],
  ['handleGrowthPerMin', 'handles'],
];

/** Extracts the gate figures from a run's report and its samples. */
export function gateMetrics(report: ReportData, input: RunInput): GateMetrics {
  const metrics: GateMetrics = {};
  const heap = report.growth.heapAfterGc ?? report.growth.heapUsed;
  if (heap?.se !== undefined) metrics.heapGrowthMbPerMin = { value: heap.perMin, se: heap.se };
  for (const [name, series] of GROWTH_METRICS) {
    const growth = report.growth[series];
    if (growth?.se !== undefined) metrics[name] = { value: growth.perMin, se: growth.se };
  }
  const gc = gcPauseSummary(input.samples);
  if (gc.stats) metrics.gcPauseP95Ms = { value: gc.stats.p95, se: percentileStandardError(gc.pausesMs, 95) };
  if (input.samples.length > 0) metrics.peakSockets = { value: Math.max(...input.samples.map(heldSockets)), se: 0 };
  return metrics;
}

/** Which heap series the heap metric came from (baselines only compare like with like). */
export function heapSeriesOf(report: ReportData): 'heapAfterGc' | 'heapUsed' | null {
  if (report.growth.heapAfterGc) return 'heapAfterGc';
  if (report.growth.heapUsed) return 'heapUsed';
  return null;
}
