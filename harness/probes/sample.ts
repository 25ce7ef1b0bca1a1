/**
 * One line of samples.ndjson: what the probes saw of the target during one sampling interval
 * (see ../shared/DESIGN.md, "Samples"). Fields a probe cannot see for a target are absent, never faked.
 */

/** TCP sockets of the target by state (from /proc/net/tcp{,6} matched by inode). */
export interface SocketCounts {
  established: number;
  closeWait: number;
  timeWait: number;
  listen: number;
  other: number;
  total: number;
}

/** Open file descriptors by kind (from /proc/<pid>/fd). */
export interface FdCounts {
  total: number;
  socket: number;
  file: number;
  pipe: number;
  anon: number;
  other: number;
}

/** GC activity since the previous sample (every entry of every observer batch counted). */
export interface GcStats {
  count: number;
  totalPauseMs: number;
  maxPauseMs: number;
  /** Individual pauses in this interval, ms (bounded list kept by the agent; for percentiles). */
  pausesMs: number[];
  byKind: Record<'minor' | 'major' | 'incremental' | 'weakcb', { count: number; totalPauseMs: number }>;
  /** Optional: individual pauses by kind in this interval, ms (same bound as pausesMs); analysis gives per-kind p95/max from it. */
  pausesByKindMs?: Partial<Record<'minor' | 'major' | 'incremental' | 'weakcb', number[]>>;
}

/** Event-loop delay since the previous sample, ms. */
export interface EventLoopStats {
  p50: number;
  p99: number;
  max: number;
}

/** Counters scraped from the target's /metrics (cumulative since target start). */
export interface CollectorCounters {
  messages: number;
  gaps: number;
  resyncs: number;
  reconnects: number;
  books: number;
  levels: number;
  failed: number;
  /** Optional: order-book checksums verified and failed (exchanges that send checksums, e.g. OKX). */
  checksumsVerified?: number;
  checksumFailures?: number;
  /** Optional: book updates applied (orderbook_collector_updates_applied_total). */
  updatesApplied?: number;
  /** Optional: feed socket state per exchange label (orderbook_collector_connection_status: 1 open, 0 not). */
  connectionStatus?: Record<string, number>;
}

/** Integrity checkpoints so far (cumulative): target books compared with the mock's truth at the same update id. */
export interface IntegrityCounts {
  checks: number;
  matches: number;
  mismatches: number;
  /** The book or the truth at that id could not be had (book not synced yet, id outside the oracle's history). */
  unavailable: number;
}

/** One sample. Bytes for memory, ms for time, counts for the rest. */
export interface Sample {
  /** ms since run start */
  t: number;
  rss: number;
  heapUsed?: number;
  heapTotal?: number;
  external?: number;
  arrayBuffers?: number;
  /** Heap used right after each natural major GC since the previous sample (bytes), oldest first. */
  heapAfterGc?: number[];
  fds: FdCounts;
  sockets: SocketCounts;
  threads?: number;
  /** Active handles/resources by type (Node targets, process.getActiveResourcesInfo()). */
  handles?: Record<string, number>;
  gc?: GcStats;
  eventLoop?: EventLoopStats;
  /** CPU time used since the previous sample, ms. */
  cpu: { user: number; system: number };
  collector?: CollectorCounters;
  /** Used bytes per V8 heap space (Node targets). */
  heapSpaces?: Record<string, number>;
  /** The process measured (the agent's pid for Node targets, else the target's leaf process). */
  pid?: number;
  /** How the scrape of the target's /metrics went (absent when the target serves none). */
  metricsScrape?: { ok: boolean; latencyMs: number };
  integrity?: IntegrityCounts;
  /** True once any heap snapshot has been taken in this process: later GC/RSS/event-loop figures are spoiled. */
  afterHeapSnapshot?: boolean;
}
