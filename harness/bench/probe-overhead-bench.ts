/**
 * Benchmark 5, probe overhead: the collector's ingest of the mock's flood without the harness, and with the
 * soak agent preloaded (`NODE_OPTIONS=--require <bundle>`) plus the runner's probes sampling it at 1 Hz
 * (/proc, sockets, FDs, the agent's heap/GC/event-loop sample, a /metrics scrape) — the same probes a soak
 * run uses (harness/probes createProbes, harness/runner Sampler). Fresh collector processes alternate
 * between the two settings; the loss is judged per collector CPU-second (the probes' work in the target is
 * exactly the cost), with the wall rate alongside.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentServer, bundleAgent } from '../agent/index.ts';
import { createProbes } from '../probes/index.ts';
import { Sampler } from '../runner/index.ts';
import type { BenchResult } from './bench-result.ts';
import { compare, median, relativeLoss, target } from './bench-stats.ts';
import { FloodMock, measureWindow, perCpuSecond, perWallSecond, startCollectorConsumer, waitFlowing, type IngestWindow } from './ingest-rig.ts';
import { loadAverageNow, machineInfo } from './machine-info.ts';

/** Size of the benchmark. */
export interface ProbeOverheadBenchOptions {
  repeats: number;
  windowMs: number;
  sampleIntervalMs: number;
}

export const PROBE_OVERHEAD_BENCH_DEFAULTS: ProbeOverheadBenchOptions = { repeats: 3, windowMs: 5000, sampleIntervalMs: 1000 };

/** What the probed windows also saw of the collector through the probes. */
interface ProbedWindow {
  window: IngestWindow;
  samples: number;
  probeFailures: number;
  eventLoopP99Ms: number[];
}

async function unprobedWindow(mock: FloodMock, windowMs: number): Promise<IngestWindow> {
  const consumer = await startCollectorConsumer(mock);
  try {
    await waitFlowing(consumer, 20_000, 60_000);
    return await measureWindow(mock, consumer, windowMs);
  } finally {
    await consumer.close();
  }
}

async function probedWindow(mock: FloodMock, bundle: string, socketPath: string, options: ProbeOverheadBenchOptions): Promise<ProbedWindow> {
  const server = await AgentServer.listen(socketPath);
  try {
    const consumer = await startCollectorConsumer(mock, { NODE_OPTIONS: `--require ${bundle}`, SOAK_AGENT_SOCKET: socketPath }, 'soakbook collector + agent + 1 Hz probes');
    try {
      const pid = consumer.collector.pid;
      const agent = (): ReturnType<AgentServer['agents']>[number] | undefined => server.agents().find((a) => a.pid === pid);
      const sampler = new Sampler(createProbes({ pid: () => pid, agent, metricsUrl: consumer.collector.metricsUrl, timeoutMs: Math.floor(options.sampleIntervalMs * 0.9) }));
      const loopP99: number[] = [];
      let samples = 0;
      const t0 = performance.now();
      let inFlight: Promise<void> = Promise.resolve();
      const timer = setInterval(() => {
        inFlight = sampler.take(performance.now() - t0).then((sample) => {
          if (!sample) return;
          samples++;
          if (sample.eventLoop) loopP99.push(sample.eventLoop.p99);
        });
      }, options.sampleIntervalMs);
      try {
        await waitFlowing(consumer, 20_000, 60_000);
        if (agent() === undefined) throw new Error('the agent did not connect from the collector');
        samples = 0;
        loopP99.length = 0;
        const window = await measureWindow(mock, consumer, options.windowMs);
        return { window, samples, probeFailures: [...sampler.failures.values()].reduce((a, b) => a + b, 0), eventLoopP99Ms: loopP99 };
      } finally {
        clearInterval(timer);
        await inFlight;
        sampler.close();
      }
    } finally {
      await consumer.close();
    }
  } finally {
    await server.close();
  }
}

/** Runs benchmark 5. */
export async function runProbeOverheadBench(options: ProbeOverheadBenchOptions = PROBE_OVERHEAD_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'soakbook-bench-agent-'));
  const without: IngestWindow[] = [];
  const probed: ProbedWindow[] = [];
  try {
    const bundle = await bundleAgent(join(dir, 'agent.cjs'));
    const mock = await FloodMock.start();
    try {
      for (let r = 0; r < options.repeats; r++) {
        without.push(await unprobedWindow(mock, options.windowMs));
        probed.push(await probedWindow(mock, bundle, join(dir, `agent-${r}.sock`), options));
      }
    } finally {
      await mock.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const withWindows = probed.map((p) => p.window);
  const cpuWithout = median(without.map(perCpuSecond));
  const cpuWith = median(withWindows.map(perCpuSecond));
  const wallWithout = median(without.map(perWallSecond));
  const wallWith = median(withWindows.map(perWallSecond));
  const lossCpu = relativeLoss(cpuWithout, cpuWith);
  const spread = (values: number[]): number => (Math.max(...values) - Math.min(...values)) / median(values);
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'probe-overhead',
    title: 'Probe overhead: collector ingest with and without the agent and 1 Hz sampling',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: options.repeats,
    comparisons: [
      compare('messages per collector CPU-second', 'msg/s', cpuWith, cpuWithout, 'the same collector, no agent, no probes', true),
      compare('messages per wall-second', 'msg/s', wallWith, wallWithout, 'the same collector, no agent, no probes', true),
    ],
    figures: [
      { label: 'ingest lost to the agent and 1 Hz probes (wall rate)', value: relativeLoss(wallWithout, wallWith) * 100, unit: '%' },
      { label: 'run-to-run spread of the unprobed rate per CPU-second (max − min) / median', value: spread(without.map(perCpuSecond)) * 100, unit: '%' },
      { label: 'samples taken per probed window', value: median(probed.map((p) => p.samples)), unit: 'samples' },
      { label: 'probe failures (timeouts) per probed window', value: median(probed.map((p) => p.probeFailures)), unit: 'failures' },
      { label: 'collector event-loop delay p99 under the flood (agent)', value: median(probed.flatMap((p) => p.eventLoopP99Ms)), unit: 'ms' },
    ],
    targets: [target('probe-overhead', 'the agent and 1 Hz probes cost ≤ 2 % of ingest (per collector CPU-second)', lossCpu * 100, '<=', 2, '%')],
    notes: [
      `${options.repeats} alternating pairs of fresh collector processes on the mock's flood, ${options.windowMs} ms windows after 20,000 messages of warm-up; medians.`,
      'Probed: the esbuild-bundled agent preloaded via NODE_OPTIONS, and createProbes (process, FDs, sockets, agent, /metrics) sampled by the runner\'s Sampler every second.',
      'A loss within the run-to-run spread is not distinguishable from zero on this machine.',
    ],
  };
}
