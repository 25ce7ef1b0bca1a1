/**
 * A parsed V8 heap snapshot held as flat typed arrays, as V8 writes it: memory is about the size of the
 * numeric data (4 bytes a field), not of the JSON text. Nodes keep their raw fields; edges are rewritten
 * so `to_node` is a node ordinal (not an offset into the nodes array) and each node's first edge is indexed.
 */
import type { NumberArray } from './growable-number-array.ts';
import type { StringTable } from './string-table.ts';

/** The layout a snapshot's `meta` declares (field and type names, in file order). */
export interface HeapSnapshotLayout {
  nodeFields: readonly string[];
  nodeTypes: readonly string[];
  edgeFields: readonly string[];
  edgeTypes: readonly string[];
}

/** Raw arrays handed over by the parser once they have been validated. */
export interface HeapSnapshotArrays {
  layout: HeapSnapshotLayout;
  nodes: NumberArray;
  /** [type, name_or_index, to_node ordinal] per edge. */
  edges: Uint32Array;
  /** Per node (plus one past the end), the offset of its first edge in `edges`. */
  firstEdge: Uint32Array;
  strings: StringTable;
}

/** Edge fields per edge; V8 has always written exactly these three. */
export const EDGE_FIELDS = 3;

/** One heap snapshot: nodes, edges, strings and the accessors the analyses share. */
export class HeapSnapshot {
  readonly layout: HeapSnapshotLayout;
  readonly nodes: NumberArray;
  readonly edges: Uint32Array;
  readonly firstEdge: Uint32Array;
  readonly strings: StringTable;
  readonly nodeCount: number;
  readonly edgeCount: number;
  readonly nodeFieldCount: number;
  readonly typeOffset: number;
  readonly nameOffset: number;
  readonly idOffset: number;
  readonly selfSizeOffset: number;
  /** Node type ids, -1 where this V8 does not have the type. */
  readonly nodeTypeId: Readonly<Record<'hidden' | 'array' | 'string' | 'object' | 'code' | 'closure' | 'number' | 'native' | 'synthetic' | 'concatenatedString' | 'slicedString' | 'objectShape', number>>;
  /** Edge type ids, -1 where this V8 does not have the type. */
  readonly edgeTypeId: Readonly<Record<'context' | 'element' | 'property' | 'internal' | 'hidden' | 'shortcut' | 'weak', number>>;

  constructor(arrays: HeapSnapshotArrays) {
    this.layout = arrays.layout;
    this.nodes = arrays.nodes;
    this.edges = arrays.edges;
    this.firstEdge = arrays.firstEdge;
    this.strings = arrays.strings;
    const { nodeFields, nodeTypes, edgeTypes } = arrays.layout;
    this.nodeFieldCount = nodeFields.length;
    this.nodeCount = arrays.nodes.length / this.nodeFieldCount;
    this.edgeCount = arrays.edges.length / EDGE_FIELDS;
    this.typeOffset = nodeFields.indexOf('type');
    this.nameOffset = nodeFields.indexOf('name');
    this.idOffset = nodeFields.indexOf('id');
    this.selfSizeOffset = nodeFields.indexOf('self_size');
    const nodeType = (name: string): number => nodeTypes.indexOf(name);
    this.nodeTypeId = {
      hidden: nodeType('hidden'),
      array: nodeType('array'),
      string: nodeType('string'),
      object: nodeType('object'),
      code: nodeType('code'),
      closure: nodeType('closure'),
      number: nodeType('number'),
      native: nodeType('native'),
      synthetic: nodeType('synthetic'),
      concatenatedString: nodeType('concatenated string'),
      slicedString: nodeType('sliced string'),
      objectShape: nodeType('object shape'),
    };
    const edgeType = (name: string): number => edgeTypes.indexOf(name);
    this.edgeTypeId = {
      context: edgeType('context'),
      element: edgeType('element'),
      property: edgeType('property'),
      internal: edgeType('internal'),
      hidden: edgeType('hidden'),
      shortcut: edgeType('shortcut'),
      weak: edgeType('weak'),
    };
  }

  /** The node type id of node `ordinal` (an index into layout.nodeTypes). */
  nodeType(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.typeOffset] as number;
  }

  /** The node type name, e.g. `object`, `closure`, `hidden`. */
  nodeTypeName(ordinal: number): string {
    return this.layout.nodeTypes[this.nodeType(ordinal)] ?? 'unknown';
  }

  /** The node's name: a constructor for objects, a function name for closures, the text for strings. */
  nodeName(ordinal: number): string {
    return this.strings.get(this.nodeNameIndex(ordinal)) ?? '';
  }

  /** The node's name as an index into the strings table. */
  nodeNameIndex(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.nameOffset] as number;
  }

  /** The node's id, stable for one object across snapshots of one process. */
  nodeId(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.idOffset] as number;
  }

  /** The node's own size in bytes. */
  selfSize(ordinal: number): number {
    return this.nodes[ordinal * this.nodeFieldCount + this.selfSizeOffset] as number;
  }

  /** Edge type id of the edge starting at offset `edge` in `edges`. */
  edgeType(edge: number): number {
    return this.edges[edge] as number;
  }

  /** Target node ordinal of the edge at offset `edge`. */
  edgeTarget(edge: number): number {
    return this.edges[edge + 2] as number;
  }

  /** True when the edge's name is an element index rather than a string (element and hidden edges). */
  edgeHasIndex(edge: number): boolean {
    const type = this.edges[edge] as number;
    return type === this.edgeTypeId.element || type === this.edgeTypeId.hidden;
  }

  /** The edge's label: a property or variable name, or the element index as text. */
  edgeName(edge: number): string {
    const nameOrIndex = this.edges[edge + 1] as number;
    return this.edgeHasIndex(edge) ? String(nameOrIndex) : (this.strings.get(nameOrIndex) ?? '');
  }
}
