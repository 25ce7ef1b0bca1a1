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
  /** Null when analysed without retained sizes (the fast two-snapshot diff). */
  dominators: Dominators | null;
  retainers: RetainerTree;
  /** The first noise rule a node matches, or undefined when it may be reported. */
  noise: (node: number) => string | undefined;
}

/** What a snapshot contributes to a diff once its graph is dropped. */
export interface HeapSummary {
  /**
   * Per-class totals of the live objects. Without dominators their retainedSizeBytes are null, and the
   * whole list is null when populations were skipped too (nothing then tells live objects apart).
   */
  aggregates: ConstructorAggregate[] | null;
  /** Live objects per class name (reachable, synthetic roots excluded). */
  classCounts: Map<string, number>;
  /** Every node id in the snapshot, sorted ascending, for "was this object already there?" (empty without populations). */
  ids: NumberArray;
  /** Live non-noise objects per population key (class name and retainer-path signature); empty without populations. */
  groupCounts: Map<number, number>;
}

/**
 * Builds the indexes of one snapshot: classes, dominators and retained sizes, retainer paths, noise.
 * `retained: false` skips the dominator tree (about half the analysis time and 16 bytes a node).
 */
export function analyzeHeapSnapshot(snapshot: HeapSnapshot, options: { retained?: boolean } = {}): HeapAnalysis {
  const classes = buildClassIndex(snapshot);
  return {
    snapshot,
    classes,
    dominators: options.retained === false ? null : computeDominators(snapshot),
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
 * skips retainer paths, ids and population counts — enough for either end of a per-class-only two-snapshot
 * diff; `ids: false` skips the sorted ids (the last snapshot of a diff is never looked up in).
 */
export function summarizeHeapSnapshot(input: HeapSnapshot | HeapAnalysis, options: { retained?: boolean; populations?: boolean; ids?: boolean } = {}): HeapSummary {
  const analysis = 'dominators' in input ? input : undefined;
  const snapshot = analysis ? analysis.snapshot : (input as HeapSnapshot);
  const classes = analysis?.classes ?? buildClassIndex(snapshot);
  // Aggregated first, so that the dominator tree (when built here) can be dropped before the retainer tree is.
  let dominators = analysis ? analysis.dominators : options.retained === false ? null : computeDominators(snapshot);
  const aggregates = dominators ? aggregateByConstructor(snapshot, classes, dominators) : null;
  if (options.populations === false && !analysis) {
    if (!aggregates) throw new RangeError('summarizeHeapSnapshot: nothing to summarise without retained sizes or populations');
    return { aggregates, classCounts: new Map(aggregates.map((row) => [row.constructor, row.count])), ids: new Uint32Array(0), groupCounts: new Map() };
  }
  // Released before the retainer tree is built: ~16 bytes a node that a summary no longer needs.
  dominators = null;
  const retainers = analysis?.retainers ?? computeRetainerTree(snapshot, classes);
  const noise = analysis?.noise ?? buildNoiseFilter(snapshot);

  const classHashes = classes.names.map((name) => hashString(name));
  const perClass = new Float64Array(classes.names.length);
  // Self sizes only matter without dominators: then these loops' reachable set gives the aggregates.
  const selfSizes = aggregates ? undefined : new Float64Array(classes.names.length);
  const groups = new KeyCounter();
  const synthetic = snapshot.nodeTypeId.synthetic;
  for (let node = 1; node < snapshot.nodeCount; node++) {
    if (retainers.parentNode[node] === NO_NODE || snapshot.nodeType(node) === synthetic) continue;
    const classId = classes.classOf[node] as number;
    perClass[classId] = (perClass[classId] as number) + 1;
    if (selfSizes) selfSizes[classId] = (selfSizes[classId] as number) + snapshot.selfSize(node);
    if (noise(node) !== undefined) continue;
    const key = populationKey(classHashes[classId] as number, retainers.signature[node] as number);
    groups.add(key);
  }
  const classCounts = new Map<string, number>();
  perClass.forEach((count, classId) => {
    if (count > 0) classCounts.set(classes.names[classId] as string, count);
  });
  const ids = options.ids === false ? new Uint32Array(0) : sortedIds(snapshot);
  return { aggregates: aggregates ?? selfAggregates(classes, perClass, selfSizes as Float64Array), classCounts, ids, groupCounts: groups.toMap() };
}

/** Per-class totals without retained sizes, largest self size first (aggregateByConstructor's order). */
function selfAggregates(classes: ClassIndex, counts: Float64Array, selfSizes: Float64Array): ConstructorAggregate[] {
  const result: ConstructorAggregate[] = [];
  counts.forEach((count, classId) => {
    if (count > 0) result.push({ constructor: classes.names[classId] as string, count, selfSizeBytes: selfSizes[classId] as number, retainedSizeBytes: null });
  });
  return result.sort((a, b) => b.selfSizeBytes - a.selfSizeBytes || b.count - a.count);
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
