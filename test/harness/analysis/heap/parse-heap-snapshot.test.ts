import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseHeapSnapshot } from '../../../../harness/analysis/heap/index.ts';
import { SoakError } from '../../../../harness/errors.ts';
import { LEAK_SCRIPT, writeSnapshotsFrom } from './snapshot-child.ts';

const LTS_FIXTURE = new URL('../../../../fixtures/heap/node-lts-format.heapsnapshot', import.meta.url).pathname;
let node20: { dir: string; paths: [string, string, string] };
let scratch: string;

beforeAll(async () => {
  node20 = await writeSnapshotsFrom(LEAK_SCRIPT, 'parse');
  scratch = await mkdtemp(join(tmpdir(), 'soak-heap-parse-'));
});

afterAll(async () => {
  await Promise.all([node20?.dir, scratch].filter(Boolean).map((dir) => rm(dir as string, { recursive: true, force: true })));
});

async function parseText(name: string, text: string): Promise<Awaited<ReturnType<typeof parseHeapSnapshot>>> {
  const path = join(scratch, name);
  await writeFile(path, text);
  return parseHeapSnapshot(path);
}

async function parseError(name: string, text: string): Promise<SoakError> {
  const error = await parseText(name, text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(SoakError);
  expect((error as SoakError).code).toBe('SOAK_ERR_HEAP_SNAPSHOT');
  return error as SoakError;
}

describe('parseHeapSnapshot', () => {
  it('reads a Node 20 snapshot exactly as JSON.parse does, across chunk boundaries', async () => {
    const path = node20.paths[2];
    const reference = JSON.parse(readFileSync(path, 'utf8')) as { snapshot: { meta: { node_fields: string[] } }; nodes: number[]; edges: number[]; strings: string[] };
    expect(readFileSync(path).length).toBeGreaterThan(2 * 1024 * 1024);
    const snapshot = await parseHeapSnapshot(path);
    const fields = reference.snapshot.meta.node_fields;
    expect(fields).toContain('trace_node_id');
    expect(snapshot.layout.nodeFields).toEqual(fields);
    // Compared in plain loops: a million-element toEqual is slow to diff.
    expect(snapshot.nodes.length).toBe(reference.nodes.length);
    let nodeMismatches = 0;
    reference.nodes.forEach((value, i) => (nodeMismatches += snapshot.nodes[i] === value ? 0 : 1));
    expect(nodeMismatches).toBe(0);
    expect(snapshot.strings.length).toBe(reference.strings.length);
    expect(snapshot.strings.toArray().every((text, i) => text === reference.strings[i])).toBe(true);
    // Edges are rewritten: to_node becomes a node ordinal.
    expect(snapshot.edges.length).toBe(reference.edges.length);
    let edgeMismatches = 0;
    reference.edges.forEach((value, i) => (edgeMismatches += snapshot.edges[i] === (i % 3 === 2 ? value / fields.length : value) ? 0 : 1));
    expect(edgeMismatches).toBe(0);
    expect(snapshot.nodeName(0)).toBe('');
    expect(snapshot.nodeTypeName(0)).toBe('synthetic');
    expect(snapshot.firstEdge[snapshot.nodeCount]).toBe(snapshot.edges.length);
  });

  it('reads the current LTS layout: no trace_node_id, object shape, locations and samples present', async () => {
    const snapshot = await parseHeapSnapshot(LTS_FIXTURE);
    expect(snapshot.nodeFieldCount).toBe(6);
    expect(snapshot.nodeCount).toBe(15);
    expect(snapshot.edgeCount).toBe(17);
    expect(snapshot.nodeTypeName(10)).toBe('object shape');
    expect(snapshot.nodeName(12)).toBe('Level');
    expect(snapshot.nodeId(12)).toBe(25);
    expect(snapshot.selfSize(6)).toBe(72);
    expect(snapshot.strings.get(28)).toBe('été "quoted"');
    // Book's only edge: property "history" to the Array (node 9).
    const edge = snapshot.firstEdge[8] as number;
    expect(snapshot.edgeName(edge)).toBe('history');
    expect(snapshot.edgeTarget(edge)).toBe(9);
    expect(snapshot.edgeName(snapshot.firstEdge[9] as number)).toBe('1234');
  });

  it('does not depend on section order and skips sections it does not know', async () => {
    const fixture = JSON.parse(readFileSync(LTS_FIXTURE, 'utf8')) as Record<string, unknown>;
    const { strings, nodes, edges, snapshot } = fixture;
    const text = JSON.stringify({ snapshot, future_section: { nested: [1, '}]"', { deep: [] }] }, nodes, strings, edges, locations: [78, 5, 10, 2] });
    const parsed = await parseText('reordered.heapsnapshot', text);
    expect(parsed.nodeCount).toBe(15);
    expect(parsed.strings.get(7)).toBe('BTCUSDT');
  });

  it('skips flat number sections past read chunks, and arrays that turn nested or quoted after a long flat run', async () => {
    const fixture = JSON.parse(readFileSync(LTS_FIXTURE, 'utf8')) as Record<string, unknown>;
    const flat = Array.from({ length: 400_000 }, (_, i) => i);
    const { strings, nodes, edges, snapshot } = fixture;
    const text = JSON.stringify({ snapshot, locations: flat, nodes, late_nesting: [...flat, 'x]"', [1, { a: '}' }], 2], strings, samples: [], edges });
    expect(text.length).toBeGreaterThan(5 * 1024 * 1024);
    const parsed = await parseText('skips.heapsnapshot', text);
    expect(parsed.nodeCount).toBe(15);
    expect(parsed.edgeCount).toBe(17);
    expect(parsed.strings.get(7)).toBe('BTCUSDT');
    const truncated = text.slice(0, text.indexOf('"late_nesting"') + 1_500_000);
    expect((await parseError('skip-truncated.heapsnapshot', truncated)).message).toMatch(/unexpected end of file inside a value/);
  });

  it('refuses truncated, malformed and inconsistent files with one coded line', async () => {
    const full = readFileSync(LTS_FIXTURE, 'utf8');
    expect((await parseError('truncated.heapsnapshot', full.slice(0, full.indexOf('"edges"') + 30))).message).toMatch(/unexpected end of file inside edges/);
    expect((await parseError('html.heapsnapshot', '<html></html>')).message).toMatch(/expected '\{'/);
    expect((await parseError('nofields.heapsnapshot', full.replace('"self_size",', ''))).message).toMatch(/lacks 'self_size'/);
    expect((await parseError('negative.heapsnapshot', full.replace('"nodes":[9,', '"nodes":[-9,'))).message).toMatch(/expected an unsigned integer in nodes/);
    expect((await parseError('dangling.heapsnapshot', full.replace('(1,1234,72)'.replace(/[()]/g, ''), '1,1234,73'))).message).toMatch(/points at 73, not a node/);
    expect((await parseError('missing.heapsnapshot', full.replace(/,\n"strings":\[[^]*\]\}$/, '}'))).message).toMatch(/missing strings/);
    expect((await parseError('absent.heapsnapshot.none', '')).message).toMatch(/expected '\{'/);
    const missingFile = await parseHeapSnapshot(join(scratch, 'nope.heapsnapshot')).catch((error: unknown) => error);
    expect((missingFile as SoakError).message).toMatch(/cannot read heap snapshot \(ENOENT\)/);
  });
});
