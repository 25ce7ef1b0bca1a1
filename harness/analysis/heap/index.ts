// Heap snapshots: streaming parse, dominators and retained sizes, two- and three-snapshot diffs, retainer paths.
export { aggregateByConstructor, type ConstructorAggregate } from './aggregate-by-constructor.ts';
export { buildClassIndex, type ClassIndex } from './class-index.ts';
export { computeDominators, isEssentialEdge, NO_NODE, type Dominators } from './compute-dominators.ts';
export { diffSnapshotFiles } from './diff-snapshot-files.ts';
export { diffTwoSnapshotFiles, type ClassGrowth, type DiffTwoFilesOptions, type HeapDiffView } from './diff-two-snapshot-files.ts';
export { diffThree, type DiffThreeOptions, type LeakCandidate } from './diff-three.ts';
export { constructorDeltas, diffTwo, DEFAULT_TOP, type ConstructorDelta } from './diff-two.ts';
export { formatHeapDiff } from './format-heap-diff.ts';
export { findLeakCandidates, type LeakCandidateOptions, type NewObjectGroup } from './leak-candidates.ts';
export { HeapSnapshot, type HeapSnapshotLayout } from './heap-snapshot.ts';
export { buildNoiseFilter, NOISE_RULES, type NoiseRule } from './noise-filter.ts';
export { parseHeapSnapshot } from './parse-heap-snapshot.ts';
export { renderRetainerPath, type RenderPathOptions } from './render-retainer-path.ts';
export { computeRetainerTree, type RetainerTree } from './retainer-tree.ts';
export { analyzeHeapSnapshot, summarizeHeapSnapshot, type HeapAnalysis, type HeapSummary } from './summarize-heap-snapshot.ts';
export { StringTable } from './string-table.ts';
export { RUN_SNAPSHOT_NAMES, writeRunHeapDiff } from './write-run-heap-diff.ts';
