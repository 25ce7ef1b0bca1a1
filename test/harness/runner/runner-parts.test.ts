import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadScenario } from '../../../harness/scenario/index.ts';
import { compareWithTruth, contractEnv, createRunDir, formatStatus, mergeSample, NdjsonWriter, snapshotTimesMs, utcStamp } from '../../../harness/runner/index.ts';

describe('run directory and ndjson', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soak-rundir-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('names runs by scenario and UTC time, and refuses a non-empty --out', () => {
    expect(utcStamp(new Date('2026-01-02T03:04:05.678Z'))).toBe('20260102T030405Z');
    const run = createRunDir('smoke', join(dir, 'run'), new Date());
    expect(run).toBe(join(dir, 'run'));
    const writer = new NdjsonWriter(join(run, 'samples.ndjson'), 0);
    writer.write({ t: 1 });
    writer.write({ t: 2, nested: { a: [1] } });
    writer.close();
    writer.write({ t: 3 });
    expect(readFileSync(join(run, 'samples.ndjson'), 'utf8')).toBe('{"t":1}\n{"t":2,"nested":{"a":[1]}}\n');
    expect(() => createRunDir('smoke', run, new Date())).toThrow(/is not empty/);
  });
});

describe('runner pieces', () => {
  it('merges probe parts and drops a sample without the /proc basics', () => {
    const fds = { total: 1, socket: 0, file: 1, pipe: 0, anon: 0, other: 0 };
    const sockets = { established: 0, closeWait: 0, timeWait: 0, listen: 0, other: 0, total: 0 };
    expect(mergeSample(5, [{ rss: 10, cpu: { user: 1, system: 0 } }, { fds }, { sockets }, { heapUsed: 3 }])).toEqual({ t: 5, rss: 10, cpu: { user: 1, system: 0 }, fds, sockets, heapUsed: 3 });
    expect(mergeSample(5, [{ fds }, { sockets }])).toBeUndefined();
  });

  it('gives the target the contract variables only, and the agent through NODE_OPTIONS', () => {
    const env = contractEnv(
      { PATH: '/bin', SOAK_OKX_WS: 'ws://stale', NODE_OPTIONS: '--max-old-space-size=512' },
      { binance: { wsUrl: 'ws://127.0.0.1:1', restUrl: 'http://127.0.0.1:1', symbols: ['BTCUSDT', 'ETHUSDT'] }, metricsPort: 9, agentSocket: '/tmp/a.sock', agentBundle: '/tmp/my dir/agent.cjs' },
    );
    expect(env).toEqual({
      PATH: '/bin',
      SOAK_BINANCE_WS: 'ws://127.0.0.1:1',
      SOAK_BINANCE_REST: 'http://127.0.0.1:1',
      SOAK_BINANCE_SYMBOLS: 'BTCUSDT,ETHUSDT',
      SOAK_METRICS_PORT: '9',
      SOAK_AGENT_SOCKET: '/tmp/a.sock',
      NODE_OPTIONS: '--max-old-space-size=512 --require "/tmp/my dir/agent.cjs"',
    });
  });

  it('compares books with the truth numerically, level by level', () => {
    const truth = { symbol: 'X', updateId: 7, bids: [['1.50', '2'], ['1.4', '1']] as Array<[string, string]>, asks: [['1.6', '3']] as Array<[string, string]> };
    expect(compareWithTruth({ lastUpdateId: 7, bids: [['1.5', '2.000'], ['1.40', '1']], asks: [['1.60', '3']] }, truth)).toBeUndefined();
    expect(compareWithTruth({ lastUpdateId: 7, bids: [['1.5', '2'], ['1.4', '1.5']], asks: [['1.6', '3']] }, truth)).toBe('bids[1]: ["1.4","1.5"] vs truth ["1.4","1"]');
    expect(compareWithTruth({ lastUpdateId: 7, bids: [['1.5', '2']], asks: [['1.6', '3']] }, truth)).toBe('bids: 1 levels, truth has 2');
  });

  it('plans heap snapshots only when the scenario asks, the last at the end', async () => {
    const smoke = await loadScenario('smoke');
    expect(snapshotTimesMs(smoke)).toEqual([]);
    expect(snapshotTimesMs({ ...smoke, heapSnapshots: { plan: 'final', process: 'twin' } })).toEqual([120_000]);
    expect(snapshotTimesMs({ ...smoke, heapSnapshots: { plan: 'three', process: 'target', atFractions: [0.25, 0.5] } })).toEqual([30_000, 60_000, 120_000]);
  });

  it('formats a progress line with elapsed, remaining and the live figures', () => {
    const line = formatStatus({
      elapsedMs: 3_725_000, durationMs: 7_200_000, messagesPerSec: 612.4, faults: 17, trend: 'heap +0.01 MB/min (pass)',
      sample: { t: 1, rss: 104_857_600, heapUsed: 52_428_800, cpu: { user: 0, system: 0 }, fds: { total: 31, socket: 9, file: 3, pipe: 11, anon: 8, other: 0 }, sockets: { established: 3, closeWait: 0, timeWait: 0, listen: 1, other: 0, total: 4 } },
    });
    expect(line).toBe('1:02:05 / 2:00:00 (57:55 left) · rss 100.0 MB · heap 50.0 MB · fds 31 · sockets 4 · msgs/s 612 · faults 17 · heap +0.01 MB/min (pass)');
  });
});
