/**
 * The clean-hours counter: how many whole hours, counted back from the last complete hour, stayed within every
 * budget (heap and FD growth over the hour, open FDs, held sockets, GC p95, event-loop p99). Like the
 * `clean_hours_counter` metric, it restarts from zero at the first hour that broke a budget.
 */
import type { Sample } from '../probes/sample.ts';
import type { Budgets } from './budgets.ts';
import { olsSlope } from './ols-slope.ts';
import { percentile } from './percentile.ts';
import { heldSockets } from './resource-series.ts';
import type { SeriesPoints } from './trend-fit.ts';

const HOUR_MS = 3_600_000;

/** Consecutive clean whole hours ending at the last complete hour of the run. */
export function cleanHours(samples: readonly Sample[], heapMb: SeriesPoints, budgets: Budgets, socketBound: number, warmupMs: number): number {
  const lastT = samples.at(-1)?.t ?? 0;
  const wholeHours = Math.floor(lastT / HOUR_MS);
  let streak = 0;
  for (let hour = 0; hour < wholeHours; hour++) {
    const from = Math.max(hour * HOUR_MS, warmupMs);
    const to = (hour + 1) * HOUR_MS;
    streak = hourIsClean(samples, heapMb, budgets, socketBound, from, to) ? streak + 1 : 0;
  }
  return streak;
}

function hourIsClean(samples: readonly Sample[], heapMb: SeriesPoints, budgets: Budgets, socketBound: number, from: number, to: number): boolean {
  const inHour = samples.filter((s) => s.t >= from && s.t < to);
  if (inHour.length < 3) return false;
  if (slopePerMin(heapMb, from, to) > budgets.heapGrowthMbPerMin) return false;
  const fds = { tMs: inHour.map((s) => s.t), values: inHour.map((s) => s.fds.total) };
  if (slopePerMin(fds, from, to) > budgets.fdGrowthPerMin) return false;
  if (inHour.some((s) => s.fds.total >= budgets.maxOpenFds || heldSockets(s) > socketBound)) return false;
  const unspoiled = inHour.filter((s) => !s.afterHeapSnapshot);
  const pauses = unspoiled.flatMap((s) => s.gc?.pausesMs ?? []);
  if (pauses.length >= 20 && percentile(pauses, 95) > budgets.gcPauseP95Ms) return false;
  const loopP99s = unspoiled.flatMap((s) => (s.eventLoop ? [s.eventLoop.p99] : []));
  if (loopP99s.length > 0 && percentile(loopP99s, 90) > budgets.eventLoopP99Ms) return false;
  return true;
}

/** OLS slope per minute of the points in [from, to); 0 with fewer than 3 points (nothing to judge). */
function slopePerMin(series: SeriesPoints, from: number, to: number): number {
  const x: number[] = [];
  const y: number[] = [];
  for (let i = 0; i < series.tMs.length; i++) {
    const t = series.tMs[i] as number;
    if (t >= from && t < to) {
      x.push(t / 60_000);
      y.push(series.values[i] as number);
    }
  }
  return x.length < 3 ? 0 : olsSlope(x, y).slope;
}
