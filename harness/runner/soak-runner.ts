/**
 * One soak run: scenario → mock exchanges → target (own process group, target-contract env, agent
 * preloaded) → probes every interval → samples.ndjson / events.ndjson → final meta.json. It stops when the
 * scenario's time is up, when the target dies (a finding, recorded in meta.targetExit) or when aborted
 * (SIGINT), and always stops the target and closes everything it opened. Analysis happens after, on disk.
 */
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { resolveBudgets, type RunMeta } from '../analysis/index.ts';
import { AgentServer, bundleAgent } from '../agent/index.ts';
import { createProbes, type Sample } from '../probes/index.ts';
import type { Scenario } from '../scenario/index.ts';
import { SoakMetrics, SoakMetricsServer } from '../soak-metrics/index.ts';
import { freePort } from './free-port.ts';
import { IntegrityChecker } from './integrity-checker.ts';
import { LiveEstimates } from './live-estimates.ts';
import { measuredAgent, measuredPid } from './measured-process.ts';
import { NdjsonWriter } from './ndjson-writer.ts';
import type { RunStatus } from './progress.ts';
import { createRunDir, gitSha, hostInfo, soakbookVersion, writeMeta } from './run-dir.ts';
import { Sampler } from './sampler.ts';
import { startScenarioMocks } from './start-scenario-mocks.ts';
import { snapshotNames, snapshotTimesMs, takeSnapshot } from './snapshot-plan.ts';
import type { SoakEvent, SoakEventKind } from './soak-event.ts';
import { contractEnv, targetCommand } from './target-command.ts';
import { TargetProcess, type TargetExit } from './target-process.ts';

const LIFECYCLE = new Set<string>(['run-start', 'target-start', 'target-exit', 'warmup-end', 'heap-snapshot', 'gc-forced', 'connection', 'agent-connected', 'integrity-mismatch', 'run-stop']);
// Unix socket paths are limited to 108 bytes; deep run directories fall back to the temp dir.
const MAX_SOCKET_PATH = 100;

/** What to run and how. */
export interface SoakRunOptions {
  scenario: Scenario;
  /** A command line run with `sh -c`; absent = the built-in collector. */
  targetCommand?: string;
  /** Run directory; default `reports/<scenario>-<UTC timestamp>/`. */
  out?: string;
  argv: string[];
  /** Port for the harness's own /metrics; absent = not served. */
  metricsPort?: number;
  /** Aborting stops the run early, as SIGINT does. */
  signal?: AbortSignal;
  onProgress?: (status: RunStatus) => void;
  /** Told where the run directory is as soon as it exists. */
  onRunDir?: (dir: string) => void;
  /** Told the URL of the harness's /metrics once it is served. */
  onMetricsUrl?: (url: string) => void;
  /** SIGTERM → SIGKILL grace for the target (default 5000 ms; 2000 ms when aborted, to report within 5 s). */
  stopGraceMs?: number;
}

/** How a run ended. */
export interface SoakRunResult {
  runDir: string;
  stopReason: 'completed' | 'interrupted' | 'target-exit';
  /** Present when the target died on its own during the run. */
  targetExit?: TargetExit;
  targetPid: number;
  samplesWritten: number;
  eventsWritten: number;
  /** Snapshot files taken, in plan order. */
  snapshots: string[];
  meta: RunMeta;
}

function buildMeta(options: SoakRunOptions, label: string, startedAt: Date): RunMeta {
  const { scenario } = options;
  const { socketSlack, ...budgetOverrides } = scenario.budgets;
  const atMs = snapshotTimesMs(scenario);
  return {
    scenario: scenario.name,
    target: label,
    startedAt: startedAt.toISOString(),
    argv: options.argv,
    versions: { node: process.version, soakbook: soakbookVersion() },
    gitSha: gitSha(),
    host: hostInfo(),
    budgets: resolveBudgets(budgetOverrides),
    warmupMs: scenario.warmupMs,
    sampleIntervalMs: scenario.sampleIntervalMs,
    streamsOpened: scenario.streams ?? scenario.exchanges.length,
    socketSlack: socketSlack ?? 4,
    ...(atMs.length > 0 ? { snapshotPlan: { atMs } } : {}),
  };
}

/** The heap-diff step after a three-snapshot plan (target already stopped): heapdiff.json and leaked_objects_total. */
async function diffSnapshots(runDir: string, metrics: SoakMetrics, emit: (kind: SoakEventKind, detail: Record<string, unknown>) => void): Promise<void> {
  try {
    // Loaded only when needed: the heap parser is large and most runs take no snapshots.
    const { writeRunHeapDiff } = await import('../analysis/heap/index.ts');
    const diff = await writeRunHeapDiff(runDir);
    if (!diff) {
      emit('heap-snapshot', { diff: 'skipped', reason: 'the three snapshots are not all in snapshots/' });
      return;
    }
    const leaked = diff.leakCandidates.reduce((sum, candidate) => sum + candidate.count, 0);
    metrics.setEstimates({ leakedObjects: leaked });
    emit('heap-snapshot', { diff: 'heapdiff.json', leakedObjects: leaked });
  } catch (error) {
    // The run's data stands without the diff; the report says the leaked-objects check was skipped.
    emit('heap-snapshot', { diff: 'failed', reason: error instanceof Error ? error.message : String(error) });
  }
}

/** Runs one soak to the end (or until aborted) and returns where its data is. */
export async function runSoak(options: SoakRunOptions): Promise<SoakRunResult> {
  const { scenario } = options;
  const startedAt = new Date();
  const command = targetCommand(options.targetCommand);
  const runDir = createRunDir(scenario.name, options.out, startedAt);
  options.onRunDir?.(runDir);
  const t0 = performance.now();
  const now = (): number => Math.round(performance.now() - t0);
  const samplesOut = new NdjsonWriter(join(runDir, 'samples.ndjson'));
  const eventsOut = new NdjsonWriter(join(runDir, 'events.ndjson'));
  const meta = buildMeta(options, command.label, startedAt);
  writeMeta(runDir, meta);
  const live = new LiveEstimates(meta);
  let faults = 0;
  const record = (event: SoakEvent): void => {
    eventsOut.write(event);
    live.addEvent(event);
    if (!LIFECYCLE.has(event.kind)) faults += 1;
  };
  const emit = (kind: SoakEventKind, detail: Record<string, unknown>, exchange = 'harness', symbol?: string, t = now()): void =>
    record({ t, kind, exchange, ...(symbol ? { symbol } : {}), detail });

  const closers: Array<() => Promise<void> | void> = [];
  let target: TargetProcess | undefined;
  let twin: TargetProcess | undefined;
  const killOnExit = (): void => {
    target?.killNow();
    twin?.killNow();
  };
  process.once('exit', killOnExit);
  const timers = new Set<NodeJS.Timeout>();
  let stopReason: SoakRunResult['stopReason'] = 'completed';
  let targetExit: TargetExit | undefined;
  const snapshots: string[] = [];
  const soakMetrics = new SoakMetrics({ scenario: scenario.name, target: command.label });

  try {
    emit('run-start', { scenario: scenario.name, seed: scenario.seed, durationMs: scenario.durationMs, target: command.label });
    const agentBundle = await bundleAgent(join(runDir, 'agent.cjs'));
    const preferred = join(runDir, 'agent.sock');
    const socketPath = preferred.length <= MAX_SOCKET_PATH ? preferred : join(tmpdir(), `soakbook-${process.pid}-${Date.now()}.sock`);
    const agents = await AgentServer.listen(socketPath, (agent) => emit('agent-connected', { pid: agent.pid, ppid: agent.hello.ppid, node: agent.hello.node }));
    closers.push(() => agents.close());
    const mocks = await startScenarioMocks(scenario, t0, record);
    closers.push(() => Promise.all(mocks.map((mock) => mock.close())).then(() => undefined));
    const binance = mocks.find((mock) => mock.exchange === 'binance');
    const okx = mocks.find((mock) => mock.exchange === 'okx');
    const targetMetricsPort = await freePort();
    const env = contractEnv(process.env, {
      binance: binance ? { wsUrl: binance.wsUrl, restUrl: binance.restUrl ?? '', symbols: binance.symbols } : undefined,
      okx: okx ? { wsUrl: okx.wsUrl, symbols: okx.symbols } : undefined,
      metricsPort: targetMetricsPort,
      agentSocket: socketPath,
      agentBundle,
    });
    target = await TargetProcess.start({ command: command.command, args: command.args, env, cwd: process.cwd(), logFile: join(runDir, 'target.log') });
    const rootPid = target.pid;
    emit('target-start', { pid: rootPid, command: command.label, metricsPort: targetMetricsPort });
    if (scenario.heapSnapshots.plan !== 'none' && scenario.heapSnapshots.process === 'twin') {
      // The forensic twin: same command, same mocks, its own metrics port; only it is ever snapshotted.
      const twinEnv = { ...env, SOAK_METRICS_PORT: String(await freePort()) };
      twin = await TargetProcess.start({ command: command.command, args: command.args, env: twinEnv, cwd: process.cwd(), logFile: join(runDir, 'twin.log') });
      emit('target-start', { pid: twin.pid, command: command.label, role: 'twin' });
      const twinPid = twin.pid;
      void twin.exited.then((exit) => emit('target-exit', { pid: twinPid, role: 'twin', code: exit.code, signal: exit.signal, lastStderr: exit.lastStderr }));
    }
    const snapshotRoot = twin?.pid ?? rootPid;

    if (options.metricsPort !== undefined) {
      const server = await SoakMetricsServer.listen(soakMetrics, options.metricsPort);
      closers.push(() => server.close());
      options.onMetricsUrl?.(`http://127.0.0.1:${server.port}/metrics`);
    }

    const timeoutMs = Math.max(200, Math.min(2000, scenario.sampleIntervalMs * 0.8));
    let pidNow: number | undefined = rootPid;
    const sampler = new Sampler(createProbes({ pid: () => pidNow, agent: () => measuredAgent(agents, rootPid), metricsUrl: `http://127.0.0.1:${targetMetricsPort}/metrics`, timeoutMs }));
    closers.push(() => sampler.close());
    const integrity = scenario.integrity && command.label === 'soakbook collector'
      ? new IntegrityChecker(mocks, `http://127.0.0.1:${targetMetricsPort}`, scenario.integrity.depth ?? 25, (exchange, symbol, detail) => emit('integrity-mismatch', { ...detail, exchange }, 'harness', symbol))
      : undefined;

    let afterSnapshot = false;
    let busy = false;
    let last: Sample | undefined;
    let lastLiveMs = 0;
    const liveEveryMs = scenario.durationMs < 5 * 60_000 ? 10_000 : 60_000;
    const sampleOnce = async (): Promise<void> => {
      if (busy) return;
      busy = true;
      try {
        const t = now();
        pidNow = measuredPid(agents, rootPid);
        const sample = await sampler.take(t);
        if (!sample) return;
        if (integrity) sample.integrity = { ...integrity.counts };
        if (afterSnapshot) sample.afterHeapSnapshot = true;
        samplesOut.write(sample);
        live.addSample(sample);
        soakMetrics.observeSample(sample);
        const rate = last?.collector && sample.collector ? ((sample.collector.messages - last.collector.messages) * 1000) / Math.max(1, sample.t - last.t) : undefined;
        last = sample;
        if (t - lastLiveMs >= liveEveryMs) {
          lastLiveMs = t;
          const view = live.update();
          soakMetrics.setEstimates({ memoryGrowthMbPerMin: view.memoryGrowthMbPerMin, fdGrowthPerMin: view.fdGrowthPerMin, cleanHours: view.cleanHours });
        }
        options.onProgress?.({ elapsedMs: t, durationMs: scenario.durationMs, sample, messagesPerSec: rate, faults, trend: live.latest?.trend ?? 'trend: warming up' });
      } finally {
        busy = false;
      }
    };
    const snapshotAt = async (index: number): Promise<void> => {
      // Wait for a sample in flight, so the agent is free and the sample is not spoiled.
      for (let i = 0; i < 100 && busy; i++) await new Promise((resolve) => setTimeout(resolve, 20));
      busy = true;
      try {
        const file = join(runDir, 'snapshots', snapshotNames(scenario)[index] ?? `${index}.heapsnapshot`);
        // Events carry the time the target froze, so analysis knows which samples the snapshot spoiled.
        const startedT = now();
        const outcome = await takeSnapshot(measuredAgent(agents, snapshotRoot), file, last?.heapUsed, 300_000);
        const role = twin ? 'twin' : 'target';
        if (outcome.ok) {
          // A twin's snapshot leaves the measured process untouched.
          if (!twin) afterSnapshot = true;
          snapshots.push(outcome.path);
          emit('gc-forced', { ms: Math.round(outcome.forcedGcMs), reason: 'heap-snapshot', process: role }, 'harness', undefined, startedT);
          emit('heap-snapshot', { file: outcome.path, ms: Math.round(outcome.snapshotMs), heapUsedBefore: outcome.heapUsedBefore, index, process: role }, 'harness', undefined, startedT);
        } else emit('heap-snapshot', { refused: true, reason: outcome.reason, index, process: role }, 'harness', undefined, startedT);
      } finally {
        busy = false;
      }
    };

    const schedule = (atMs: number, work: () => unknown): void => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        work();
      }, Math.max(0, atMs - now()));
      timers.add(timer);
    };
    // Sampling on a fixed grid from the run start, so a slow sample does not drift the rest.
    let tick = 1;
    const nextSample = (): void =>
      schedule(tick++ * scenario.sampleIntervalMs, () => {
        nextSample();
        void sampleOnce();
      });
    nextSample();
    if (scenario.warmupMs > 0) schedule(scenario.warmupMs, () => emit('warmup-end', { warmupMs: scenario.warmupMs }));
    if (integrity && scenario.integrity) {
      const every = scenario.integrity.checkpointEveryMs;
      const count = scenario.integrity.symbolsPerCheckpoint;
      const checkpoint = (k: number): void => schedule(k * every, () => {
        checkpoint(k + 1);
        void integrity.checkpoint(count, timeoutMs);
      });
      checkpoint(1);
    }
    const plan = snapshotTimesMs(scenario);
    plan.slice(0, -1).forEach((atMs, index) => schedule(atMs, () => void snapshotAt(index)));

    let onAbort: (() => void) | undefined;
    const ended = await new Promise<'completed' | 'interrupted' | 'target-exit'>((resolve) => {
      schedule(scenario.durationMs, () => resolve('completed'));
      void target?.exited.then(() => resolve('target-exit'));
      onAbort = () => resolve('interrupted');
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
    });
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    stopReason = ended;
    for (const timer of timers) clearTimeout(timer);
    timers.clear();
    if (ended === 'completed' && plan.length > 0) await snapshotAt(plan.length - 1);
    if (ended === 'target-exit') {
      targetExit = target.exit;
      emit('target-exit', { pid: rootPid, code: targetExit?.code ?? null, signal: targetExit?.signal ?? null, lastStderr: targetExit?.lastStderr ?? [] });
    }
  } finally {
    for (const timer of timers) clearTimeout(timer);
    const grace = options.stopGraceMs ?? (stopReason === 'interrupted' ? 2000 : 5000);
    const twinStopped = twin?.stop(grace);
    if (target) {
      const exit = await target.stop(grace);
      if (stopReason !== 'target-exit') emit('target-exit', { pid: target.pid, code: exit.code, signal: exit.signal, stoppedBy: 'runner' });
    }
    await twinStopped;
    process.off('exit', killOnExit);
    if (stopReason === 'completed' && snapshots.length === 3) await diffSnapshots(runDir, soakMetrics, emit);
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        // Teardown goes on: a mock that fails to close must not leave the rest open.
        emit('run-stop', { closeError: error instanceof Error ? error.message : String(error) });
      }
    }
    emit('run-stop', { reason: stopReason, samples: samplesOut.lines });
    if (targetExit) meta.targetExit = targetExit;
    writeMeta(runDir, { ...meta, endedAt: new Date().toISOString(), stopReason });
    samplesOut.close();
    eventsOut.close();
  }
  return { runDir, stopReason, targetExit, targetPid: target?.pid ?? -1, samplesWritten: samplesOut.lines, eventsWritten: eventsOut.lines, snapshots, meta };
}
