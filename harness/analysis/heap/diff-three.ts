/**
 * The three-snapshot technique (baseline, target, final — node ids are stable within one process):
 * an object allocated between baseline and target that is still alive in final is a leak candidate, when
 * its population grew from baseline to target and from target to final (see leak-candidates.ts).
 */
import type { HeapDiffSummary } from '../report-data.ts';
import { constructorDeltas, DEFAULT_TOP } from './diff-two.ts';
import { HeapSnapshot } from './heap-snapshot.ts';
import { findLeakCandidates } from './leak-candidates.ts';
import { analyzeHeapSnapshot, summarizeHeapSnapshot, type HeapAnalysis, type HeapSummary } from './summarize-heap-snapshot.ts';

/** Options of the three-snapshot diff. */
export interface DiffThreeOptions {
  /** Growers kept (default 20). */
  top?: number;
  /** Leak-candidate groups kept (default 20). */
  maxCandidates?: number;
  /** Print string contents (Map keys) in retainer paths; off by default (snapshots hold process memory). */
  showStrings?: boolean;
}

/** A leak candidate group (the report's `heapDiff.leakCandidates` entry). */
export type LeakCandidate = HeapDiffSummary['leakCandidates'][number];

/** Diffs baseline, target and final: growers from baseline to final, and leak candidates alive in final. */
export function diffThree(
  baseline: HeapSnapshot | HeapAnalysis | HeapSummary,
  target: HeapSnapshot | HeapAnalysis | HeapSummary,
  final: HeapSnapshot | HeapAnalysis,
  options: DiffThreeOptions = {},
): HeapDiffSummary {
  const summaryOf = (input: HeapSnapshot | HeapAnalysis | HeapSummary, retained: boolean): HeapSummary =>
    input instanceof HeapSnapshot || 'dominators' in input ? summarizeHeapSnapshot(input, { retained }) : input;
  const base = summaryOf(baseline, true);
  const middle = summaryOf(target, false);
  const analysis = final instanceof HeapSnapshot ? analyzeHeapSnapshot(final) : final;
  if (!analysis.dominators) throw new RangeError('diffThree: the final snapshot needs dominators');
  const end = summarizeHeapSnapshot(analysis, { ids: false });
  if (!base.aggregates || !end.aggregates) throw new RangeError('diffThree: baseline needs retained sizes');
  const candidates = findLeakCandidates([base, middle], end, analysis, options);
  return {
    growers: constructorDeltas(base.aggregates, end.aggregates, options.top ?? DEFAULT_TOP),
    // With dominators every group has a retained size.
    leakCandidates: candidates.map(({ constructor, count, retainedBytes, retainerPath }) => ({ constructor, count, retainedBytes: retainedBytes ?? 0, retainerPath })),
  };
}
