// Heap snapshot capture: over the inspector, the free-memory guard, and the heapdump-compatible shim.
export { assertMemoryForSnapshot, availableMemoryBytes, SNAPSHOT_MEMORY_FACTOR } from './assert-memory-for-snapshot.ts';
export {
  resolveInspectorUrl,
  takeSnapshotViaInspector,
  type InspectorSnapshotOptions,
  type InspectorSnapshotResult,
} from './take-snapshot-via-inspector.ts';
export { defaultSnapshotFilename, writeSnapshot, type WriteSnapshotCallback } from './write-snapshot.ts';
