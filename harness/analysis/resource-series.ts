/**
 * Turns samples into the point series the growth checks judge: heap after each natural major GC (the clean
 * signal), heap used (fallback, lower envelope), RSS, external memory, FDs, sockets and active handles.
 * Memory comes out in MB, counts as counts.
 */
import type { Sample } from '../probes/sample.ts';
import { BYTES_PER_MB } from './budgets.ts';
import type { SeriesPoints } from './trend-fit.ts';

/** Window over which heapUsed is reduced to its minimum when no after-GC readings exist. */
export const HEAP_USED_ENVELOPE_MS = 15_000;

/** The series of one run, each ascending in t; a series the probes could not see has no points. */
export interface ResourceSeries {
  heapAfterGcMb: SeriesPoints;
  /** heapUsed reduced to one minimum per HEAP_USED_ENVELOPE_MS (the troughs of the GC sawtooth). */
  heapUsedEnvelopeMb: SeriesPoints;
  /** RSS, samples taken after a heap snapshot left out (a snapshot leaves RSS ~1 GB higher for good). */
  rssMb: SeriesPoints;
  externalMb: SeriesPoints;
  fds: SeriesPoints;
  /** Sockets the target holds: every TCP socket except listeners and TIME_WAIT (those belong to the kernel). */
  sockets: SeriesPoints;
  handles: SeriesPoints;
}

/** Sockets counted against the socket budget for one sample. */
export function heldSockets(sample: Sample): number {
  return Math.max(0, sample.sockets.total - sample.sockets.listen - sample.sockets.timeWait);
}

/** Sum of active handles/resources of every type, or undefined when the target reports none. */
export function totalHandles(sample: Sample): number | undefined {
  if (!sample.handles) return undefined;
  let total = 0;
  for (const count of Object.values(sample.handles)) total += count;
  return total;
}

/** Extracts every series from samples sorted by t. */
export function resourceSeries(samples: readonly Sample[]): ResourceSeries {
  const series: ResourceSeries = {
    heapAfterGcMb: empty(),
    heapUsedEnvelopeMb: empty(),
    rssMb: empty(),
    externalMb: empty(),
    fds: empty(),
    sockets: empty(),
    handles: empty(),
  };
  let envelopeStart = Number.NaN;
  let envelopeMin = Number.POSITIVE_INFINITY;
  let envelopeT = 0;
  for (const sample of samples) {
    for (const bytes of sample.heapAfterGc ?? []) push(series.heapAfterGcMb, sample.t, bytes / BYTES_PER_MB);
    if (sample.heapUsed !== undefined) {
      if (Number.isNaN(envelopeStart)) envelopeStart = sample.t;
      if (sample.t - envelopeStart >= HEAP_USED_ENVELOPE_MS) {
        push(series.heapUsedEnvelopeMb, envelopeT, envelopeMin / BYTES_PER_MB);
        envelopeStart = sample.t;
        envelopeMin = Number.POSITIVE_INFINITY;
      }
      if (sample.heapUsed < envelopeMin) {
        envelopeMin = sample.heapUsed;
        envelopeT = sample.t;
      }
    }
    if (!sample.afterHeapSnapshot) push(series.rssMb, sample.t, sample.rss / BYTES_PER_MB);
    if (sample.external !== undefined) push(series.externalMb, sample.t, sample.external / BYTES_PER_MB);
    push(series.fds, sample.t, sample.fds.total);
    push(series.sockets, sample.t, heldSockets(sample));
    const handles = totalHandles(sample);
    if (handles !== undefined) push(series.handles, sample.t, handles);
  }
  // Only a whole envelope window counts: a partial last window's minimum sits higher and would fake growth.
  return series;
}

function empty(): SeriesPoints {
  return { tMs: [], values: [] };
}

function push(series: SeriesPoints, tMs: number, value: number): void {
  series.tMs.push(tMs);
  series.values.push(value);
}
