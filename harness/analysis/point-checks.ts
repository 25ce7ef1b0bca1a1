/**
 * Checks judged on a level rather than a slope: GC pause p95, event-loop p99, held sockets against the streams the
 * scenario opens, leaked objects in the heap diff, and whether the target stayed alive.
 */
import type { Sample } from '../probes/sample.ts';
import type { EventLoopSummary } from './event-loop-stats.ts';
import type { GcPauseSummary } from './gc-pause-stats.ts';
import { formatFigure } from './growth-text.ts';
import type { Check, HeapDiffSummary } from './report-data.ts';
import { heldSockets } from './resource-series.ts';
import type { RunMeta } from './run-input.ts';

/** Pauses needed before a p95 over budget is called (with fewer, one slow GC would decide). */
export const MIN_GC_PAUSES = 20;
/** Intervals needed before an event-loop p99 is called. */
export const MIN_LOOP_INTERVALS = 5;

/** GC pause p95 against its budget; all pauses under budget passes even with few of them. */
export function gcPauseCheck(summary: GcPauseSummary, budgetMs: number): Check {
  const base = { id: 'gc-pause' as const, title: 'GC pause p95', budget: budgetMs, unit: 'ms' };
  const stats = summary.stats;
  if (!stats) return { ...base, status: 'skipped', value: null, detail: 'The target reports no GC pauses (not a Node target, or no agent).' };
  const figures = `p50 ${formatFigure(stats.p50)} ms, p95 ${formatFigure(stats.p95)} ms, p99 ${formatFigure(stats.p99)} ms, max ${formatFigure(stats.max)} ms over ${summary.pausesMs.length} pauses`;
  if (stats.max <= budgetMs) return { ...base, status: 'pass', value: stats.p95, detail: `${figures}; every pause within ${budgetMs} ms.` };
  if (summary.pausesMs.length < MIN_GC_PAUSES) {
    return { ...base, status: 'inconclusive', value: stats.p95, detail: `${figures}; ${MIN_GC_PAUSES} pauses are needed before a p95 over budget is called.` };
  }
  const status = stats.p95 > budgetMs ? 'fail' : 'pass';
  return { ...base, status, value: stats.p95, detail: `${figures}; p95 ${status === 'fail' ? 'above' : 'within'} the ${budgetMs} ms budget.` };
}

/** Event-loop p99 (90th percentile of per-interval p99s) against its budget. */
export function eventLoopCheck(summary: EventLoopSummary | null, budgetMs: number): Check {
  const base = { id: 'event-loop' as const, title: 'Event-loop delay p99', budget: budgetMs, unit: 'ms' };
  if (!summary) return { ...base, status: 'skipped', value: null, detail: 'The target reports no event-loop delay (not a Node target, or no agent).' };
  const figures = `p99 ${formatFigure(summary.p99)} ms (90th percentile of ${summary.intervals} interval p99s), max ${formatFigure(summary.max)} ms; ${summary.intervalsOverBudget} interval(s) over ${budgetMs} ms`;
  if (summary.intervals < MIN_LOOP_INTERVALS) return { ...base, status: 'inconclusive', value: summary.p99, detail: `${figures}; ${MIN_LOOP_INTERVALS} intervals needed.` };
  const status = summary.p99 > budgetMs ? 'fail' : 'pass';
  return { ...base, status, value: summary.p99, detail: `${figures}.` };
}

/** Held sockets never above streamsOpened + socketSlack. */
export function socketBoundCheck(samples: readonly Sample[], meta: RunMeta): Check {
  const bound = meta.streamsOpened + meta.socketSlack;
  const base = { id: 'socket-bound' as const, title: 'Sockets within the streams opened', budget: bound, unit: 'sockets' };
  if (samples.length === 0) return { ...base, status: 'inconclusive', value: null, detail: 'No samples yet.' };
  let peak = 0;
  let peakT = 0;
  let over = 0;
  for (const sample of samples) {
    const held = heldSockets(sample);
    if (held > bound) over++;
    if (held > peak) {
      peak = held;
      peakT = sample.t;
    }
  }
  const last = heldSockets(samples.at(-1) as Sample);
  const figures = `peak ${peak} at ${formatFigure(peakT / 60_000)} min, ${last} at the end; bound ${meta.streamsOpened} streams + ${meta.socketSlack} slack`;
  if (over > 0) return { ...base, status: 'fail', value: peak, detail: `${figures}; above the bound in ${over} of ${samples.length} samples.` };
  return { ...base, status: 'pass', value: peak, detail: `${figures}.` };
}

/** Leak candidates of the three-snapshot diff against the leaked-objects budget (0). */
export function leakedObjectsCheck(heapDiff: HeapDiffSummary | undefined, budget: number): Check {
  const base = { id: 'leaked-objects' as const, title: 'Leaked objects (heap diff)', budget, unit: 'objects' };
  if (!heapDiff) return { ...base, status: 'skipped', value: null, detail: 'No heap diff in this run (heapdiff.json absent).' };
  const leaked = heapDiff.leakCandidates.reduce((sum, candidate) => sum + candidate.count, 0);
  const top = heapDiff.leakCandidates.slice(0, 3).map((c) => `${c.constructor} ×${c.count}`).join(', ');
  if (leaked > budget) return { ...base, status: 'fail', value: leaked, detail: `${leaked} objects survived every snapshot and kept growing: ${top}.` };
  return { ...base, status: 'pass', value: leaked, detail: `${leaked} leak candidates in the three-snapshot diff.` };
}

/** Fails when the target died during the run. */
export function targetAliveCheck(meta: RunMeta, durationMs: number): Check {
  const base = { id: 'target-alive' as const, title: 'Target stayed alive', budget: 0, unit: 'exits' };
  const exit = meta.targetExit;
  if (!exit) return { ...base, status: 'pass', value: 0, detail: `Alive for the ${formatFigure(durationMs / 60_000)} min of the run.` };
  const how = exit.signal ? `signal ${exit.signal}` : `code ${exit.code ?? 'unknown'}`;
  const stderr = exit.lastStderr.at(-1);
  return { ...base, status: 'fail', value: 1, detail: `The target exited (${how}) during the run${stderr ? `; last stderr: ${stderr.slice(0, 200)}` : ''}.` };
}
