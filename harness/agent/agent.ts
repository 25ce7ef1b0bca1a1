/**
 * The agent preloaded into Node targets (`NODE_OPTIONS=--require <bundle>`). It connects to the runner over
 * SOAK_AGENT_SOCKET and answers sample and snapshot requests; it never speaks unasked, never keeps the
 * target alive (socket unref'd, no timers) and never lets an error of its own reach the target.
 * Bundled to plain CommonJS at run time (agent-bundle.ts), so it must import only node: built-ins.
 */
import { createConnection, type Socket } from 'node:net';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { isMainThread } from 'node:worker_threads';
import { getHeapSpaceStatistics, setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { AgentHello, AgentInstrumentsReply, AgentRequest, AgentSampleReply, AgentSnapshotReply } from './agent-protocol.ts';
import { emptyGcStats, GcRecorder } from './gc-recorder.ts';

// Requests are tiny; anything longer is not from the runner.
const MAX_LINE_BYTES = 64 * 1024;
const LOADED = Symbol.for('soakbook.agent');

class Agent {
  #socket: Socket;
  /** The GC instruments while they are on (see `instruments` in agent-protocol.ts). */
  #gc: GcRecorder | undefined = new GcRecorder();
  #loop = monitorEventLoopDelay({ resolution: 10 });
  /** The instruments were off at some time since the previous sample. */
  #wasOff = false;
  #buffer = '';
  #errors = 0;
  #stopped = false;
  /** Main-thread ms of handled requests, plus the GC observer time of recorders already closed. */
  #busyMs = 0;

  constructor(path: string) {
    this.#loop.enable();
    this.#socket = createConnection(path);
    this.#socket.unref();
    this.#socket.setEncoding('utf8');
    this.#socket.on('connect', () => this.#send(this.#hello()));
    this.#socket.on('data', (chunk: string) => this.#onData(chunk));
    // The runner went away (or never was): stop measuring, leave the target alone.
    this.#socket.on('error', () => {
      this.#errors += 1;
      this.#stop();
    });
    this.#socket.on('close', () => this.#stop());
  }

  #hello(): AgentHello {
    return { type: 'hello', pid: process.pid, ppid: process.ppid, node: process.version, argv: process.argv.slice(0, 4) };
  }

  #onData(chunk: string): void {
    this.#buffer += chunk;
    if (this.#buffer.length > MAX_LINE_BYTES) {
      this.#errors += 1;
      this.#buffer = '';
      return;
    }
    let newline = this.#buffer.indexOf('\n');
    while (newline >= 0) {
      const line = this.#buffer.slice(0, newline);
      this.#buffer = this.#buffer.slice(newline + 1);
      this.#handle(line);
      newline = this.#buffer.indexOf('\n');
    }
  }

  #handle(line: string): void {
    const started = performance.now();
    let snapshot = false;
    try {
      const request = JSON.parse(line) as AgentRequest;
      if (request.type === 'sample') this.#send(this.#sample(request.id));
      else if (request.type === 'snapshot') {
        snapshot = true;
        this.#send(this.#snapshot(request));
      } else if (request.type === 'instruments' && typeof request.on === 'boolean') this.#send(this.#instruments(request.id, request.on));
      else this.#errors += 1;
    } catch {
      this.#errors += 1;
    }
    // A heap snapshot is a plan's deliberate cost, reported on its own; everything else is the agent's overhead.
    if (!snapshot) this.#busyMs += performance.now() - started;
  }

  #sample(id: number): AgentSampleReply {
    const memory = process.memoryUsage();
    const { gc, heapAfterGc, forcedGcs } = this.#gc?.take() ?? { gc: emptyGcStats(), heapAfterGc: [], forcedGcs: 0 };
    const heapSpaces: Record<string, number> = {};
    for (const space of getHeapSpaceStatistics()) heapSpaces[space.space_name] = space.space_used_size;
    const handles: Record<string, number> = {};
    for (const type of process.getActiveResourcesInfo()) handles[type] = (handles[type] ?? 0) + 1;
    // Our own socket is a PipeWrap; the target's handles are what is measured.
    if (handles.PipeWrap !== undefined) handles.PipeWrap -= 1;
    if (handles.PipeWrap === 0) delete handles.PipeWrap;
    // An empty histogram (instruments off all interval) answers its lowest trackable value, not a delay.
    const empty = this.#loop.count === 0;
    const eventLoop = empty ? { p50: 0, p99: 0, max: 0 } : { p50: this.#loop.percentile(50) / 1e6, p99: this.#loop.percentile(99) / 1e6, max: this.#loop.max / 1e6 };
    this.#loop.reset();
    const reply: AgentSampleReply = {
      type: 'sample', id, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external,
      arrayBuffers: memory.arrayBuffers, heapSpaces, heapAfterGc, gc, forcedGcs, eventLoop, handles, agentErrors: this.#errors,
      agentBusyMs: this.#busyMs + (this.#gc?.busyMs ?? 0),
    };
    if (this.#wasOff || this.#gc === undefined) reply.instrumentsOn = false;
    this.#wasOff = this.#gc === undefined;
    return reply;
  }

  #instruments(id: number, on: boolean): AgentInstrumentsReply {
    if (on && this.#gc === undefined && !this.#stopped) {
      this.#loop.reset();
      this.#loop.enable();
      this.#gc = new GcRecorder();
    } else if (!on && this.#gc !== undefined) {
      // What the instruments saw of this interval is partial: dropped, as the GC recorder's is.
      this.#loop.disable();
      this.#loop.reset();
      this.#busyMs += this.#gc.busyMs;
      this.#gc.close();
      this.#gc = undefined;
      this.#wasOff = true;
    }
    return { type: 'instruments', id, on: this.#gc !== undefined };
  }

  #snapshot(request: Extract<AgentRequest, { type: 'snapshot' }>): AgentSnapshotReply {
    const heapUsedBefore = process.memoryUsage().heapUsed;
    let forcedGcMs = 0;
    const started = performance.now();
    try {
      const work = (): void => {
        if (request.forceGc) {
          // gc() only exists with --expose-gc; this makes it available without restarting the target.
          setFlagsFromString('--expose-gc');
          const gc = runInNewContext('gc') as () => void;
          const gcStart = performance.now();
          gc();
          forcedGcMs = performance.now() - gcStart;
        }
        writeHeapSnapshot(request.path);
      };
      if (this.#gc) this.#gc.excludingFrom(work);
      else work();
      return { type: 'snapshot', id: request.id, ok: true, path: request.path, forcedGcMs, snapshotMs: performance.now() - started - forcedGcMs, heapUsedBefore };
    } catch (error) {
      this.#errors += 1;
      const message = error instanceof Error ? error.message : String(error);
      return { type: 'snapshot', id: request.id, ok: false, path: request.path, forcedGcMs, snapshotMs: 0, heapUsedBefore, error: message };
    }
  }

  #send(message: object): void {
    if (this.#socket.writable) this.#socket.write(`${JSON.stringify(message)}\n`);
  }

  #stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#loop.disable();
    this.#gc?.close();
    this.#gc = undefined;
    this.#socket.removeAllListeners('data');
  }
}

function start(): void {
  const path = process.env.SOAK_AGENT_SOCKET;
  const registry = globalThis as Record<symbol, unknown>;
  // One agent per process: a target that re-requires it, or a worker thread, gets none.
  if (!path || !isMainThread || registry[LOADED]) return;
  registry[LOADED] = true;
  try {
    new Agent(path);
  } catch (error) {
    // Never take the target down: report once on stderr and stay out of the way.
    process.stderr.write(`soakbook agent disabled: ${error instanceof Error ? error.message : String(error)}\n`);
  }
}

start();
