// Writes a run directory of synthetic samples (the shape harness/probes writes) for alert-evaluation tests.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Sample } from '../../../harness/probes/sample.ts';

const MB = 1_048_576;

/** What changes over the run; every function takes minutes since run start. */
export interface SyntheticRun {
  minutes: number;
  intervalMs: number;
  rssBytes: (min: number) => number;
  heapUsedBytes: (min: number) => number;
  fds: (min: number) => number;
  messagesPerSec?: number;
  /** GC pauses in one interval, ms. */
  gcPausesMs?: (min: number) => number[];
  /** Samples stop here and a target-exit event is written; the run stops `exitTailMs` later. */
  exitAtMin?: number;
  exitTailMs?: number;
  /** The exit at exitAtMin is the runner ending the run (stoppedBy: runner), not a death. */
  stoppedByRunner?: boolean;
  /** Feed socket state per exchange (orderbook_collector_connection_status); absent: not exported. */
  connectionStatus?: (min: number) => Record<string, number>;
}

/** Samples of a synthetic run. */
export function syntheticSamples(run: SyntheticRun): Sample[] {
  const samples: Sample[] = [];
  const count = Math.floor((run.minutes * 60_000) / run.intervalMs) + 1;
  for (let i = 0; i < count; i++) {
    const t = i * run.intervalMs;
    const min = t / 60_000;
    if (run.exitAtMin !== undefined && min >= run.exitAtMin) break;
    const fds = Math.round(run.fds(min));
    const pauses = run.gcPausesMs?.(min) ?? [0.4, 0.6, 1.2];
    samples.push({
      t,
      rss: Math.round(run.rssBytes(min)),
      heapUsed: Math.round(run.heapUsedBytes(min)),
      heapTotal: Math.round(run.heapUsedBytes(min) * 1.3),
      fds: { total: fds, socket: 6, file: fds - 6, pipe: 0, anon: 0, other: 0 },
      sockets: { established: 5, closeWait: 0, timeWait: 1, listen: 1, other: 0, total: 7 },
      gc: {
        count: pauses.length,
        totalPauseMs: pauses.reduce((a, b) => a + b, 0),
        maxPauseMs: Math.max(...pauses),
        pausesMs: pauses,
        byKind: { minor: { count: pauses.length, totalPauseMs: 0 }, major: { count: 0, totalPauseMs: 0 }, incremental: { count: 0, totalPauseMs: 0 }, weakcb: { count: 0, totalPauseMs: 0 } },
      },
      eventLoop: { p50: 1, p99: 4, max: 9 },
      cpu: { user: 50, system: 10 },
      collector: { messages: Math.round((run.messagesPerSec ?? 50) * (t / 1000)), gaps: 0, resyncs: 0, reconnects: 0, books: 3, levels: 3000, failed: 0, ...(run.connectionStatus ? { connectionStatus: run.connectionStatus(min) } : {}) },
    });
  }
  return samples;
}

/** Writes samples.ndjson, events.ndjson and meta.json into a fresh temporary directory and returns it. */
export async function writeSyntheticRun(run: SyntheticRun): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'soakbook-alerts-'));
  const samples = syntheticSamples(run);
  await writeFile(join(dir, 'samples.ndjson'), samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  const events = [{ t: 0, kind: 'run-start', exchange: 'harness', detail: {} }, { t: 0, kind: 'target-start', exchange: 'harness', detail: {} }];
  if (run.exitAtMin !== undefined) {
    const exitMs = run.exitAtMin * 60_000;
    events.push({ t: exitMs, kind: 'target-exit', exchange: 'harness', detail: run.stoppedByRunner ? { code: 0, signal: null, stoppedBy: 'runner' } : { code: 1 } });
    events.push({ t: exitMs + (run.exitTailMs ?? 60_000), kind: 'run-stop', exchange: 'harness', detail: {} });
  }
  await writeFile(join(dir, 'events.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  const meta = {
    scenario: 'synthetic',
    target: 'synthetic collector',
    startedAt: '2025-01-01T00:00:00.000Z',
    argv: [],
    versions: { node: process.version, soakbook: '0.1.0' },
    gitSha: 'test',
    host: { cpu: 'test', cores: 2, memBytes: 8 * 1024 * MB },
    budgets: {},
    warmupMs: 60_000,
    sampleIntervalMs: run.intervalMs,
    streamsOpened: 4,
    socketSlack: 2,
  };
  await writeFile(join(dir, 'meta.json'), JSON.stringify(meta));
  return dir;
}

/** A healthy collector: flat RSS and heap with a GC-like sawtooth, constant FDs. */
export const CLEAN: Omit<SyntheticRun, 'minutes' | 'intervalMs'> = {
  rssBytes: (min) => 90 * MB + 3 * MB * Math.sin(min * 7),
  heapUsedBytes: (min) => 30 * MB + 4 * MB * ((min * 3) % 1),
  fds: () => 24,
};

/** A leaking collector: RSS and heap grow 100 MB per 30 min from minute 5, FDs climb 20 a minute. */
export const LEAKY: Omit<SyntheticRun, 'minutes' | 'intervalMs'> = {
  rssBytes: (min) => 90 * MB + Math.max(0, min - 5) * (100 / 30) * MB,
  heapUsedBytes: (min) => 30 * MB + Math.max(0, min - 5) * (100 / 30) * MB,
  fds: (min) => 24 + 20 * min,
};

export { MB };
