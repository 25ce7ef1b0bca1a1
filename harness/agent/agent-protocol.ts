/**
 * The messages between the runner and the agent preloaded into a Node target: newline-delimited JSON over
 * the Unix socket named by SOAK_AGENT_SOCKET. The agent speaks only when asked, so it costs nothing between
 * samples. Types only; both sides import them.
 */
import type { EventLoopStats, GcStats } from '../probes/sample.ts';

/** The first line an agent sends: who it is (a target may start several Node processes). */
export interface AgentHello {
  type: 'hello';
  pid: number;
  ppid: number;
  node: string;
  argv: string[];
}

/** Runner → agent. */
export type AgentRequest =
  | { type: 'sample'; id: number }
  | {
      type: 'snapshot';
      id: number;
      /** Absolute path the snapshot is written to. */
      path: string;
      /** Force a full GC right before, so the snapshot holds only live objects (logged as `gc-forced`). */
      forceGc: boolean;
    }
  | {
      /**
       * Turns the agent's standing instruments (GC observer and profiler, event-loop delay histogram) off or
       * on; they start on. Off, the agent costs its target an idle socket and nothing else, so one process
       * can alternate measured and unmeasured windows (the probe-overhead benchmark does).
       */
      type: 'instruments';
      id: number;
      on: boolean;
    };

/** Agent → runner: what the agent saw since the previous sample. */
export interface AgentSampleReply {
  type: 'sample';
  id: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  arrayBuffers: number;
  /** Used bytes per V8 heap space. */
  heapSpaces: Record<string, number>;
  /** Heap used right after each natural major GC (v8.GCProfiler), oldest first. */
  heapAfterGc: number[];
  gc: GcStats;
  /** Forced GCs (flag FORCED) seen since the previous sample; never part of `gc`. */
  forcedGcs: number;
  eventLoop: EventLoopStats;
  /** Active resources by type, the agent's own socket excluded. */
  handles: Record<string, number>;
  /** Errors the agent caught and counted instead of letting them reach the target. */
  agentErrors: number;
  /** Present (false) when the instruments were off at some time since the previous sample: `gc`, `heapAfterGc` and `eventLoop` cover only the time they were on. */
  instrumentsOn?: boolean;
  /**
   * Main-thread ms the agent has spent in its own callbacks since it started (sample and instruments requests,
   * GC observer batches; heap snapshots excluded): the target's time the agent took, cumulative, up to this sample's
   * own work (which the next sample counts).
   */
  agentBusyMs?: number;
}

/** Agent → runner: the instruments' state after an `instruments` request. */
export interface AgentInstrumentsReply {
  type: 'instruments';
  id: number;
  on: boolean;
}

/** Agent → runner: the outcome of a snapshot request. */
export interface AgentSnapshotReply {
  type: 'snapshot';
  id: number;
  ok: boolean;
  path: string;
  forcedGcMs: number;
  snapshotMs: number;
  heapUsedBefore: number;
  error?: string;
}

/** Any line an agent sends. */
export type AgentMessage = AgentHello | AgentSampleReply | AgentSnapshotReply | AgentInstrumentsReply;
