/**
 * GC pause statistics over a run: p50/p95/p99/max, by kind, and a histogram for the report. Samples taken after a
 * heap snapshot are left out: a snapshot slows young-generation GC ~17× for the rest of the process's life.
 */
import type { Sample } from '../probes/sample.ts';
import { percentileOfSorted } from './percentile.ts';
import type { ReportData } from './report-data.ts';

/** Histogram bucket upper bounds, ms; counts has one more entry, for pauses above the last bound. */
export const GC_HISTOGRAM_BOUNDS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

/** Pause figures for report.json plus what the check and the gate need. */
export interface GcPauseSummary {
  stats: ReportData['gcPauseMs'];
  histogram: ReportData['gcPauseHistogram'];
  /** Every pause counted, ascending. */
  pausesMs: number[];
  /** GCs the probes counted but did not list individually (the agent keeps a bounded list per interval). */
  unlistedCount: number;
  /** Whether any sample carried per-kind pause lists (else per-kind p95/max are the kind's mean). */
  perKindPauses: boolean;
}

const KINDS = ['minor', 'major', 'incremental', 'weakcb'] as const;

/** Summarises GC pauses of the samples not spoiled by a heap snapshot. */
export function gcPauseSummary(samples: readonly Sample[]): GcPauseSummary {
  const pauses: number[] = [];
  const byKindPauses: Record<string, number[]> = {};
  const byKindTotals: Record<string, { count: number; totalPauseMs: number }> = {};
  let unlistedCount = 0;
  let perKindPauses = false;
  let sawGc = false;
  for (const sample of samples) {
    if (!sample.gc || sample.afterHeapSnapshot) continue;
    sawGc = true;
    pauses.push(...sample.gc.pausesMs);
    unlistedCount += Math.max(0, sample.gc.count - sample.gc.pausesMs.length);
    for (const kind of KINDS) {
      const entry = sample.gc.byKind[kind];
      if (!entry || entry.count === 0) continue;
      const totals = (byKindTotals[kind] ??= { count: 0, totalPauseMs: 0 });
      totals.count += entry.count;
      totals.totalPauseMs += entry.totalPauseMs;
      const listed = sample.gc.pausesByKindMs?.[kind];
      if (listed) {
        perKindPauses = true;
        (byKindPauses[kind] ??= []).push(...listed);
      }
    }
  }
  pauses.sort((a, b) => a - b);
  const counts = new Array<number>(GC_HISTOGRAM_BOUNDS_MS.length + 1).fill(0);
  for (const pause of pauses) {
    const bucket = GC_HISTOGRAM_BOUNDS_MS.findIndex((bound) => pause <= bound);
    const index = bucket === -1 ? GC_HISTOGRAM_BOUNDS_MS.length : bucket;
    counts[index] = (counts[index] ?? 0) + 1;
  }
  const histogram = { boundsMs: [...GC_HISTOGRAM_BOUNDS_MS], counts };
  if (!sawGc || pauses.length === 0) return { stats: null, histogram, pausesMs: pauses, unlistedCount, perKindPauses };

  const byKind: NonNullable<ReportData['gcPauseMs']>['byKind'] = {};
  for (const [kind, totals] of Object.entries(byKindTotals)) {
    const meanMs = totals.count > 0 ? totals.totalPauseMs / totals.count : 0;
    const listed = byKindPauses[kind]?.sort((a, b) => a - b);
    byKind[kind] = listed && listed.length > 0
      ? { count: totals.count, meanMs, p95: percentileOfSorted(listed, 95), max: listed.at(-1) as number }
      : { count: totals.count, meanMs, p95: meanMs, max: meanMs };
  }
  const stats = {
    p50: percentileOfSorted(pauses, 50),
    p95: percentileOfSorted(pauses, 95),
    p99: percentileOfSorted(pauses, 99),
    max: pauses.at(-1) as number,
    count: pauses.length + unlistedCount,
    byKind,
  };
  return { stats, histogram, pausesMs: pauses, unlistedCount, perKindPauses };
}
