import { existsSync, readFileSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  analyzeHeapSnapshot,
  diffSnapshotFiles,
  diffThree,
  diffTwo,
  formatHeapDiff,
  parseHeapSnapshot,
  renderRetainerPath,
  summarizeHeapSnapshot,
  writeRunHeapDiff,
} from '../../../../harness/analysis/heap/index.ts';
import type { HeapDiffSummary } from '../../../../harness/analysis/report-data.ts';
import { CHURN_SCRIPT, LEAK_SCRIPT, LISTENER_SCRIPT, writeSnapshotsFrom } from './snapshot-child.ts';

let leak: { dir: string; paths: [string, string, string] };
let churn: { dir: string; paths: [string, string, string] };
let listeners: { dir: string; paths: [string, string, string] };
let leakDiff: HeapDiffSummary;

beforeAll(async () => {
  [leak, churn, listeners] = await Promise.all([
    writeSnapshotsFrom(LEAK_SCRIPT, 'leak'),
    writeSnapshotsFrom(CHURN_SCRIPT, 'churn'),
    writeSnapshotsFrom(LISTENER_SCRIPT, 'listeners'),
  ]);
  leakDiff = await diffSnapshotFiles(leak.paths);
});

afterAll(async () => {
  await Promise.all([leak, churn, listeners].filter(Boolean).map(({ dir }) => rm(dir, { recursive: true, force: true })));
});

describe('diffThree on a planted leak', () => {
  it('names the planted class first, with the objects of the middle window and the Map that holds them', async () => {
    const diff = leakDiff;
    const top = diff.leakCandidates[0];
    expect(top?.constructor).toBe('LeakedThing');
    // 300 were added between baseline and target; the 200 added later are not in the target snapshot.
    expect(top?.count).toBe(300);
    expect(top?.retainerPath).toContain('registry');
    expect(top?.retainerPath.at(-1)).toBe('Map entry <string>');
    // Each LeakedThing retains itself, its payload Array and the Array's elements.
    expect(top?.retainedBytes).toBeGreaterThan(300 * 100);
    // The book churn alongside the leak is not reported.
    expect(diff.leakCandidates.map((c) => c.constructor)).not.toContain('Level');
    const grower = diff.growers.find((g) => g.constructor === 'LeakedThing');
    expect(grower?.countDelta).toBe(500);
  });

  it('never prints string contents unless asked', async () => {
    expect(JSON.stringify(leakDiff)).not.toContain('BTCUSDT-');
    const shown = await diffSnapshotFiles(leak.paths, { showStrings: true });
    expect(shown.leakCandidates[0]?.retainerPath.at(-1)).toMatch(/^Map entry "BTCUSDT-\d+"$/);
  });

  it('gives the same answer from parsed snapshots as from files', async () => {
    const [baseline, target, final] = await Promise.all(leak.paths.map((path) => parseHeapSnapshot(path)));
    const diff = diffThree(summarizeHeapSnapshot(baseline as never), target as never, analyzeHeapSnapshot(final as never));
    expect(diff).toEqual(leakDiff);
    expect(formatHeapDiff(diff, 3)).toMatch(/1\. LeakedThing × 300, retaining [\d.]+ kB\n\s+.*registry → Map entry <string>/);
  });
});

describe('diffThree on a listener added per resubscribe', () => {
  it('folds the listeners at different indices of _events into one candidate: the state class they hold', async () => {
    const diff = await diffSnapshotFiles(listeners.paths);
    const top = diff.leakCandidates[0];
    // 5 resubscribes between baseline and target; the 4 after the target are not in the target snapshot.
    expect(top?.constructor).toBe('SubscriptionState');
    expect(top?.count).toBe(5);
    expect(top?.retainerPath).toEqual(expect.arrayContaining(['bus', '_events', 'message', '[*]']));
    expect(top?.retainerPath.slice(top.retainerPath.indexOf('_events'))).toEqual(['_events', 'message', '[*]', 'context']);
    // Each state retains itself and its 64-element scratch array.
    expect(top?.retainedBytes).toBeGreaterThan(5 * 64 * 8);
    // Closures shrank as a whole in the first window, so the listeners are not a growing population of
    // their own, and they must not hide the states either; nothing else is flagged.
    expect(diff.leakCandidates).toHaveLength(1);
    expect(diff.growers.find((g) => g.constructor === 'SubscriptionState')?.countDelta).toBe(9);
  });

  it('keeps exact indices when one object is rendered, and they differ per listener', async () => {
    const final = await parseHeapSnapshot(listeners.paths[2]);
    const analysis = analyzeHeapSnapshot(final);
    const indices = new Set<string>();
    for (let node = 0; node < final.nodeCount; node++) {
      if (final.nodeName(node) !== 'SubscriptionState' || final.nodeTypeName(node) !== 'object') continue;
      const path = renderRetainerPath(final, analysis.classes, analysis.retainers, node);
      indices.add(path[path.indexOf('message') + 1] ?? '');
      expect(renderRetainerPath(final, analysis.classes, analysis.retainers, node, { foldIndices: true })).toContain('[*]');
    }
    expect([...indices].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `[${i}]`).sort());
  });
});

describe('diffThree on order-book churn', () => {
  it('reports no candidate although objects from the middle window survive to the end', async () => {
    const [baseline, target, final] = await Promise.all(churn.paths.map((path) => parseHeapSnapshot(path)));
    if (!baseline || !target || !final) throw new Error('missing snapshot');
    // The naive three-snapshot rule would flag these: Levels new since baseline, present in target, alive in final.
    const baseIds = new Set<number>();
    for (let n = 0; n < baseline.nodeCount; n++) baseIds.add(baseline.nodeId(n));
    const targetIds = new Set<number>();
    for (let n = 0; n < target.nodeCount; n++) targetIds.add(target.nodeId(n));
    let survivors = 0;
    for (let n = 0; n < final.nodeCount; n++) {
      const id = final.nodeId(n);
      if (final.nodeName(n) === 'Level' && !baseIds.has(id) && targetIds.has(id)) survivors++;
    }
    expect(survivors).toBeGreaterThan(100);
    const diff = diffThree(baseline, target, final);
    expect(diff.leakCandidates).toEqual([]);
  });
});

describe('diffTwo', () => {
  it('lists the classes that grew, largest retained growth first', async () => {
    const [baseline, , final] = await Promise.all(leak.paths.map((path) => parseHeapSnapshot(path)));
    if (!baseline || !final) throw new Error('missing snapshot');
    const growers = diffTwo(baseline, final);
    const planted = growers.find((g) => g.constructor === 'LeakedThing');
    expect(planted).toMatchObject({ countDelta: 500 });
    expect(planted?.selfSizeDeltaBytes).toBeGreaterThan(0);
    const retained = growers.map((g) => g.retainedSizeDeltaBytes);
    expect(retained).toEqual([...retained].sort((a, b) => b - a));
    expect(diffTwo(final, final)).toEqual([]);
  });
});

describe('writeRunHeapDiff', () => {
  it('writes heapdiff.json from a run directory with a baseline/target/final plan, and nothing otherwise', async () => {
    const runDir = await mkdtemp(join(tmpdir(), 'soak-heap-run-'));
    try {
      await mkdir(join(runDir, 'snapshots'));
      await copyFile(leak.paths[0], join(runDir, 'snapshots', 'baseline.heapsnapshot'));
      await copyFile(leak.paths[1], join(runDir, 'snapshots', 'target.heapsnapshot'));
      expect(await writeRunHeapDiff(runDir)).toBeUndefined();
      expect(existsSync(join(runDir, 'heapdiff.json'))).toBe(false);
      await copyFile(leak.paths[2], join(runDir, 'snapshots', 'final.heapsnapshot'));
      const diff = await writeRunHeapDiff(runDir);
      expect(diff).toEqual(leakDiff);
      expect(JSON.parse(readFileSync(join(runDir, 'heapdiff.json'), 'utf8'))).toEqual(leakDiff);
    } finally {
      await rm(runDir, { recursive: true, force: true });
    }
  });
});
