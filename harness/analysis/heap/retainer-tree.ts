/**
 * Shortest retainer paths: one breadth-first search from the synthetic root gives every reachable node its
 * shortest path from a GC root, so a path is read back by following parents. Weak edges never retain and
 * shortcut edges count only from the root (they mark the user's global objects). A first pass also keeps
 * out of V8's own plumbing — edges leaving (system), code and hidden-class nodes — so paths read as property
 * chains; a second pass reaches whatever only that plumbing holds.
 *
 * Each node also gets a path signature: a hash of the holders' classes and the edge labels along its path,
 * with element indices, numeric property names and Map slots folded, so `books → Map entry → levels → [17]`
 * and `… → [18]` agree, and so do the listeners at `_events → message → [3]` and `… → [7]`.
 * Grouping by (class, signature) is what lets the three-snapshot diff ask "did this population grow?".
 */
import type { ClassIndex } from './class-index.ts';
import { NO_NODE } from './compute-dominators.ts';
import type { HeapSnapshot } from './heap-snapshot.ts';

/** Parents along shortest retainer paths, and the path signature of every node. */
export interface RetainerTree {
  /** Parent node ordinal on the shortest path; NO_NODE for the root and unreachable nodes. */
  parentNode: Uint32Array;
  /** Offset in `edges` of the edge from the parent. */
  parentEdge: Uint32Array;
  /** 53-bit hash of the path (holder classes and folded edge labels); NaN when unreachable. */
  signature: Float64Array;
}

const INDEX_LABEL = 0x5bd1e995;

/** 32-bit FNV-1a of a string. */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return hash;
}

/** Mixes a 32-bit value into a 53-bit running hash (two lanes: 32 + 21 bits). */
export function mixSignature(signature: number, value: number): number {
  const high = Math.floor(signature / 0x20_0000) >>> 0;
  const low = signature % 0x20_0000;
  const h1 = Math.imul(high ^ value, 0x9e3779b1) >>> 0;
  const h2 = (Math.imul(low ^ (value >>> 7) ^ (h1 >>> 11), 0x85ebca6b) >>> 11) & 0x1f_ffff;
  return h1 * 0x20_0000 + h2;
}

/** Computes shortest retainer paths and path signatures for every reachable node. */
export function computeRetainerTree(snapshot: HeapSnapshot, classes: ClassIndex): RetainerTree {
  const nodeCount = snapshot.nodeCount;
  const { edges, firstEdge } = snapshot;
  const { weak, shortcut, element, hidden, internal } = snapshot.edgeTypeId;
  const { hidden: hiddenNode, code, objectShape } = snapshot.nodeTypeId;
  const parentNode = new Uint32Array(nodeCount).fill(NO_NODE);
  const parentEdge = new Uint32Array(nodeCount);
  const signature = new Float64Array(nodeCount).fill(Number.NaN);
  const classHash = classes.names.map((name) => hashString(name));
  // Edge-name hashes per string index, numeric names (Map and array slots) folded to one label.
  const nameHash = new Uint32Array(snapshot.strings.length);
  const nameHashed = new Uint8Array(snapshot.strings.length);
  const labelHash = (edge: number): number => {
    const type = edges[edge] as number;
    if (type === element || type === hidden) return INDEX_LABEL ^ type;
    const index = edges[edge + 1] as number;
    if (nameHashed[index] === 0) {
      const name = snapshot.strings.get(index) ?? '';
      nameHash[index] = /^\d+$/.test(name) ? INDEX_LABEL : hashString(name);
      nameHashed[index] = 1;
    }
    const hash = nameHash[index] as number;
    // A numeric name is a slot whatever the edge type: a Map table slot, or an integer-keyed property.
    return hash === INDEX_LABEL && type !== internal ? INDEX_LABEL ^ element : hash ^ Math.imul(type, 0x27d4eb2f);
  };

  const queue = new Uint32Array(nodeCount);
  let head = 0;
  let tail = 0;
  signature[0] = 0;
  queue[tail++] = 0;
  const visit = (node: number, strict: boolean): void => {
    const type = snapshot.nodeType(node);
    if (strict && (type === hiddenNode || type === code || type === objectShape)) return;
    const base = mixSignature(signature[node] as number, classHash[classes.classOf[node] as number] as number);
    for (let edge = firstEdge[node] as number, end = firstEdge[node + 1] as number; edge < end; edge += 3) {
      const edgeType = edges[edge] as number;
      if (edgeType === weak || (edgeType === shortcut && node !== 0)) continue;
      const target = edges[edge + 2] as number;
      if (target === 0 || parentNode[target] !== NO_NODE) continue;
      parentNode[target] = node;
      parentEdge[target] = edge;
      signature[target] = mixSignature(base, labelHash(edge));
      queue[tail++] = target;
    }
  };
  // Pass 1 keeps to readable edges; pass 2 resumes, with all strong edges, from the plumbing nodes pass 1
  // reached but did not expand (every other node reached has had all its strong edges followed already).
  while (head < tail) visit(queue[head++] as number, true);
  const reachedStrictly = tail;
  for (let i = 0; i < reachedStrictly; i++) {
    const node = queue[i] as number;
    const type = snapshot.nodeType(node);
    if (type === hiddenNode || type === code || type === objectShape) visit(node, false);
  }
  head = reachedStrictly;
  while (head < tail) visit(queue[head++] as number, false);
  return { parentNode, parentEdge, signature };
}
