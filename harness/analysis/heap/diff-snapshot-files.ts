/**
 * Diffs snapshot files one at a time, so at most one graph is in memory: the baseline and target are
 * parsed, summarised (a few MB) and dropped before the final snapshot is parsed and analysed. This is the
 * entry point for the heapdiff CLI and for the soak runner's heap plan.
 */
import type { HeapDiffSummary } from '../report-data.ts';
import { diffThree, type DiffThreeOptions } from './diff-three.ts';
import { parseHeapSnapshot } from './parse-heap-snapshot.ts';
import { summarizeHeapSnapshot } from './summarize-heap-snapshot.ts';

/**
 * Diffs three snapshot files of one process (growers from first to last, plus leak candidates). Two files go
 * through diffTwoSnapshotFiles, which also lists the new objects of growing populations.
 */
export async function diffSnapshotFiles(paths: readonly string[], options: DiffThreeOptions = {}): Promise<HeapDiffSummary> {
  if (paths.length !== 3) throw new RangeError(`diffSnapshotFiles: expected 3 snapshots, got ${paths.length}`);
  const [first, second, third] = paths as [string, string, string];
  const baseline = summarizeHeapSnapshot(await parseHeapSnapshot(first), { populations: true });
  const target = summarizeHeapSnapshot(await parseHeapSnapshot(second), { retained: false });
  return diffThree(baseline, target, await parseHeapSnapshot(third), options);
}
