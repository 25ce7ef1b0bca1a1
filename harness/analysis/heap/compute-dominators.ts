/**
 * Dominator tree and retained sizes by Lengauer–Tarjan (the simple variant with path compression,
 * O(E log N)), over flat typed arrays and without recursion so multi-million-node snapshots neither
 * overflow the stack nor allocate per node. Cooper–Harvey–Kennedy, as DevTools uses, iterates to a fixed
 * point and can take many passes on deep heaps; Lengauer–Tarjan's cost does not depend on the shape.
 *
 * Edges follow DevTools' "essential" rule: weak edges never retain, and shortcut edges count only from the
 * synthetic root (where they mark the user's global objects).
 */
import type { HeapSnapshot } from './heap-snapshot.ts';

/** Marks an unreachable node in `idom` (and an absent link inside the algorithm). */
export const NO_NODE = 0xffff_ffff;

/** Immediate dominators and retained sizes of one snapshot, indexed by node ordinal. */
export interface Dominators {
  /** Immediate dominator of each node; the root (ordinal 0) is its own; NO_NODE when unreachable. */
  idom: Uint32Array;
  /** Bytes freed if the node were freed (its own size plus everything only it keeps alive); 0 when unreachable. */
  retainedSize: Float64Array;
  /** Reachable nodes in depth-first preorder from the root: every node comes after its immediate dominator. */
  order: Uint32Array;
}

/** True when the edge at `edge`, leaving `from`, keeps its target alive. */
export function isEssentialEdge(snapshot: HeapSnapshot, from: number, edge: number): boolean {
  const type = snapshot.edges[edge] as number;
  return type !== snapshot.edgeTypeId.weak && (type !== snapshot.edgeTypeId.shortcut || from === 0);
}

/** Computes the dominator tree from the synthetic root (node 0) and every node's retained size. */
export function computeDominators(snapshot: HeapSnapshot): Dominators {
  const nodeCount = snapshot.nodeCount;
  const { edges, firstEdge } = snapshot;
  const weak = snapshot.edgeTypeId.weak;
  const shortcut = snapshot.edgeTypeId.shortcut;

  // 1. Depth-first numbering (preorder) from the root over essential edges.
  const dfsOf = new Uint32Array(nodeCount).fill(NO_NODE);
  const vertex = new Uint32Array(nodeCount);
  const parent = new Uint32Array(nodeCount);
  // semi and label share one buffer that later becomes the retained sizes (8 bytes a node, allocated once).
  const semiAndLabel = new ArrayBuffer(nodeCount * 8);
  const semi = new Uint32Array(semiAndLabel, 0, nodeCount); // used as the DFS node stack first
  const label = new Uint32Array(semiAndLabel, nodeCount * 4, nodeCount); // used as the DFS edge-cursor stack first
  let count = 0;
  let top = 0;
  dfsOf[0] = count;
  vertex[count++] = 0;
  semi[top] = 0;
  label[top++] = firstEdge[0] as number;
  while (top > 0) {
    const node = semi[top - 1] as number;
    const cursor = label[top - 1] as number;
    const end = firstEdge[node + 1] as number;
    let edge = cursor;
    let pushed = false;
    for (; edge < end; edge += 3) {
      const type = edges[edge] as number;
      if (type === weak || (type === shortcut && node !== 0)) continue;
      const target = edges[edge + 2] as number;
      if (dfsOf[target] !== NO_NODE) continue;
      label[top - 1] = edge + 3;
      dfsOf[target] = count;
      parent[count] = dfsOf[node] as number;
      vertex[count++] = target;
      semi[top] = target;
      label[top++] = firstEdge[target] as number;
      pushed = true;
      break;
    }
    if (!pushed) top--;
  }

  // 2. Predecessors of each reachable node, in DFS numbers (compressed sparse rows): counted, summed to
  // each row's end, then filled backwards so each row's end becomes its start without a second cursor array.
  const predStart = new Uint32Array(count + 1);
  for (let node = 0; node < nodeCount; node++) {
    if (dfsOf[node] === NO_NODE) continue;
    for (let edge = firstEdge[node] as number, end = firstEdge[node + 1] as number; edge < end; edge += 3) {
      const type = edges[edge] as number;
      if (type === weak || (type === shortcut && node !== 0)) continue;
      const target = dfsOf[edges[edge + 2] as number] as number;
      if (target !== NO_NODE) predStart[target] = (predStart[target] as number) + 1;
    }
  }
  for (let i = 1; i < count; i++) predStart[i] = (predStart[i] as number) + (predStart[i - 1] as number);
  predStart[count] = predStart[count - 1] as number;
  const preds = new Uint32Array(predStart[count] as number);
  for (let node = 0; node < nodeCount; node++) {
    const from = dfsOf[node] as number;
    if (from === NO_NODE) continue;
    for (let edge = firstEdge[node] as number, end = firstEdge[node + 1] as number; edge < end; edge += 3) {
      const type = edges[edge] as number;
      if (type === weak || (type === shortcut && node !== 0)) continue;
      const target = dfsOf[edges[edge + 2] as number] as number;
      if (target === NO_NODE) continue;
      const slot = (predStart[target] as number) - 1;
      predStart[target] = slot;
      preds[slot] = from;
    }
  }

  // 3. Lengauer–Tarjan over DFS numbers 0..count-1. dfsOf is not read any more: it becomes the forest links.
  const ancestor = dfsOf.fill(NO_NODE);
  const idomDfs = new Uint32Array(count);
  const bucketHead = new Uint32Array(count).fill(NO_NODE);
  const bucketNext = new Uint32Array(count).fill(NO_NODE);
  const chain = new Uint32Array(count);
  for (let v = 0; v < count; v++) {
    semi[v] = v;
    label[v] = v;
  }
  // eval(v) with iterative path compression: the label of the minimum semidominator on v's forest path.
  const evaluate = (v: number): number => {
    if (ancestor[v] === NO_NODE) return v;
    let depth = 0;
    let x = v;
    while (ancestor[ancestor[x] as number] !== NO_NODE) {
      chain[depth++] = x;
      x = ancestor[x] as number;
    }
    while (depth > 0) {
      const y = chain[--depth] as number;
      const a = ancestor[y] as number;
      if ((semi[label[a] as number] as number) < (semi[label[y] as number] as number)) label[y] = label[a] as number;
      ancestor[y] = ancestor[a] as number;
    }
    return label[v] as number;
  };
  for (let w = count - 1; w > 0; w--) {
    for (let p = predStart[w] as number, end = predStart[w + 1] as number; p < end; p++) {
      const u = evaluate(preds[p] as number);
      if ((semi[u] as number) < (semi[w] as number)) semi[w] = semi[u] as number;
    }
    const s = semi[w] as number;
    bucketNext[w] = bucketHead[s] as number;
    bucketHead[s] = w;
    const pw = parent[w] as number;
    ancestor[w] = pw;
    for (let v = bucketHead[pw] as number; v !== NO_NODE; v = bucketNext[v] as number) {
      const u = evaluate(v);
      idomDfs[v] = (semi[u] as number) < (semi[v] as number) ? u : pw;
    }
    bucketHead[pw] = NO_NODE;
  }
  for (let w = 1; w < count; w++) {
    if (idomDfs[w] !== semi[w]) idomDfs[w] = idomDfs[idomDfs[w] as number] as number;
  }

  // 4. Back to node ordinals; retained sizes summed bottom-up (a dominator precedes what it dominates).
  // The DFS parents and the semi/label buffer are done with: they hold the results, so a 20 M-node
  // snapshot does not need another 12 bytes a node here.
  const idom = parent.fill(NO_NODE);
  const retainedSize = new Float64Array(semiAndLabel).fill(0);
  idom[0] = 0;
  for (let w = 1; w < count; w++) idom[vertex[w] as number] = vertex[idomDfs[w] as number] as number;
  for (let w = 0; w < count; w++) {
    const node = vertex[w] as number;
    retainedSize[node] = snapshot.selfSize(node);
  }
  for (let w = count - 1; w > 0; w--) {
    const node = vertex[w] as number;
    const dominator = idom[node] as number;
    retainedSize[dominator] = (retainedSize[dominator] as number) + (retainedSize[node] as number);
  }
  return { idom, retainedSize, order: vertex.subarray(0, count) };
}
