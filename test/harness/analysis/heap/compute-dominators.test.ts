// Dominators, retained sizes, class totals and retainer paths on the hand-checked fixture (see fixtures/heap/README.md).
import { beforeAll, describe, expect, it } from 'vitest';
import {
  aggregateByConstructor,
  buildClassIndex,
  computeDominators,
  computeRetainerTree,
  NO_NODE,
  parseHeapSnapshot,
  renderRetainerPath,
  type HeapSnapshot,
} from '../../../../harness/analysis/heap/index.ts';

const LTS_FIXTURE = new URL('../../../../fixtures/heap/node-lts-format.heapsnapshot', import.meta.url).pathname;
let snapshot: HeapSnapshot;

beforeAll(async () => {
  snapshot = await parseHeapSnapshot(LTS_FIXTURE);
});

describe('computeDominators', () => {
  it('finds the immediate dominators computed by hand, ignoring weak edges and shortcuts below the root', () => {
    const { idom } = computeDominators(snapshot);
    // node:        0  1  2  3  4  5  6  7  8  9 10       11  12 13 14
    expect(Array.from(idom)).toEqual([0, 0, 1, 0, 0, 4, 5, 6, 6, 8, 5, NO_NODE, 4, 2, 13]);
  });

  it('sums retained sizes bottom-up over reachable nodes only', () => {
    const { retainedSize, order } = computeDominators(snapshot);
    expect(retainedSize[0]).toBe(416);
    expect(retainedSize[4]).toBe(304);
    expect(retainedSize[5]).toBe(248);
    expect(retainedSize[6]).toBe(176);
    expect(retainedSize[8]).toBe(80);
    expect(retainedSize[9]).toBe(32);
    expect(retainedSize[11]).toBe(0);
    expect(order.length).toBe(14);
  });
});

describe('aggregateByConstructor', () => {
  it('counts live objects per class and does not count an object inside another of its class twice', () => {
    const classes = buildClassIndex(snapshot);
    const rows = aggregateByConstructor(snapshot, classes, computeDominators(snapshot));
    const byName = new Map(rows.map((row) => [row.constructor, row]));
    expect(byName.get('CollectorState')).toEqual({ constructor: 'CollectorState', count: 1, selfSizeBytes: 32, retainedSizeBytes: 304 });
    // The unreachable Object (id 23) is left out; the global Object remains.
    expect(byName.get('Object')).toMatchObject({ count: 1, selfSizeBytes: 40 });
    expect(byName.get('(string)')).toMatchObject({ count: 1, retainedSizeBytes: 24 });
    expect(byName.get('(object shape)')).toMatchObject({ count: 1 });
    expect(byName.has('(GC roots)')).toBe(false);
    expect(rows[0]?.constructor).toBe('CollectorState');
  });
});

describe('renderRetainerPath', () => {
  it('renders the shortest path as a property chain, with a Map entry step and hidden keys', () => {
    const classes = buildClassIndex(snapshot);
    const tree = computeRetainerTree(snapshot, classes);
    expect(renderRetainerPath(snapshot, classes, tree, 9)).toEqual(['(global)', 'collectorState', 'books', 'Map entry <string>', 'history']);
    expect(renderRetainerPath(snapshot, classes, tree, 9, { showStrings: true })).toEqual(['(global)', 'collectorState', 'books', 'Map entry "BTCUSDT"', 'history']);
    expect(renderRetainerPath(snapshot, classes, tree, 12)).toEqual(['(global)', 'collectorState', 'last']);
    expect(renderRetainerPath(snapshot, classes, tree, 14)).toEqual(['(Global handles)', 'context']);
    expect(renderRetainerPath(snapshot, classes, tree, 11)).toEqual([]);
  });

  it('gives nodes reached by equivalent paths the same signature', () => {
    const classes = buildClassIndex(snapshot);
    const tree = computeRetainerTree(snapshot, classes);
    expect(Number.isNaN(tree.signature[11])).toBe(true);
    expect(tree.signature[9]).not.toBe(tree.signature[12]);
  });
});
