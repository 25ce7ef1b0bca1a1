/**
 * The built-in collector as the socket benchmarks run it: its real CLI (src/cli/main.ts) in its own
 * process, configured only by the target-contract variables, optionally with the soak agent preloaded.
 * Its counters come from outside, as the harness would see them: messages from its /metrics, CPU time
 * from /proc/<pid>/stat.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fetchText, parsePrometheusText, readCpuMs, sumByName } from '../probes/index.ts';
import { freePort } from '../runner/index.ts';
import { BENCH_REPO_ROOT, TSX_LOADER } from './bench-paths.ts';

/** What a consumer has done so far. */
export interface ConsumerCounters {
  messages: number;
  cpuMs: number;
}

/** The contract variables pointing the collector at a mock Binance. */
export interface CollectorFeedEnv {
  wsUrl: string;
  restUrl: string;
  symbols: readonly string[];
}

/** Extra environment (the agent's NODE_OPTIONS and socket) for the with-agent runs. */
export type ExtraEnv = Record<string, string>;

const PROCESSED = 'orderbook_collector_messages_processed_total';

/** A running collector process. */
export class CollectorChild {
  readonly pid: number;
  readonly metricsUrl: string;
  readonly healthUrl: string;
  #child: ChildProcess;
  #exited: Promise<void>;
  #stderr = '';

  private constructor(child: ChildProcess, port: number) {
    this.#child = child;
    this.pid = child.pid ?? -1;
    this.metricsUrl = `http://127.0.0.1:${port}/metrics`;
    this.healthUrl = `http://127.0.0.1:${port}/health`;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString('utf8')).slice(-2000);
    });
  }

  /** Starts the collector and waits until its /metrics answers. */
  static async start(feed: CollectorFeedEnv, extraEnv: ExtraEnv = {}, timeoutMs = 30_000): Promise<CollectorChild> {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = {};
    for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SOAK_') && key !== 'NODE_OPTIONS') env[key] = value;
    Object.assign(env, {
      SOAK_BINANCE_WS: feed.wsUrl,
      SOAK_BINANCE_REST: feed.restUrl,
      SOAK_BINANCE_SYMBOLS: feed.symbols.join(','),
      SOAK_METRICS_PORT: String(port),
      ...extraEnv,
    });
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(BENCH_REPO_ROOT, 'src', 'cli', 'main.ts')], { cwd: BENCH_REPO_ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    const collector = new CollectorChild(child, port);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`collector exited (code ${child.exitCode}) at start: ${collector.#stderr.trim().split('\n').at(-1) ?? ''}`);
      try {
        const answer = await fetchText(collector.metricsUrl, 2000);
        if (answer.status === 200) return collector;
      } catch (error) {
        // Not listening yet: retry until the deadline.
        if (Date.now() > deadline) {
          await collector.stop();
          throw new Error(`collector /metrics did not answer within ${timeoutMs} ms (${error instanceof Error ? error.message : String(error)})`, { cause: error });
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Frames applied to books so far (from /metrics) and CPU time (from /proc). */
  async counters(): Promise<ConsumerCounters> {
    const answer = await fetchText(this.metricsUrl, 5000);
    const messages = sumByName(parsePrometheusText(answer.body).samples).get(PROCESSED) ?? 0;
    const cpu = readCpuMs(this.pid);
    return { messages, cpuMs: cpu.user + cpu.system };
  }

  /** SIGTERM, then SIGKILL after 5 s; resolves once the process is gone. */
  async stop(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.#exited;
    clearTimeout(timer);
  }
}
