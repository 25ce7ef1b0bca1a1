/**
 * Diffs snapshot files one at a time, so at most one graph is in memory: the baseline and target are
 * parsed, summarised (a few MB) and dropped before the final snapshot is parsed and analysed. This is the
 * entry point for the heapdiff CLI and for the soak runner's heap plan.
 */
import type { HeapDiffSummary } from '../report-data.ts';
import { diffThree, type DiffThreeOptions } from './diff-three.ts';
import { constructorDeltas, DEFAULT_TOP } from './diff-two.ts';
import { parseHeapSnapshot } from './parse-heap-snapshot.ts';
import { summarizeHeapSnapshot } from './summarize-heap-snapshot.ts';

/** Diffs two snapshot files (growers only) or three (growers from first to last, plus leak candidates). */
export async function diffSnapshotFiles(paths: readonly string[], options: DiffThreeOptions = {}): Promise<HeapDiffSummary> {
  if (paths.length !== 2 && paths.length !== 3) throw new RangeError(`diffSnapshotFiles: expected 2 or 3 snapshots, got ${paths.length}`);
  const [first, second, third] = paths as [string, string, string | undefined];
  const twoWay = third === undefined;
  const baseline = summarizeHeapSnapshot(await parseHeapSnapshot(first), { populations: !twoWay });
  if (third === undefined) {
    const after = summarizeHeapSnapshot(await parseHeapSnapshot(second), { populations: false });
    if (!baseline.aggregates || !after.aggregates) throw new RangeError('diffSnapshotFiles: missing aggregates');
    return { growers: constructorDeltas(baseline.aggregates, after.aggregates, options.top ?? DEFAULT_TOP), leakCandidates: [] };
  }
  const target = summarizeHeapSnapshot(await parseHeapSnapshot(second), { retained: false });
  return diffThree(baseline, target, await parseHeapSnapshot(third), options);
}
