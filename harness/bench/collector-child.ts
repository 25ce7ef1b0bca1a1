/**
 * The built-in collector as the socket benchmarks run it: its real CLI (src/cli/main.ts) in its own
 * process, configured only by the target-contract variables, optionally with the soak agent preloaded.
 * Its counters come from one /metrics scrape, so they are read at one instant of the collector's own
 * event loop however long the answer takes under load: frames applied, `process_cpu_seconds_total`, and
 * `orderbook_collector_last_message_timestamp` as its wall clock (under a flood the last frame arrived
 * just before the scrape was handled).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fetchText, parsePrometheusText, readCpuMs, sumByName } from '../probes/index.ts';
import { freePort } from '../runner/index.ts';
import { BENCH_REPO_ROOT, TSX_LOADER } from './bench-paths.ts';

/** What a consumer has done so far, read at the consumer's own wall-clock time `atMs`. */
export interface ConsumerCounters {
  messages: number;
  cpuMs: number;
  atMs: number;
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
const CPU_SECONDS = 'process_cpu_seconds_total';
const LAST_MESSAGE_S = 'orderbook_collector_last_message_timestamp';
/** A scrape of a collector saturated by a flood can wait behind seconds of queued frames. */
const SCRAPE_TIMEOUT_MS = 60_000;

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

  /**
   * Starts the collector and waits for its "metrics at" line (printed once it listens and its feeds started).
   * Not a /metrics poll: under a flood the first scrape can take seconds, which is what benchmark 4 measures.
   */
  static async start(feed: CollectorFeedEnv, extraEnv: ExtraEnv = {}, timeoutMs = 60_000): Promise<CollectorChild> {
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
    const child = spawn(process.execPath, ['--import', TSX_LOADER, join(BENCH_REPO_ROOT, 'src', 'cli', 'main.ts')], { cwd: BENCH_REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const collector = new CollectorChild(child, port);
    const started = await new Promise<true | string>((resolve) => {
      let out = '';
      const timer = setTimeout(() => finish(`no "metrics at" line within ${timeoutMs} ms`), timeoutMs);
      const onData = (chunk: Buffer): void => {
        out += chunk.toString('utf8');
        if (/collector: metrics at /.test(out)) finish(true);
      };
      const onExit = (code: number | null): void => finish(`exited (code ${code}) at start`);
      function finish(outcome: true | string): void {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
        // Keep draining stdout so the collector never blocks on a full pipe.
        child.stdout?.resume();
        resolve(outcome);
      }
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
    });
    if (started !== true) {
      await collector.stop();
      throw new Error(`collector ${started}: ${collector.#stderr.trim().split('\n').at(-1) ?? ''}`);
    }
    return collector;
  }

  /** Frames applied to books, CPU time and the collector's clock, from one /metrics scrape. */
  async counters(): Promise<ConsumerCounters> {
    const answer = await fetchText(this.metricsUrl, SCRAPE_TIMEOUT_MS);
    if (answer.status !== 200) throw new Error(`collector /metrics answered ${answer.status}`);
    const sums = sumByName(parsePrometheusText(answer.body).samples);
    const cpuS = sums.get(CPU_SECONDS);
    const lastS = sums.get(LAST_MESSAGE_S);
    return {
      messages: sums.get(PROCESSED) ?? 0,
      cpuMs: cpuS === undefined ? this.procCpuMs() : cpuS * 1000,
      atMs: lastS === undefined || lastS === 0 ? Date.now() : lastS * 1000,
    };
  }

  /** CPU time from /proc (10 ms resolution), for when /metrics lacks the default process metrics. */
  procCpuMs(): number {
    const cpu = readCpuMs(this.pid);
    return cpu.user + cpu.system;
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
