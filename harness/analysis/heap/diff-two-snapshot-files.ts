/**
 * The two-snapshot diff with new-object groups: per-class deltas of count and self size (and retained size
 * with `retained`), plus the objects new in the second snapshot that belong to a growing population, grouped
 * by class and folded retainer path, each with its shortest path from a GC root. Without a third snapshot a
 * group can be a warm cache rather than a leak, so these are "what grew and who holds it", not a verdict.
 *
 * `retained: false` (heapdiff --fast) skips both dominator trees: retained sizes come out null, everything
 * else (counts, self sizes, groups, paths) is the same. The files are parsed one at a time; the first is
 * summarised (a few MB) and dropped before the second is parsed.
 */
import type { HeapDiffSummary } from '../report-data.ts';
import { constructorDeltas, DEFAULT_TOP } from './diff-two.ts';
import { findLeakCandidates, type LeakCandidateOptions, type NewObjectGroup } from './leak-candidates.ts';
import { parseHeapSnapshot } from './parse-heap-snapshot.ts';
import { analyzeHeapSnapshot, summarizeHeapSnapshot } from './summarize-heap-snapshot.ts';

/** Options of the two-snapshot diff. */
export interface DiffTwoFilesOptions extends LeakCandidateOptions {
  /** Growers kept (default 20). */
  top?: number;
  /** Compute dominator trees and retained sizes (default true); false is heapdiff's --fast. */
  retained?: boolean;
}

/** One class's growth; retainedSizeDeltaBytes is null when diffed without retained sizes. */
export type ClassGrowth = Omit<HeapDiffSummary['growers'][number], 'retainedSizeDeltaBytes'> & { retainedSizeDeltaBytes: number | null };

/** A heap diff whose retained sizes may be absent (null): the shape heapdiff prints. */
export interface HeapDiffView {
  growers: ClassGrowth[];
  leakCandidates: NewObjectGroup[];
}

/** Diffs two snapshot files: what grew by class, and the new objects of growing populations with their paths. */
export async function diffTwoSnapshotFiles(first: string, second: string, options: DiffTwoFilesOptions = {}): Promise<HeapDiffView> {
  const retained = options.retained ?? true;
  const before = summarizeHeapSnapshot(await parseHeapSnapshot(first), { retained });
  const analysis = analyzeHeapSnapshot(await parseHeapSnapshot(second), { retained });
  const after = summarizeHeapSnapshot(analysis, { ids: false });
  if (!before.aggregates || !after.aggregates) throw new RangeError('diffTwoSnapshotFiles: missing aggregates');
  // Without retained sizes constructorDeltas ranks by self size (its fallback); the field itself is absent.
  const growers = constructorDeltas(before.aggregates, after.aggregates, options.top ?? DEFAULT_TOP).map(
    (delta): ClassGrowth => (retained ? delta : { ...delta, retainedSizeDeltaBytes: null }),
  );
  return { growers, leakCandidates: findLeakCandidates([before], after, analysis, options) };
}
