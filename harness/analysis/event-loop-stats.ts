/**
 * Event-loop delay over a run. Each sample holds one interval's p99; the run's p99 is the 90th percentile of
 * those, so the check fails when more than one interval in ten had a p99 over budget, and a single stall
 * shows in max without deciding the verdict. Samples after a heap snapshot are left out (the snapshot froze the loop).
 */
import type { Sample } from '../probes/sample.ts';
import { percentile } from './percentile.ts';

/** Event-loop figures for report.json and the check. */
export interface EventLoopSummary {
  p99: number;
  max: number;
  intervals: number;
  /** Intervals whose own p99 exceeded the given budget. */
  intervalsOverBudget: number;
}

/** Summarises event-loop delay, or null when the target reports none. */
export function eventLoopSummary(samples: readonly Sample[], budgetP99Ms: number): EventLoopSummary | null {
  const p99s: number[] = [];
  let max = 0;
  let intervalsOverBudget = 0;
  for (const sample of samples) {
    if (!sample.eventLoop || sample.afterHeapSnapshot) continue;
    p99s.push(sample.eventLoop.p99);
    if (sample.eventLoop.p99 > budgetP99Ms) intervalsOverBudget++;
    if (sample.eventLoop.max > max) max = sample.eventLoop.max;
  }
  if (p99s.length === 0) return null;
  return { p99: percentile(p99s, 90), max, intervals: p99s.length, intervalsOverBudget };
}
