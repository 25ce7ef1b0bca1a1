/**
 * Benchmark 5, probe overhead: what the soak agent and the runner's 1 Hz probes cost the collector's ingest of
 * the mock's flood, per collector CPU-second (the probes' work in the target is exactly the cost).
 *
 * Why paired windows in one process: fresh collector processes differ by ~5 % from one another and a 1 s window
 * on this shared 2-core machine by ~10 % from the next, so "fresh process without" against "fresh process with"
 * cannot resolve 2 %. Each collector here has the agent preloaded and alternates short windows with the agent's
 * instruments off and no probes (A) against instruments on and every probe of a soak run sampling it (B:
 * createProbes + the runner's Sampler at the soak interval), in ABBA order so a linear drift cancels. The loss is
 * the median of the pairs' relative differences, with a distribution-free 95 % confidence interval. What the
 * pairing cannot see, an agent preloaded but idle against no agent at all, is measured across processes
 * (control collectors without the agent) and reported beside it, with its own, wider, uncertainty.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentServer, bundleAgent, type AgentConnection } from '../agent/index.ts';
import { createProbes } from '../probes/index.ts';
import { Sampler } from '../runner/index.ts';
import type { BenchResult } from './bench-result.ts';
import { compare, median, relativeLoss, target } from './bench-stats.ts';
import { FloodMock, measureWindow, perCpuSecond, perWallSecond, startCollectorConsumer, waitFlowing, type Consumer, type IngestWindow } from './ingest-rig.ts';
import { loadAverageNow, machineInfo } from './machine-info.ts';

/** Size of the benchmark. */
export interface ProbeOverheadBenchOptions {
  /** Collectors with the agent preloaded, each running `pairsPerProcess` A/B window pairs. */
  processes: number;
  pairsPerProcess: number;
  /** Collectors without the agent (the idle-agent control), each running `controlWindows` windows. */
  controlProcesses: number;
  controlWindows: number;
  windowMs: number;
  sampleIntervalMs: number;
}

export const PROBE_OVERHEAD_BENCH_DEFAULTS: ProbeOverheadBenchOptions = {
  processes: 3, pairsPerProcess: 12, controlProcesses: 1, controlWindows: 8, windowMs: 1000, sampleIntervalMs: 1000,
};

/** Messages of warm-up before a collector's first window (the book is live and the ingest path optimized). */
const WARMUP_MESSAGES = 20_000;
const AGENT_TIMEOUT_MS = 10_000;

/** Median of `values` with a distribution-free confidence interval from order statistics. */
export interface MedianInterval {
  median: number;
  low: number;
  high: number;
  /** The interval's actual coverage (order statistics give one of a discrete set at or above the asked level). */
  coverage: number;
}

/** P(X ≤ k) for X ~ Binomial(n, ½). */
function binomialHalfCdf(k: number, n: number): number {
  let term = 0.5 ** n;
  let sum = k >= 0 ? term : 0;
  for (let i = 1; i <= k; i++) {
    term = (term * (n - i + 1)) / i;
    sum += term;
  }
  return sum;
}

/**
 * The median and the interval [x(j), x(n+1−j)] of the sorted values with the largest j whose coverage
 * 1 − 2·P(Bin(n, ½) ≤ j − 1) is at least `level`; with too few values for that, the full range (coverage < level).
 */
export function medianInterval(values: readonly number[], level = 0.95): MedianInterval {
  const sorted = [...values].sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return { median: NaN, low: NaN, high: NaN, coverage: 0 };
  let j = 1;
  while (j + 1 <= n / 2 && 1 - 2 * binomialHalfCdf(j, n) >= level) j++;
  return { median: median(sorted), low: sorted[j - 1] as number, high: sorted[n - j] as number, coverage: 1 - 2 * binomialHalfCdf(j - 1, n) };
}

/** One A/B pair of adjacent windows of one process. */
export interface WindowPair {
  off: IngestWindow;
  on: IngestWindow;
}

/** Relative ingest loss of each pair per collector CPU-second (0.02 = the probed window 2 % slower). */
export function pairLosses(pairs: readonly WindowPair[], rate: (window: IngestWindow) => number = perCpuSecond): number[] {
  return pairs.map((pair) => relativeLoss(rate(pair.off), rate(pair.on))).filter((loss) => Number.isFinite(loss));
}

/** What the probes saw during the probed windows. */
interface ProbedStats {
  samples: number[];
  probeFailures: number;
  eventLoopP99Ms: number[];
  /** The agent's own main-thread ms over all pairs (its cumulative agentBusyMs, read before and after). */
  agentBusyMs: number;
  /** Collector CPU ms of the probed (B) windows. */
  probedCpuMs: number;
}

/** Starts a collector, waits out its warm-up, and always stops it. */
async function withCollector<T>(mock: FloodMock, env: Record<string, string>, label: string, work: (consumer: Consumer & { collector: { pid: number; metricsUrl: string } }) => Promise<T>): Promise<T> {
  const consumer = await startCollectorConsumer(mock, env, label);
  try {
    await waitFlowing(consumer, WARMUP_MESSAGES, 60_000);
    return await work(consumer);
  } finally {
    await consumer.close();
  }
}

/** One probed window: instruments on, the probes sampling mid-interval, every sample finished before it ends. */
async function probedWindow(mock: FloodMock, consumer: Consumer, sampler: Sampler, options: ProbeOverheadBenchOptions, stats: ProbedStats): Promise<IngestWindow> {
  let samples = 0;
  let inFlight: Promise<void> = Promise.resolve();
  const take = (): void => {
    inFlight = sampler.take(0).then((sample) => {
      if (!sample) return;
      samples++;
      if (sample.eventLoop) stats.eventLoopP99Ms.push(sample.eventLoop.p99);
    });
  };
  let interval: NodeJS.Timeout | undefined;
  // Half an interval in, so a window of k intervals holds exactly k samples.
  const first = setTimeout(() => {
    take();
    interval = setInterval(take, options.sampleIntervalMs);
  }, options.sampleIntervalMs / 2);
  try {
    return await measureWindow(mock, consumer, options.windowMs);
  } finally {
    clearTimeout(first);
    clearInterval(interval);
    await inFlight;
    stats.samples.push(samples);
  }
}

/** A collector with the agent: `pairsPerProcess` pairs in ABBA order. */
async function agentProcess(mock: FloodMock, bundle: string, socketPath: string, options: ProbeOverheadBenchOptions, stats: ProbedStats): Promise<WindowPair[]> {
  const server = await AgentServer.listen(socketPath);
  try {
    return await withCollector(mock, { NODE_OPTIONS: `--require ${bundle}`, SOAK_AGENT_SOCKET: socketPath }, 'soakbook collector + agent', async (consumer) => {
      const pid = consumer.collector.pid;
      const agent = (): AgentConnection | undefined => server.agents().find((a) => a.pid === pid);
      const connected = agent();
      if (!connected) throw new Error('the agent did not connect from the collector');
      const sampler = new Sampler(createProbes({ pid: () => pid, agent, metricsUrl: consumer.collector.metricsUrl, timeoutMs: Math.floor(options.sampleIntervalMs * 0.9) }));
      const totalFailures = (): number => [...sampler.failures.values()].reduce((a, b) => a + b, 0);
      const pairs: WindowPair[] = [];
      const busyBefore = (await connected.sample(AGENT_TIMEOUT_MS)).agentBusyMs ?? NaN;
      try {
        for (let k = 0; k < options.pairsPerProcess; k++) {
          const pair: Partial<WindowPair> = {};
          for (const on of k % 2 === 0 ? [false, true] : [true, false]) {
            const reply = await connected.instruments(on, AGENT_TIMEOUT_MS);
            if (reply.on !== on) throw new Error(`the agent did not turn its instruments ${on ? 'on' : 'off'}`);
            if (on) pair.on = await probedWindow(mock, consumer, sampler, options, stats);
            else pair.off = await measureWindow(mock, consumer, options.windowMs);
          }
          if (pair.on && pair.off) pairs.push({ on: pair.on, off: pair.off });
        }
        stats.probeFailures += totalFailures();
        stats.agentBusyMs += ((await connected.sample(AGENT_TIMEOUT_MS)).agentBusyMs ?? NaN) - busyBefore;
        stats.probedCpuMs += pairs.reduce((sum, pair) => sum + pair.on.cpuMs, 0);
        return pairs;
      } finally {
        sampler.close();
      }
    });
  } finally {
    await server.close();
  }
}

/** A collector without the agent: `controlWindows` windows. */
function controlProcess(mock: FloodMock, options: ProbeOverheadBenchOptions): Promise<IngestWindow[]> {
  return withCollector(mock, {}, 'soakbook collector', async (consumer) => {
    const windows: IngestWindow[] = [];
    for (let w = 0; w < options.controlWindows; w++) windows.push(await measureWindow(mock, consumer, options.windowMs));
    return windows;
  });
}

/** Runs benchmark 5. */
export async function runProbeOverheadBench(options: ProbeOverheadBenchOptions = PROBE_OVERHEAD_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'soakbook-bench-agent-'));
  const perProcess: WindowPair[][] = [];
  const control: IngestWindow[][] = [];
  const stats: ProbedStats = { samples: [], probeFailures: 0, eventLoopP99Ms: [], agentBusyMs: 0, probedCpuMs: 0 };
  try {
    const bundle = await bundleAgent(join(dir, 'agent.cjs'));
    const mock = await FloodMock.start();
    try {
      // Control and agent processes alternate, so a change of the machine's load reaches both alike; an agent
      // process goes first, as its pairs are immune to the freshly started mock's slower first seconds.
      for (let p = 0; p < Math.max(options.processes, options.controlProcesses); p++) {
        if (p < options.processes) perProcess.push(await agentProcess(mock, bundle, join(dir, `agent-${p}.sock`), options, stats));
        if (p < options.controlProcesses) control.push(await controlProcess(mock, options));
      }
    } finally {
      await mock.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pairs = perProcess.flat();
  const cpuLoss = medianInterval(pairLosses(pairs));
  const wallLoss = medianInterval(pairLosses(pairs, perWallSecond));
  const offRate = median(pairs.map((pair) => perCpuSecond(pair.off)));
  const onRate = median(pairs.map((pair) => perCpuSecond(pair.on)));
  // Idle agent vs none, across processes: each process's median window, then the median over processes.
  const idleAgentRates = perProcess.map((process) => median(process.map((pair) => perCpuSecond(pair.off))));
  const controlRates = control.map((windows) => median(windows.map(perCpuSecond)));
  const idleLoss = relativeLoss(median(controlRates), median(idleAgentRates));
  const processSpread = (rates: number[]): number => (Math.max(...rates) - Math.min(...rates)) / median(rates);
  const losses = pairLosses(pairs).sort((a, b) => a - b);
  machine.loadAvgEnd = loadAverageNow();
  const pct = (value: number): number => value * 100;
  return {
    name: 'probe-overhead',
    title: 'Probe overhead: collector ingest with and without the agent and 1 Hz sampling',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: pairs.length,
    comparisons: [
      compare('messages per collector CPU-second (median window)', 'msg/s', onRate, offRate, 'the same collector, agent instruments off, no probes', true),
    ],
    figures: [
      { label: 'ingest lost per collector CPU-second: median of paired windows', value: pct(cpuLoss.median), unit: '%' },
      { label: `  ${(cpuLoss.coverage * 100).toFixed(1)} % confidence interval of that median, low`, value: pct(cpuLoss.low), unit: '%' },
      { label: `  ${(cpuLoss.coverage * 100).toFixed(1)} % confidence interval of that median, high`, value: pct(cpuLoss.high), unit: '%' },
      { label: '  spread of the paired losses, interquartile range', value: pct((losses[Math.floor(losses.length * 0.75)] ?? NaN) - (losses[Math.floor(losses.length * 0.25)] ?? NaN)), unit: '%' },
      { label: 'ingest lost per wall-second: median of paired windows (CPU shared with the probes and the machine)', value: pct(wallLoss.median), unit: '%' },
      { label: 'idle agent preloaded vs no agent, across processes (median of process medians)', value: pct(idleLoss), unit: '%' },
      { label: '  spread of the process medians, (max − min) / median, without / with the idle agent', value: pct(Math.max(processSpread(controlRates), processSpread(idleAgentRates))), unit: '%' },
      // Timed by the agent itself: resolves its share far below what throughput windows can (the /metrics scrape
      // and the outside probes' effect on the target are not in it).
      { label: "the agent's own main-thread time per collector CPU-second of the probed windows (its callbacks, timed inside)", value: pct(stats.agentBusyMs / stats.probedCpuMs), unit: '%' },
      { label: 'samples per probed window', value: median(stats.samples), unit: 'samples' },
      { label: 'probe failures (timeouts), all probed windows', value: stats.probeFailures, unit: 'failures' },
      { label: 'collector event-loop delay p99 under the flood (agent)', value: median(stats.eventLoopP99Ms), unit: 'ms' },
    ],
    targets: [target('probe-overhead', 'the agent and 1 Hz probes cost ≤ 2 % of ingest (per collector CPU-second, median of paired windows)', pct(cpuLoss.median), '<=', 2, '%')],
    notes: [
      `${options.processes} collectors with the agent preloaded, ${options.pairsPerProcess} pairs of ${options.windowMs} ms windows each (ABBA): A with the agent's instruments off and no probes, B with them on and createProbes (process, FDs, sockets, agent, /metrics) sampled by the runner's Sampler every ${options.sampleIntervalMs} ms; ${pairs.length} pairs after ${WARMUP_MESSAGES.toLocaleString('en-US')} messages of warm-up per collector.`,
      `The target is judged on the median paired loss; the interval is distribution-free (order statistics). Met beyond doubt only when its high end is ≤ 2 %.`,
      `Idle-agent control: ${options.controlProcesses} collectors without the agent × ${options.controlWindows} windows against the agent collectors' A windows; fresh processes differ by the spread shown, so this figure cannot resolve a few %.`,
    ],
  };
}
