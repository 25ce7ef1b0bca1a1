/**
 * Streaming parser for V8 `.heapsnapshot` files (Node 20's V8 11.3 and the newer layouts of current LTS
 * releases). Sections are read by name, so the order of `trace_function_infos`, `trace_tree`, `samples`,
 * `locations` and any section a future V8 adds does not matter; fields are looked up in `meta` by name, so
 * `trace_node_id` may be present or absent and extra node fields (`detachedness`) are carried along.
 */
import { open, stat } from 'node:fs/promises';
import { SoakError } from '../../errors.ts';
import { GrowableNumberArray } from './growable-number-array.ts';
import { EDGE_FIELDS, HeapSnapshot, type HeapSnapshotLayout } from './heap-snapshot.ts';
import { JsonByteReader } from './json-byte-reader.ts';
import type { StringTable } from './string-table.ts';

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const MAX_HEADER_BYTES = 1 << 20;
const REQUIRED_NODE_FIELDS = ['type', 'name', 'id', 'self_size', 'edge_count'] as const;
const REQUIRED_EDGE_FIELDS = ['type', 'name_or_index', 'to_node'] as const;

interface Header {
  layout: HeapSnapshotLayout;
  nodeCount: number;
  edgeCount: number;
}

/** Parses a heap snapshot file without ever holding its text; throws SoakError SOAK_ERR_HEAP_SNAPSHOT when it is not one. */
export async function parseHeapSnapshot(path: string): Promise<HeapSnapshot> {
  let fileBytes: number;
  try {
    fileBytes = (await stat(path)).size;
  } catch (error) {
    throw new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `${path}: cannot read heap snapshot (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  const file = await open(path, 'r');
  try {
    const reader = new JsonByteReader(file, path);
    let header: Header | undefined;
    let nodes: GrowableNumberArray | undefined;
    let edges: GrowableNumberArray | undefined;
    let strings: StringTable | undefined;
    // A number takes at least two bytes ("1,"), which bounds any preallocation a header can ask for.
    const maxValues = Math.ceil(fileBytes / 2);

    await reader.expect(OPEN_BRACE, "'{' (is this a .heapsnapshot file?)");
    let more = (await reader.peek()) !== CLOSE_BRACE;
    while (more) {
      const key = await reader.readString();
      await reader.expect(0x3a, "':'");
      if (key === 'snapshot') {
        header = readHeader(path, await reader.captureValue(MAX_HEADER_BYTES));
      } else if (key === 'nodes' || key === 'edges') {
        if (!header) throw reader.fail(`'${key}' before the 'snapshot' header`);
        const width = key === 'nodes' ? header.layout.nodeFields.length : EDGE_FIELDS;
        const declared = (key === 'nodes' ? header.nodeCount : header.edgeCount) * width;
        const sink = new GrowableNumberArray(Math.min(declared, maxValues));
        await reader.readUnsignedArray(sink, key);
        if (key === 'nodes') nodes = sink;
        else edges = sink;
      } else if (key === 'strings') {
        // The rest of the file bounds the section: usually it is the last one, so its buffer is the right size.
        strings = await reader.readStringTable(fileBytes - reader.position);
      } else {
        await reader.skipValue();
      }
      more = await reader.commaOr(CLOSE_BRACE);
    }
    if ((await reader.peek()) !== -1) throw reader.fail('unexpected data after the snapshot');
    if (!header || !nodes || !edges || !strings) {
      const missing = [!header && 'snapshot', !nodes && 'nodes', !edges && 'edges', !strings && 'strings'].filter(Boolean).join(', ');
      throw new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `${path}: not a V8 heap snapshot (missing ${missing})`);
    }
    return assemble(path, header, nodes, edges, strings);
  } finally {
    await file.close();
  }
}

function invalid(path: string, why: string): SoakError {
  return new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `${path}: not a usable V8 heap snapshot (${why})`);
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

/** Validates the `snapshot` header: field names by name, type tables, declared counts. */
function readHeader(path: string, text: string): Header {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SoakError('SOAK_ERR_HEAP_SNAPSHOT', `${path}: malformed 'snapshot' header`, { cause: error });
  }
  const snapshot = (parsed ?? {}) as { meta?: Record<string, unknown>; node_count?: unknown; edge_count?: unknown };
  const meta = snapshot.meta ?? {};
  const nodeFields = stringList(meta.node_fields);
  const edgeFields = stringList(meta.edge_fields);
  const nodeTypes = Array.isArray(meta.node_types) ? stringList(meta.node_types[0]) : undefined;
  const edgeTypes = Array.isArray(meta.edge_types) ? stringList(meta.edge_types[0]) : undefined;
  if (!nodeFields || !edgeFields || !nodeTypes || !edgeTypes) throw invalid(path, 'meta lacks node_fields, edge_fields, node_types or edge_types');
  for (const field of REQUIRED_NODE_FIELDS) if (!nodeFields.includes(field)) throw invalid(path, `meta.node_fields lacks '${field}'`);
  if (edgeFields.length !== EDGE_FIELDS || REQUIRED_EDGE_FIELDS.some((field, i) => edgeFields[i] !== field)) {
    throw invalid(path, `meta.edge_fields is [${edgeFields.join(', ')}], expected [${REQUIRED_EDGE_FIELDS.join(', ')}]`);
  }
  const count = (value: unknown): number => (typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : 0);
  return { layout: { nodeFields, nodeTypes, edgeFields, edgeTypes }, nodeCount: count(snapshot.node_count), edgeCount: count(snapshot.edge_count) };
}

/** Checks every index the analyses will follow, then indexes each node's first edge and rewrites to_node as an ordinal. */
function assemble(path: string, header: Header, nodeSink: GrowableNumberArray, edgeSink: GrowableNumberArray, strings: StringTable): HeapSnapshot {
  const { layout } = header;
  const nodeFieldCount = layout.nodeFields.length;
  const nodes = nodeSink.finish();
  const edgeValues = edgeSink.finish();
  if (!(edgeValues instanceof Uint32Array)) throw invalid(path, 'an edge value exceeds 2^32');
  const edges = edgeValues;
  if (nodes.length % nodeFieldCount !== 0) throw invalid(path, `${nodes.length} node values is not a multiple of ${nodeFieldCount} fields`);
  if (edges.length % EDGE_FIELDS !== 0) throw invalid(path, `${edges.length} edge values is not a multiple of ${EDGE_FIELDS}`);
  const nodeCount = nodes.length / nodeFieldCount;
  if (nodeCount === 0) throw invalid(path, 'no nodes');
  if (header.nodeCount !== 0 && header.nodeCount !== nodeCount) throw invalid(path, `header says ${header.nodeCount} nodes, file has ${nodeCount}`);

  const typeOffset = layout.nodeFields.indexOf('type');
  const nameOffset = layout.nodeFields.indexOf('name');
  const edgeCountOffset = layout.nodeFields.indexOf('edge_count');
  const nodeTypeCount = layout.nodeTypes.length;
  const stringCount = strings.length;
  const firstEdge = new Uint32Array(nodeCount + 1);
  let edgeOffset = 0;
  for (let node = 0, base = 0; node < nodeCount; node++, base += nodeFieldCount) {
    if ((nodes[base + typeOffset] as number) >= nodeTypeCount) throw invalid(path, `node ${node} has unknown type ${nodes[base + typeOffset]}`);
    if ((nodes[base + nameOffset] as number) >= stringCount) throw invalid(path, `node ${node} names string ${nodes[base + nameOffset]} of ${stringCount}`);
    firstEdge[node] = edgeOffset;
    edgeOffset += (nodes[base + edgeCountOffset] as number) * EDGE_FIELDS;
    if (edgeOffset > edges.length) throw invalid(path, `nodes declare more edges than the ${edges.length / EDGE_FIELDS} present`);
  }
  firstEdge[nodeCount] = edgeOffset;
  if (edgeOffset !== edges.length) throw invalid(path, `nodes declare ${edgeOffset / EDGE_FIELDS} edges, file has ${edges.length / EDGE_FIELDS}`);

  const edgeTypeCount = layout.edgeTypes.length;
  const elementType = layout.edgeTypes.indexOf('element');
  const hiddenType = layout.edgeTypes.indexOf('hidden');
  const nodesLength = nodes.length;
  for (let edge = 0; edge < edges.length; edge += EDGE_FIELDS) {
    const type = edges[edge] as number;
    if (type >= edgeTypeCount) throw invalid(path, `edge ${edge / EDGE_FIELDS} has unknown type ${type}`);
    if (type !== elementType && type !== hiddenType && (edges[edge + 1] as number) >= stringCount) {
      throw invalid(path, `edge ${edge / EDGE_FIELDS} names string ${edges[edge + 1]} of ${stringCount}`);
    }
    const toNode = edges[edge + 2] as number;
    if (toNode >= nodesLength || toNode % nodeFieldCount !== 0) throw invalid(path, `edge ${edge / EDGE_FIELDS} points at ${toNode}, not a node`);
    edges[edge + 2] = toNode / nodeFieldCount;
  }
  return new HeapSnapshot({ layout, nodes, edges, firstEdge, strings });
}
