/**
 * The heap-diff step of a run: when the run directory holds the three snapshots of a baseline/target/final
 * plan (`snapshots/{baseline,target,final}.heapsnapshot`), diffs them and writes `heapdiff.json`, which
 * `readRunDir` picks up for the report's `heapDiff` and the `leaked-objects` check. With fewer snapshots it
 * writes nothing: a two-snapshot diff cannot tell a leak from a warm cache, and "0 leaked" would be a lie.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { HeapDiffSummary } from '../report-data.ts';
import { diffSnapshotFiles } from './diff-snapshot-files.ts';
import type { DiffThreeOptions } from './diff-three.ts';

/** The snapshot files of a three-snapshot plan, in diff order. */
export const RUN_SNAPSHOT_NAMES = ['baseline.heapsnapshot', 'target.heapsnapshot', 'final.heapsnapshot'] as const;

/** Diffs a run's three snapshots into `<runDir>/heapdiff.json`; returns the diff, or undefined when they are not all there. */
export async function writeRunHeapDiff(runDir: string, options: DiffThreeOptions = {}): Promise<HeapDiffSummary | undefined> {
  const paths = RUN_SNAPSHOT_NAMES.map((name) => join(runDir, 'snapshots', name));
  if (!paths.every((path) => existsSync(path))) return undefined;
  const diff = await diffSnapshotFiles(paths, options);
  await writeFile(join(runDir, 'heapdiff.json'), `${JSON.stringify(diff, null, 2)}\n`);
  return diff;
}
