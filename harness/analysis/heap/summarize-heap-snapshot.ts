/**
 * The two shapes a snapshot takes in a diff. A HeapAnalysis is the full graph plus its derived indexes
 * (classes, dominators, retainer paths): needed for the snapshot whose objects are reported. A HeapSummary
 * is what the other snapshots contribute — per-class totals, node ids, population counts by retainer path —
 * a few MB, so a three-snapshot diff holds one graph at a time instead of three.
 */
import { aggregateByConstructor, type ConstructorAggregate } from './aggregate-by-constructor.ts';
import { buildClassIndex, type ClassIndex } from './class-index.ts';
import { computeDominators, NO_NODE, type Dominators } from './compute-dominators.ts';
import type { NumberArray } from './growable-number-array.ts';
import type { HeapSnapshot } from './heap-snapshot.ts';
import { KeyCounter } from './key-counter.ts';
import { buildNoiseFilter } from './noise-filter.ts';
import { computeRetainerTree, hashString, mixSignature, type RetainerTree } from './retainer-tree.ts';

const UINT32_MAX = 0xffff_ffff;

/** One snapshot with everything the leak analysis reads. */
export interface HeapAnalysis {
  snapshot: HeapSnapshot;
  classes: ClassIndex;
  dominators: Dominators;
  retainers: RetainerTree;
  /** The first noise rule a node matches, or undefined when it may be reported. */
  noise: (node: number) => string | undefined;
}

/** What a snapshot contributes to a diff once its graph is dropped. */
export interface HeapSummary {
  /** Per-class totals with retained sizes; null when summarised without dominators. */
  aggregates: ConstructorAggregate[] | null;
  /** Live objects per class name (reachable, synthetic roots excluded). */
  classCounts: Map<string, number>;
  /** Every node id in the snapshot, sorted ascending, for "was this object already there?" (empty without populations). */
  ids: NumberArray;
  /** Live non-noise objects per population key (class name and retainer-path signature); empty without populations. */
  groupCounts: Map<number, number>;
}

/** Builds the indexes of one snapshot: classes, dominators and retained sizes, retainer paths, noise. */
export function analyzeHeapSnapshot(snapshot: HeapSnapshot): HeapAnalysis {
  const classes = buildClassIndex(snapshot);
  return {
    snapshot,
    classes,
    dominators: computeDominators(snapshot),
    retainers: computeRetainerTree(snapshot, classes),
    noise: buildNoiseFilter(snapshot),
  };
}

/** The population key of a node: its class name mixed into its retainer-path signature. */
export function populationKey(classNameHash: number, signature: number): number {
  return mixSignature(signature, classNameHash);
}

/**
 * Summarises a snapshot (or an analysis already built). `retained: false` skips the dominator tree — enough
 * for the middle snapshot of three, which only contributes ids and population counts; `populations: false`
 * skips retainer paths, ids and population counts — enough for either end of a two-snapshot diff.
 */
export function summarizeHeapSnapshot(input: HeapSnapshot | HeapAnalysis, options: { retained?: boolean; populations?: boolean } = {}): HeapSummary {
  const analysis = 'dominators' in input ? input : undefined;
  const snapshot = analysis ? analysis.snapshot : (input as HeapSnapshot);
  const classes = analysis?.classes ?? buildClassIndex(snapshot);
  // Aggregated first, so that the dominator tree (when built here) can be dropped before the retainer tree is.
  let dominators = analysis?.dominators ?? (options.retained === false ? undefined : computeDominators(snapshot));
  const aggregates = dominators ? aggregateByConstructor(snapshot, classes, dominators) : null;
  if (options.populations === false && !analysis) {
    if (!aggregates) throw new RangeError('summarizeHeapSnapshot: nothing to summarise without retained sizes or populations');
    return { aggregates, classCounts: new Map(aggregates.map((row) => [row.constructor, row.count])), ids: new Uint32Array(0), groupCounts: new Map() };
  }
  // Released before the retainer tree is built: ~16 bytes a node that a summary no longer needs.
  dominators = undefined;
  const retainers = analysis?.retainers ?? computeRetainerTree(snapshot, classes);
  const noise = analysis?.noise ?? buildNoiseFilter(snapshot);

  const classHashes = classes.names.map((name) => hashString(name));
  const perClass = new Float64Array(classes.names.length);
  const groups = new KeyCounter();
  const synthetic = snapshot.nodeTypeId.synthetic;
  for (let node = 1; node < snapshot.nodeCount; node++) {
    if (retainers.parentNode[node] === NO_NODE || snapshot.nodeType(node) === synthetic) continue;
    const classId = classes.classOf[node] as number;
    perClass[classId] = (perClass[classId] as number) + 1;
    if (noise(node) !== undefined) continue;
    const key = populationKey(classHashes[classId] as number, retainers.signature[node] as number);
    groups.add(key);
  }
  const classCounts = new Map<string, number>();
  perClass.forEach((count, classId) => {
    if (count > 0) classCounts.set(classes.names[classId] as string, count);
  });
  return { aggregates, classCounts, ids: sortedIds(snapshot), groupCounts: groups.toMap() };
}

/** Every node id, sorted ascending: 4 bytes an id, as V8's ids are 32-bit (8 should a file hold larger ones). */
function sortedIds(snapshot: HeapSnapshot): NumberArray {
  let ids: NumberArray = new Uint32Array(snapshot.nodeCount);
  for (let node = 0; node < snapshot.nodeCount; node++) {
    const id = snapshot.nodeId(node);
    if (id > UINT32_MAX && ids instanceof Uint32Array) ids = Float64Array.from(ids);
    ids[node] = id;
  }
  return ids.sort();
}

/** True when the sorted `ids` contain `id` (binary search). */
export function hasId(ids: NumberArray, id: number): boolean {
  let low = 0;
  let high = ids.length - 1;
  while (low <= high) {
    const mid = (low + high) >>> 1;
    const value = ids[mid] as number;
    if (value === id) return true;
    if (value < id) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}
