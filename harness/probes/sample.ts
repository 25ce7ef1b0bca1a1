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
  /** True once any heap snapshot has been taken in this process: later GC/RSS/event-loop figures are spoiled. */
  afterHeapSnapshot?: boolean;
}
