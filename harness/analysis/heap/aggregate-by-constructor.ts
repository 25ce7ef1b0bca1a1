/**
 * Per-class totals of one snapshot: count, self size and retained size of the live (reachable) objects.
 * A class's retained size counts each object only when no object of the same class dominates it, as
 * DevTools does, so a linked list of 1,000 Nodes is not counted 1,000 times over.
 */
import type { ClassIndex } from './class-index.ts';
import { NO_NODE, type Dominators } from './compute-dominators.ts';
import type { HeapSnapshot } from './heap-snapshot.ts';

/** Totals of one class in one snapshot. */
export interface ConstructorAggregate {
  constructor: string;
  count: number;
  selfSizeBytes: number;
  /** Null when the snapshot was summarised without a dominator tree. */
  retainedSizeBytes: number | null;
}

/**
 * Aggregates reachable nodes by class (synthetic root nodes excluded), largest retained (else self) size
 * first. Without `dominators`, reachability is not known and every node is counted, retained sizes null.
 */
export function aggregateByConstructor(snapshot: HeapSnapshot, classes: ClassIndex, dominators?: Dominators): ConstructorAggregate[] {
  const classCount = classes.names.length;
  const counts = new Float64Array(classCount);
  const selfSizes = new Float64Array(classCount);
  const synthetic = snapshot.nodeTypeId.synthetic;
  const { classOf } = classes;
  for (let node = 0; node < snapshot.nodeCount; node++) {
    if (snapshot.nodeType(node) === synthetic) continue;
    if (dominators && dominators.idom[node] === NO_NODE) continue;
    const id = classOf[node] as number;
    counts[id] = (counts[id] as number) + 1;
    selfSizes[id] = (selfSizes[id] as number) + snapshot.selfSize(node);
  }
  const retained = dominators ? classRetainedSizes(snapshot, classes, dominators) : undefined;
  const result: ConstructorAggregate[] = [];
  for (let id = 0; id < classCount; id++) {
    if (counts[id] === 0) continue;
    result.push({
      constructor: classes.names[id] as string,
      count: counts[id] as number,
      selfSizeBytes: selfSizes[id] as number,
      retainedSizeBytes: retained ? (retained[id] as number) : null,
    });
  }
  return result.sort((a, b) => (b.retainedSizeBytes ?? b.selfSizeBytes) - (a.retainedSizeBytes ?? a.selfSizeBytes) || b.count - a.count);
}

/** Walks the dominator tree once, adding a node's retained size only when no ancestor has its class. */
function classRetainedSizes(snapshot: HeapSnapshot, classes: ClassIndex, dominators: Dominators): Float64Array {
  const { idom, retainedSize, order } = dominators;
  const { classOf } = classes;
  const reachable = order.length;
  // Children of each node in the dominator tree, as compressed rows over node ordinals: counted, summed to
  // each row's end, then filled backwards so each row's end becomes its start without a cursor array.
  const nodeCount = snapshot.nodeCount;
  const childStart = new Uint32Array(nodeCount + 1);
  for (let i = 1; i < reachable; i++) {
    const parent = idom[order[i] as number] as number;
    childStart[parent] = (childStart[parent] as number) + 1;
  }
  for (let node = 1; node < nodeCount; node++) childStart[node] = (childStart[node] as number) + (childStart[node - 1] as number);
  childStart[nodeCount] = childStart[nodeCount - 1] as number;
  const children = new Uint32Array(Math.max(0, reachable - 1));
  for (let i = 1; i < reachable; i++) {
    const node = order[i] as number;
    const parent = idom[node] as number;
    const slot = (childStart[parent] as number) - 1;
    childStart[parent] = slot;
    children[slot] = node;
  }

  const synthetic = snapshot.nodeTypeId.synthetic;
  const sizes = new Float64Array(classes.names.length);
  const open = new Uint32Array(classes.names.length);
  const stackNode = new Uint32Array(reachable);
  const stackCursor = new Uint32Array(reachable);
  let top = 0;
  stackNode[top] = 0;
  stackCursor[top++] = childStart[0] as number;
  while (top > 0) {
    const node = stackNode[top - 1] as number;
    const cursor = stackCursor[top - 1] as number;
    if (cursor < (childStart[node + 1] as number)) {
      stackCursor[top - 1] = cursor + 1;
      const child = children[cursor] as number;
      const id = classOf[child] as number;
      if (snapshot.nodeType(child) !== synthetic) {
        if (open[id] === 0) sizes[id] = (sizes[id] as number) + (retainedSize[child] as number);
        open[id] = (open[id] as number) + 1;
      }
      stackNode[top] = child;
      stackCursor[top++] = childStart[child] as number;
    } else {
      top--;
      if (node !== 0 && snapshot.nodeType(node) !== synthetic) {
        const id = classOf[node] as number;
        open[id] = (open[id] as number) - 1;
      }
    }
  }
  return sizes;
}
