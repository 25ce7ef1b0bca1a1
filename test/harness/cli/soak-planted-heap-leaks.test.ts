// Planted heap leaks through the real CLI, each with a three-snapshot plan on a forensic twin and a disconnect
// every second: a growing Map and a listener per resubscribe must fail `leaked-objects` with the planted class
// named, and the built-in collector under the same storm must pass it with no candidate at all.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO, startSoak } from './soak-cli-helpers.ts';

const STORM = {
  name: 'heap-leak-storm',
  description: 'a disconnect every second, three heap snapshots of a forensic twin',
  durationMs: 16_000,
  warmupMs: 2_000,
  sampleIntervalMs: 500,
  exchanges: ['binance'],
  symbols: { binance: ['BTCUSDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 20 },
  faults: [{ kind: 'disconnect', atMs: 1_000, everyMs: 1_000 }],
  heapSnapshots: { plan: 'three', atFractions: [0.25, 0.6] },
};

interface Report {
  verdict: string;
  checks: Array<{ id: string; status: string; value: number | null; detail: string }>;
}

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface HeapDiff {
  leakCandidates: Array<{ constructor: string; count: number; retainerPath: string[] }>;
}

async function soak(target: string | undefined): Promise<{ code: number | null; report: Report; stderr: string; heapDiff: HeapDiff }> {
  dir = mkdtempSync(join(tmpdir(), 'soak-heap-leak-'));
  const out = join(dir, 'run');
  writeFileSync(join(dir, 'storm.json'), JSON.stringify(STORM));
  const run = startSoak(['--scenario', join(dir, 'storm.json'), '--out', out, ...(target === undefined ? [] : ['--target', target])]);
  const { code } = await run.exit;
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
  const heapDiff = JSON.parse(readFileSync(join(out, 'heapdiff.json'), 'utf8')) as HeapDiff;
  return { code, report, stderr: run.stderr(), heapDiff };
}

const leakedObjects = (report: Report) => report.checks.find((check) => check.id === 'leaked-objects');

describe('npm run soak: planted heap leaks are named by the heap diff; the clean collector has none', () => {
  it('a growing Map (the built-in collector plus 30 MB/min of retained entries) fails leaked-objects', async () => {
    const { code, report, stderr } = await soak(`LEAK_MB_PER_MIN=30 node --import tsx ${join(REPO, 'fixtures/targets/leaky-collector.ts')}`);
    expect(code, stderr).toBe(1);
    expect(leakedObjects(report)?.status, JSON.stringify(leakedObjects(report))).toBe('fail');
    expect(leakedObjects(report)?.detail).toContain('LeakedHistoryEntry');
  }, 120_000);

  it('a listener kept per resubscribe fails leaked-objects', async () => {
    const { code, report, stderr, heapDiff } = await soak(`node ${join(REPO, 'fixtures/targets/listener-per-resubscribe.mjs')}`);
    expect(code, stderr).toBe(1);
    expect(leakedObjects(report)?.status, JSON.stringify(leakedObjects(report))).toBe('fail');
    // The group is the state object itself, or the listener closures that hold it when those grew as a whole:
    // either way its path runs through the long-lived emitter's listener table.
    const planted = heapDiff.leakCandidates.find((c) => c.constructor === 'SubscriptionState' || c.constructor === '(closure)');
    expect(planted?.count, JSON.stringify(heapDiff.leakCandidates)).toBeGreaterThanOrEqual(3);
    expect(planted?.retainerPath.join(' → ')).toContain('_events');
  }, 120_000);

  it('the built-in collector under the same storm passes leaked-objects with 0 candidates', async () => {
    const { report } = await soak(undefined);
    expect(leakedObjects(report), JSON.stringify(leakedObjects(report))).toMatchObject({ status: 'pass', value: 0 });
  }, 120_000);
});
