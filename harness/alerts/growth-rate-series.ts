/**
 * The soak growth gauges (`memory_growth_rate_mb_per_minute`, `fd_growth_rate_per_minute`) recomputed from a
 * run's samples, as soakbook serves them live: at each sample, the least-squares slope of the trailing window
 * of points after warm-up. Memory uses heap-after-GC points where the target reports them (the clean leak
 * signal; raw heapUsed is a GC sawtooth and RSS drifts without a leak), then heapUsed, then RSS.
 */
import { BYTES_PER_MB } from '../analysis/budgets.ts';
import type { Sample } from '../probes/sample.ts';

/** How the trailing slope is taken. */
export interface GrowthWindow {
  /** Points older than this before the sample are left out. */
  windowMs: number;
  /** No value until the window's points span at least this long. */
  minSpanMs: number;
  /** No value until the window holds at least this many points. */
  minPoints: number;
  /** Points before this (ms since run start) are left out: every process grows while it warms up. */
  warmupMs: number;
}

/** Defaults: a 10-minute window, at least 2 minutes and 5 points, after a 1-minute warm-up. */
export const DEFAULT_GROWTH_WINDOW: Readonly<GrowthWindow> = Object.freeze({ windowMs: 600_000, minSpanMs: 120_000, minPoints: 5, warmupMs: 60_000 });

interface Point {
  t: number;
  value: number;
}

/** Growth per minute at each sample (null where the window is too short), one entry per sample. */
export function trailingSlopePerMin(points: readonly Point[], sampleTimes: readonly number[], window: GrowthWindow): Array<number | null> {
  const usable = points.filter((point) => point.t >= window.warmupMs && Number.isFinite(point.value));
  const out: Array<number | null> = [];
  let first = 0;
  let last = 0;
  for (const t of sampleTimes) {
    while (last < usable.length && (usable[last]?.t ?? Infinity) <= t) last++;
    while (first < last && (usable[first]?.t ?? Infinity) < t - window.windowMs) first++;
    const slice = usable.slice(first, last);
    const span = slice.length > 0 ? (slice.at(-1)?.t ?? 0) - (slice[0]?.t ?? 0) : 0;
    out.push(slice.length >= window.minPoints && span >= window.minSpanMs ? slopePerMs(slice) * 60_000 : null);
  }
  return out;
}

/** Ordinary least-squares slope of value over t (per ms). */
function slopePerMs(points: readonly Point[]): number {
  let meanT = 0;
  let meanV = 0;
  for (const point of points) {
    meanT += point.t;
    meanV += point.value;
  }
  meanT /= points.length;
  meanV /= points.length;
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.t - meanT) * (point.value - meanV);
    variance += (point.t - meanT) ** 2;
  }
  return variance === 0 ? 0 : covariance / variance;
}

/** The memory points of a run in MB: heap after GC (spread across each interval), else heapUsed, else RSS. */
export function memoryPointsMb(samples: readonly Sample[]): { source: 'heapAfterGc' | 'heapUsed' | 'rss'; points: Point[] } {
  if (samples.some((sample) => (sample.heapAfterGc?.length ?? 0) > 0)) {
    const points: Point[] = [];
    let previousT = samples[0]?.t ?? 0;
    for (const sample of samples) {
      const after = sample.heapAfterGc ?? [];
      // The agent lists each interval's post-GC heaps oldest first without their own times: spread them evenly.
      after.forEach((bytes, i) => points.push({ t: previousT + ((i + 1) / after.length) * (sample.t - previousT), value: bytes / BYTES_PER_MB }));
      previousT = sample.t;
    }
    return { source: 'heapAfterGc', points };
  }
  if (samples.some((sample) => sample.heapUsed !== undefined)) {
    return { source: 'heapUsed', points: samples.flatMap((s) => (s.heapUsed === undefined ? [] : [{ t: s.t, value: s.heapUsed / BYTES_PER_MB }])) };
  }
  return { source: 'rss', points: samples.map((s) => ({ t: s.t, value: s.rss / BYTES_PER_MB })) };
}

/** Both soak growth gauges at every sample, and which memory series fed the first. */
export function growthRateSeries(
  samples: readonly Sample[],
  window: GrowthWindow = DEFAULT_GROWTH_WINDOW,
): { memoryMbPerMin: Array<number | null>; fdsPerMin: Array<number | null>; memorySource: 'heapAfterGc' | 'heapUsed' | 'rss' } {
  const times = samples.map((sample) => sample.t);
  const memory = memoryPointsMb(samples);
  const fds = samples.map((sample) => ({ t: sample.t, value: sample.fds.total }));
  return {
    memoryMbPerMin: trailingSlopePerMin(memory.points, times, window),
    fdsPerMin: trailingSlopePerMin(fds, times, window),
    memorySource: memory.source,
  };
}
