/**
 * Groups nodes into "classes" the way DevTools' Summary view does: objects and native nodes by constructor
 * name, every other type under one parenthesised label — `(closure)`, `(string)`, `(array)`, `(system)`,
 * `(compiled code)` — so that per-class counts compare across snapshots of one process.
 */
import type { HeapSnapshot } from './heap-snapshot.ts';

/** Labels for node types that are not grouped by their name. */
const TYPE_LABELS: Readonly<Record<string, string>> = {
  hidden: '(system)',
  array: '(array)',
  string: '(string)',
  code: '(compiled code)',
  closure: '(closure)',
  regexp: '(regexp)',
  number: '(number)',
  'concatenated string': '(concatenated string)',
  'sliced string': '(sliced string)',
  symbol: '(symbol)',
  bigint: '(bigint)',
  'object shape': '(object shape)',
};

/** Node types grouped by their own name (a constructor, or a root's label). */
const NAMED_TYPES = new Set(['object', 'native', 'synthetic', 'wasm object']);

/** The class of every node: a dense id per node and the name of each id. */
export interface ClassIndex {
  classOf: Uint32Array;
  names: string[];
}

/** Assigns every node of the snapshot to a class. */
export function buildClassIndex(snapshot: HeapSnapshot): ClassIndex {
  const names: string[] = [];
  const byName = new Map<string, number>();
  const classFor = (name: string): number => {
    let id = byName.get(name);
    if (id === undefined) {
      id = names.length;
      names.push(name);
      byName.set(name, id);
    }
    return id;
  };
  const nodeTypes = snapshot.layout.nodeTypes;
  // Per type: a fixed class, or -1 when the type is grouped by node name.
  const typeClass = nodeTypes.map((type) => (NAMED_TYPES.has(type) ? -1 : classFor(TYPE_LABELS[type] ?? `(${type})`)));
  // Names are deduplicated in the strings table, so a string index identifies a constructor name.
  const nameClass = new Int32Array(snapshot.strings.length).fill(-1);
  const classOf = new Uint32Array(snapshot.nodeCount);
  for (let node = 0; node < snapshot.nodeCount; node++) {
    const fixed = typeClass[snapshot.nodeType(node)] ?? -1;
    if (fixed >= 0) {
      classOf[node] = fixed;
      continue;
    }
    const nameIndex = snapshot.nodeNameIndex(node);
    let id = nameClass[nameIndex] as number;
    if (id < 0) {
      id = classFor(snapshot.strings.get(nameIndex) || '(anonymous)');
      nameClass[nameIndex] = id;
    }
    classOf[node] = id;
  }
  return { classOf, names };
}
