/**
 * Two-snapshot diff: per-class deltas of count, self size and retained size, growers first. It says what
 * grew, not what leaked — that needs a third snapshot (diffThree) to tell a leak from a warm cache.
 */
import type { HeapDiffSummary } from '../report-data.ts';
import type { ConstructorAggregate } from './aggregate-by-constructor.ts';
import { HeapSnapshot } from './heap-snapshot.ts';
import { summarizeHeapSnapshot, type HeapAnalysis, type HeapSummary } from './summarize-heap-snapshot.ts';

/** One class's growth between two snapshots (the report's `heapDiff.growers` entry). */
export type ConstructorDelta = HeapDiffSummary['growers'][number];

/** Default number of growers kept. */
export const DEFAULT_TOP = 20;

/** Per-class deltas of the classes that grew in count or self size, largest retained growth first. */
export function constructorDeltas(before: readonly ConstructorAggregate[], after: readonly ConstructorAggregate[], top = DEFAULT_TOP): ConstructorDelta[] {
  const old = new Map(before.map((entry) => [entry.constructor, entry]));
  const deltas: ConstructorDelta[] = [];
  for (const entry of after) {
    const previous = old.get(entry.constructor);
    const countDelta = entry.count - (previous?.count ?? 0);
    const selfSizeDeltaBytes = entry.selfSizeBytes - (previous?.selfSizeBytes ?? 0);
    if (countDelta <= 0 && selfSizeDeltaBytes <= 0) continue;
    deltas.push({
      constructor: entry.constructor,
      countDelta,
      selfSizeDeltaBytes,
      retainedSizeDeltaBytes: (entry.retainedSizeBytes ?? entry.selfSizeBytes) - (previous?.retainedSizeBytes ?? previous?.selfSizeBytes ?? 0),
    });
  }
  deltas.sort(
    (a, b) =>
      b.retainedSizeDeltaBytes - a.retainedSizeDeltaBytes ||
      b.selfSizeDeltaBytes - a.selfSizeDeltaBytes ||
      b.countDelta - a.countDelta ||
      a.constructor.localeCompare(b.constructor),
  );
  return deltas.slice(0, top);
}

/** Aggregates with retained sizes from whichever form a snapshot is given in. */
export function aggregatesOf(input: HeapSnapshot | HeapAnalysis | HeapSummary): ConstructorAggregate[] {
  const summary = input instanceof HeapSnapshot ? summarizeHeapSnapshot(input, { populations: false }) : 'dominators' in input ? summarizeHeapSnapshot(input) : input;
  if (!summary.aggregates || summary.aggregates.some((row) => row.retainedSizeBytes === null)) {
    throw new RangeError('diff: a snapshot summarised without retained sizes cannot be an end of a diff');
  }
  return summary.aggregates;
}

/** Diffs two snapshots of one process: the classes that grew from `a` to `b`, sorted by growth. */
export function diffTwo(a: HeapSnapshot | HeapAnalysis | HeapSummary, b: HeapSnapshot | HeapAnalysis | HeapSummary, options: { top?: number } = {}): ConstructorDelta[] {
  return constructorDeltas(aggregatesOf(a), aggregatesOf(b), options.top ?? DEFAULT_TOP);
}
