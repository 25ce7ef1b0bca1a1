import { rm } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffTwo, diffTwoSnapshotFiles, formatHeapDiff, parseHeapSnapshot, type HeapDiffView } from '../../../../harness/analysis/heap/index.ts';
import { CHURN_SCRIPT, LEAK_SCRIPT, LISTENER_SCRIPT, writeSnapshotsFrom } from './snapshot-child.ts';

let leak: { dir: string; paths: [string, string, string] };
let churn: { dir: string; paths: [string, string, string] };
let listeners: { dir: string; paths: [string, string, string] };
let fast: HeapDiffView;
let full: HeapDiffView;

beforeAll(async () => {
  [leak, churn, listeners] = await Promise.all([
    writeSnapshotsFrom(LEAK_SCRIPT, 'two-leak'),
    writeSnapshotsFrom(CHURN_SCRIPT, 'two-churn'),
    writeSnapshotsFrom(LISTENER_SCRIPT, 'two-listeners'),
  ]);
  [fast, full] = await Promise.all([
    diffTwoSnapshotFiles(leak.paths[0], leak.paths[1], { retained: false }),
    diffTwoSnapshotFiles(leak.paths[0], leak.paths[1]),
  ]);
});

afterAll(async () => {
  await Promise.all([leak, churn, listeners].filter(Boolean).map(({ dir }) => rm(dir, { recursive: true, force: true })));
});

describe('diffTwoSnapshotFiles without retained sizes (heapdiff --fast)', () => {
  it('names the planted class first with its exact count of new objects and the Map that holds them', () => {
    const top = fast.leakCandidates[0];
    // 300 LeakedThings were added between the two snapshots.
    expect(top).toEqual({ constructor: 'LeakedThing', count: 300, retainedBytes: null, retainerPath: ['(Stack roots)', 'registry', 'Map entry <string>'] });
    // Levels replaced in the book alongside the leak are new objects too, but their population did not grow.
    expect(fast.leakCandidates.map((c) => c.constructor)).not.toContain('Level');
    expect(fast.growers.find((g) => g.constructor === 'LeakedThing')).toMatchObject({ countDelta: 300, retainedSizeDeltaBytes: null });
    expect(fast.growers.every((g) => g.retainedSizeDeltaBytes === null)).toBe(true);
    expect(JSON.stringify(fast)).not.toContain('BTCUSDT-');
  });

  it('agrees with the diff with retained sizes on everything but the retained sizes', () => {
    const groups = (diff: HeapDiffView) =>
      diff.leakCandidates.map(({ constructor, count, retainerPath }) => ({ constructor, count, retainerPath })).sort((a, b) => a.constructor.localeCompare(b.constructor));
    // The fast diff ranks by self size, the full one by retained size: the same groups, maybe in another order.
    expect(groups(fast)).toEqual(groups(full));
    expect(full.leakCandidates[0]).toMatchObject({ constructor: 'LeakedThing', count: 300 });
    // Each LeakedThing retains itself, its payload Array and the Array's elements.
    expect(full.leakCandidates[0]?.retainedBytes).toBeGreaterThan(300 * 100);
    expect(full.growers.every((g) => typeof g.retainedSizeDeltaBytes === 'number')).toBe(true);
  });

  it('keeps the per-class counts and self sizes of the diff with dominators', async () => {
    const [baseline, target] = await Promise.all([parseHeapSnapshot(leak.paths[0]), parseHeapSnapshot(leak.paths[1])]);
    const everyGrower = await diffTwoSnapshotFiles(leak.paths[0], leak.paths[1], { retained: false, top: 10_000 });
    const reference = diffTwo(baseline, target, { top: 10_000 });
    const rows = (list: Array<{ constructor: string; countDelta: number; selfSizeDeltaBytes: number }>) =>
      list.map(({ constructor, countDelta, selfSizeDeltaBytes }) => `${constructor} ${countDelta} ${selfSizeDeltaBytes}`).sort();
    expect(rows(everyGrower.growers)).toEqual(rows(reference));
  });

  it('reports no group from order-book churn, in either window and either mode', async () => {
    const diffs = await Promise.all([
      diffTwoSnapshotFiles(churn.paths[0], churn.paths[1], { retained: false }),
      diffTwoSnapshotFiles(churn.paths[1], churn.paths[2], { retained: false }),
      diffTwoSnapshotFiles(churn.paths[0], churn.paths[1]),
    ]);
    for (const diff of diffs) expect(diff.leakCandidates).toEqual([]);
  });

  it('sees through a listener closure to the state it holds', async () => {
    const diff = await diffTwoSnapshotFiles(listeners.paths[0], listeners.paths[1], { retained: false });
    expect(diff.leakCandidates).toEqual([
      { constructor: 'SubscriptionState', count: 5, retainedBytes: null, retainerPath: ['(Stack roots)', 'bus', '_events', 'message', '[*]', 'context'] },
    ]);
  });

  it('prints — for absent retained sizes and lists the groups', () => {
    const text = formatHeapDiff(fast, 2);
    expect(text).toMatch(/LeakedThing\s+\+300\s+\+[\d.]+ kB\s+—/);
    expect(text).toMatch(/1\. LeakedThing × 300\n\s+\(Stack roots\) → registry → Map entry <string>/);
    expect(formatHeapDiff(full, 2)).toMatch(/1\. LeakedThing × 300, retaining [\d.]+ kB/);
  });
});
