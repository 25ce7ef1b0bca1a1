import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HeapDiffSummary } from '../../../harness/analysis/index.ts';
import { isAlive } from '../../../harness/probes/index.ts';
import { runSoak, type SoakEvent } from '../../../harness/runner/index.ts';
import { parseScenario } from '../../../harness/scenario/index.ts';

const REPO = resolve(import.meta.dirname, '../../..');
const events = (dir: string): SoakEvent[] => readFileSync(join(dir, 'events.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as SoakEvent);

describe('runSoak', () => {
  let dir: string;
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('takes a three-snapshot plan from a forensic twin and writes heapdiff.json with the planted class growing', async () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-runner-'));
    const scenario = parseScenario(
      {
        name: 'listener-storm',
        description: 'disconnects every second against a listener-per-resubscribe client',
        durationMs: 12_000,
        sampleIntervalMs: 500,
        exchanges: ['binance'],
        symbols: { binance: ['BTCUSDT'] },
        feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 10 },
        faults: [{ kind: 'disconnect', atMs: 1_000, everyMs: 500 }],
        heapSnapshots: { plan: 'three', atFractions: [0.25, 0.6] },
      },
      'test',
    );
    const result = await runSoak({ scenario, targetCommand: `node ${join(REPO, 'fixtures/targets/listener-per-resubscribe.mjs')}`, out: join(dir, 'run'), argv: [] });
    expect(result.stopReason).toBe('completed');
    expect(result.snapshots.map((file) => file.split('/').at(-1))).toEqual(['baseline.heapsnapshot', 'target.heapsnapshot', 'final.heapsnapshot']);

    const kinds = events(result.runDir).map((e) => e.kind);
    expect(kinds.filter((kind) => kind === 'gc-forced')).toHaveLength(3);
    const snapshots = events(result.runDir).filter((e) => e.kind === 'heap-snapshot');
    expect(snapshots.at(-1)?.detail, JSON.stringify(snapshots.at(-1)?.detail)).toMatchObject({ diff: 'heapdiff.json' });
    expect(typeof snapshots.at(-1)?.detail.leakedObjects).toBe('number');

    // The forensic twin (the default) was snapshotted, so no sample of the measured target is spoiled.
    expect(snapshots.slice(0, 3).map((e) => e.detail.process)).toEqual(['twin', 'twin', 'twin']);
    const twinStart = events(result.runDir).find((e) => e.kind === 'target-start' && e.detail.role === 'twin');
    expect(twinStart?.detail.pid).not.toBe(result.targetPid);
    const samples = readFileSync(join(result.runDir, 'samples.ndjson'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as { pid: number; afterHeapSnapshot?: boolean });
    expect(samples.length).toBeGreaterThan(10);
    expect(samples.every((s) => s.afterHeapSnapshot === undefined && s.pid !== twinStart?.detail.pid)).toBe(true);
    expect(isAlive(Number(twinStart?.detail.pid))).toBe(false);

    const diff = JSON.parse(readFileSync(join(result.runDir, 'heapdiff.json'), 'utf8')) as HeapDiffSummary;
    // One planted state per reconnect between the first and last snapshot (the reconnects are ~2 per second).
    const planted = diff.growers.find((grower) => grower.constructor === 'SubscriptionState');
    expect(planted?.countDelta).toBeGreaterThanOrEqual(3);
    expect(planted?.retainedSizeDeltaBytes).toBeGreaterThanOrEqual(3 * 65_536);
    expect(isAlive(result.targetPid)).toBe(false);
    expect(existsSync(join(result.runDir, 'agent.sock'))).toBe(false);
  }, 60_000);

  it('records a target that dies as a finding: stop reason, exit code and last stderr in meta', async () => {
    dir = mkdtempSync(join(tmpdir(), 'soak-runner-'));
    const scenario = parseScenario(
      { name: 'dies', description: 'target exits', durationMs: 30_000, exchanges: ['binance'], symbols: { binance: ['BTCUSDT'] }, feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 1 } },
      'test',
    );
    const result = await runSoak({ scenario, targetCommand: 'sleep 1.5; echo "panic: out of sockets" >&2; exit 7', out: join(dir, 'run'), argv: ['--target', 'x'] });
    expect(result.stopReason).toBe('target-exit');
    expect(result.targetExit).toEqual({ code: 7, signal: null, lastStderr: ['panic: out of sockets'] });
    const meta = JSON.parse(readFileSync(join(result.runDir, 'meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).toMatchObject({ stopReason: 'target-exit', targetExit: { code: 7, signal: null, lastStderr: ['panic: out of sockets'] }, argv: ['--target', 'x'], streamsOpened: 1 });
    expect(events(result.runDir).find((e) => e.kind === 'target-exit')?.detail).toMatchObject({ code: 7 });
  }, 30_000);
});
