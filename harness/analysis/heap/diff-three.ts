/**
 * The three-snapshot technique (baseline, target, final — node ids are stable within one process):
 * an object allocated between baseline and target that is still alive in final is a leak candidate.
 *
 * Churn is what makes the naive version cry wolf: a book whose levels are replaced, or a flat Map whose
 * values are swapped, always has some objects from the middle window still alive at the end. So a
 * candidate counts only when its population — live objects of its class reached by the same folded
 * retainer path — grew from baseline to target AND from target to final, and its class as a whole did too.
 * Paths are folded: listeners at `_events → message → [3]` and `… → [7]` are one population, shown as `[*]`.
 * Candidates held only through another growing candidate (a leaked Book's levels) fold into that one's
 * retained size instead of being listed twice; a new holder that is not itself a growing population (a
 * listener closure, when closures churn by the thousand) does not hide them. Benign noise (see
 * noise-filter.ts) is never listed on its own.
 */
import type { HeapDiffSummary } from '../report-data.ts';
import { NO_NODE } from './compute-dominators.ts';
import { constructorDeltas, DEFAULT_TOP } from './diff-two.ts';
import { HeapSnapshot } from './heap-snapshot.ts';
import { renderRetainerPath } from './render-retainer-path.ts';
import { hashString } from './retainer-tree.ts';
import { analyzeHeapSnapshot, hasId, populationKey, summarizeHeapSnapshot, type HeapAnalysis, type HeapSummary } from './summarize-heap-snapshot.ts';

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

/** Steps up the dominator tree looked at when deciding whether a candidate is held by another one. */
const MAX_DOMINATOR_WALK = 10_000;

interface Group {
  classId: number;
  key: number;
  count: number;
  retainedBytes: number;
  representative: number;
}

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
  const end = summarizeHeapSnapshot(analysis);
  if (!base.aggregates || !end.aggregates) throw new RangeError('diffThree: baseline needs retained sizes');
  return {
    growers: constructorDeltas(base.aggregates, end.aggregates, options.top ?? DEFAULT_TOP),
    leakCandidates: leakCandidates(base, middle, end, analysis, options),
  };
}

function leakCandidates(base: HeapSummary, middle: HeapSummary, end: HeapSummary, analysis: HeapAnalysis, options: DiffThreeOptions): LeakCandidate[] {
  const { snapshot, classes, dominators, retainers, noise } = analysis;
  const classHashes = classes.names.map((name) => hashString(name));
  const synthetic = snapshot.nodeTypeId.synthetic;
  // 1 = allocated in the window and alive now; 2 = that, and reportable (not noise); 3 = that, in a growing population.
  const flag = new Uint8Array(snapshot.nodeCount);
  const reportable: number[] = [];
  for (let node = 1; node < snapshot.nodeCount; node++) {
    if (dominators.idom[node] === NO_NODE || snapshot.nodeType(node) === synthetic) continue;
    const id = snapshot.nodeId(node);
    if (hasId(base.ids, id) || !hasId(middle.ids, id)) continue;
    if (noise(node) !== undefined) {
      flag[node] = 1;
      continue;
    }
    flag[node] = 2;
    reportable.push(node);
  }

  const groups = new Map<number, Group>();
  const grew = (key: number): boolean => {
    const before = base.groupCounts.get(key) ?? 0;
    const during = middle.groupCounts.get(key) ?? 0;
    return before < during && during < (end.groupCounts.get(key) ?? 0);
  };
  const classGrew = (name: string): boolean => {
    const before = base.classCounts.get(name) ?? 0;
    const during = middle.classCounts.get(name) ?? 0;
    return before < during && during < (end.classCounts.get(name) ?? 0);
  };
  const growthByKey = new Map<number, boolean>();
  const growthByClass = new Map<number, boolean>();
  const keyOf = new Float64Array(reportable.length);
  // First decide which objects belong to a growing population, then fold each one into the nearest such
  // holder: a holder that is new but not itself growing (a closure whose class churns as a whole) must not
  // hide what it holds.
  reportable.forEach((node, i) => {
    const classId = classes.classOf[node] as number;
    const key = populationKey(classHashes[classId] as number, retainers.signature[node] as number);
    keyOf[i] = key;
    let keyGrew = growthByKey.get(key);
    if (keyGrew === undefined) growthByKey.set(key, (keyGrew = grew(key)));
    let ofClassGrew = growthByClass.get(classId);
    if (ofClassGrew === undefined) growthByClass.set(classId, (ofClassGrew = classGrew(classes.names[classId] as string)));
    if (keyGrew && ofClassGrew) flag[node] = 3;
  });
  reportable.forEach((node, i) => {
    if (flag[node] !== 3 || heldByCandidate(dominators.idom, flag, node)) return;
    const key = keyOf[i] as number;
    const group = groups.get(key);
    if (group) {
      group.count++;
      group.retainedBytes += dominators.retainedSize[node] as number;
    } else {
      groups.set(key, { classId: classes.classOf[node] as number, key, count: 1, retainedBytes: dominators.retainedSize[node] as number, representative: node });
    }
  });

  return [...groups.values()]
    .sort((a, b) => b.retainedBytes - a.retainedBytes || b.count - a.count)
    .slice(0, options.maxCandidates ?? DEFAULT_TOP)
    .map((group) => ({
      constructor: classes.names[group.classId] as string,
      count: group.count,
      retainedBytes: group.retainedBytes,
      retainerPath: renderRetainerPath(snapshot, classes, retainers, group.representative, {
        showStrings: options.showStrings ?? false,
        foldIndices: true,
      }),
    }));
}

/** True when a candidate of a growing population dominates `node` through a chain of window-allocated objects. */
function heldByCandidate(idom: Uint32Array, flag: Uint8Array, node: number): boolean {
  let at = idom[node] as number;
  for (let steps = 0; steps < MAX_DOMINATOR_WALK && at !== 0 && at !== NO_NODE; steps++) {
    const mark = flag[at] as number;
    if (mark === 3) return true;
    if (mark === 0) return false;
    at = idom[at] as number;
  }
  return false;
}
