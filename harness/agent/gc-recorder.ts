/**
 * Records every GC of the process it runs in: each entry of each PerformanceObserver batch (prom-client
 * reads only the first, and missed most GCs here), and the heap used right after each major GC from
 * v8.GCProfiler, the quiet leak signal. Preallocated: recording allocates nothing per GC beyond V8's own.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { GCProfiler } from 'node:v8';
import type { GcStats } from '../probes/sample.ts';

// Pauses kept per interval for percentiles; beyond this only count/total/max are exact.
const MAX_PAUSES = 2048;
// GCs the profiler may hold before it is emptied even without a major GC (~2.5 KB of its JSON each).
const MAX_PROFILED_GCS = 512;

type Kind = keyof GcStats['byKind'];
const KINDS: readonly Kind[] = ['minor', 'major', 'incremental', 'weakcb'];

function kindOf(code: number): Kind {
  if (code === constants.NODE_PERFORMANCE_GC_MAJOR) return 'major';
  if (code === constants.NODE_PERFORMANCE_GC_INCREMENTAL) return 'incremental';
  if (code === constants.NODE_PERFORMANCE_GC_WEAKCB) return 'weakcb';
  return 'minor';
}

/** GC stats of an interval without a GC (or without the recorder running). */
export function emptyGcStats(): GcStats {
  const none = (): { count: number; totalPauseMs: number } => ({ count: 0, totalPauseMs: 0 });
  return { count: 0, totalPauseMs: 0, maxPauseMs: 0, pausesMs: [], pausesByKindMs: {}, byKind: { minor: none(), major: none(), incremental: none(), weakcb: none() } };
}

/** GC bookkeeping between two samples; `take()` returns it and starts the next interval. */
export class GcRecorder {
  #observer: PerformanceObserver;
  #profiler: GCProfiler;
  #pauses = new Float64Array(MAX_PAUSES);
  #pauseKinds = new Uint8Array(MAX_PAUSES);
  #pauseCount = 0;
  #count = 0;
  #forced = 0;
  #heapAfterMajor: number[] = [];
  /** GCs (and whether a major one) the profiler has recorded since it was last emptied. */
  #profiledGcs = 0;
  #majorProfiled = false;
  #totalMs = 0;
  #maxMs = 0;
  #busyMs = 0;
  #byKind: Record<Kind, { count: number; totalPauseMs: number }> = {
    minor: { count: 0, totalPauseMs: 0 },
    major: { count: 0, totalPauseMs: 0 },
    incremental: { count: 0, totalPauseMs: 0 },
    weakcb: { count: 0, totalPauseMs: 0 },
  };

  constructor() {
    this.#observer = new PerformanceObserver((list) => {
      const started = performance.now();
      for (const entry of list.getEntries()) this.#record(entry);
      this.#busyMs += performance.now() - started;
    });
    this.#observer.observe({ entryTypes: ['gc'] });
    this.#profiler = new GCProfiler();
    this.#profiler.start();
  }

  /** Main-thread ms spent in this recorder's observer callbacks since it was created. */
  get busyMs(): number {
    return this.#busyMs;
  }

  #record(entry: PerformanceEntry): void {
    // @types/node 20 types `detail` only on some entry classes; gc entries carry { kind, flags }.
    const detail = (entry as PerformanceEntry & { detail?: { kind?: number; flags?: number } }).detail;
    // A forced GC is ours (right before a snapshot): it is an event, not a sample of the target's GC.
    this.#profiledGcs += 1;
    if (detail && typeof detail.flags === 'number' && (detail.flags & constants.NODE_PERFORMANCE_GC_FLAGS_FORCED) !== 0) {
      this.#forced += 1;
      this.#majorProfiled = true;
      return;
    }
    const pauseMs = entry.duration;
    const kind = kindOf(detail?.kind ?? 0);
    if (kind === 'major') this.#majorProfiled = true;
    const bucket = this.#byKind[kind];
    bucket.count += 1;
    bucket.totalPauseMs += pauseMs;
    this.#count += 1;
    this.#totalMs += pauseMs;
    if (pauseMs > this.#maxMs) this.#maxMs = pauseMs;
    if (this.#pauseCount < MAX_PAUSES) {
      this.#pauseKinds[this.#pauseCount] = KINDS.indexOf(kind);
      this.#pauses[this.#pauseCount++] = pauseMs;
    }
  }

  /** Returns the interval's GC stats, heap-after-major-GC points and forced count, then resets. */
  take(): { gc: GcStats; heapAfterGc: number[]; forcedGcs: number } {
    const gc: GcStats = {
      count: this.#count,
      totalPauseMs: this.#totalMs,
      maxPauseMs: this.#maxMs,
      pausesMs: Array.from(this.#pauses.subarray(0, this.#pauseCount)),
      pausesByKindMs: this.#pausesByKind(),
      byKind: {
        minor: { ...this.#byKind.minor },
        major: { ...this.#byKind.major },
        incremental: { ...this.#byKind.incremental },
        weakcb: { ...this.#byKind.weakcb },
      },
    };
    const forcedGcs = this.#forced;
    this.#count = 0;
    this.#forced = 0;
    this.#totalMs = 0;
    this.#maxMs = 0;
    this.#pauseCount = 0;
    for (const bucket of Object.values(this.#byKind)) {
      bucket.count = 0;
      bucket.totalPauseMs = 0;
    }
    return { gc, heapAfterGc: this.#takeHeapAfterMajor(), forcedGcs };
  }

  #pausesByKind(): NonNullable<GcStats['pausesByKindMs']> {
    const byKind: NonNullable<GcStats['pausesByKindMs']> = {};
    for (let i = 0; i < this.#pauseCount; i++) {
      const kind = KINDS[this.#pauseKinds[i] ?? 0] ?? 'minor';
      (byKind[kind] ??= []).push(this.#pauses[i] ?? 0);
    }
    return byKind;
  }

  #takeHeapAfterMajor(): number[] {
    // Emptying the profiler costs its target ~1 ms (a new profiler, its JSON parsed): only when it holds a
    // major GC, or enough minor ones to bound its buffer. A major GC whose entry is not yet delivered is read
    // at the next sample.
    if (this.#majorProfiled || this.#profiledGcs >= MAX_PROFILED_GCS) this.#collectProfile();
    const points = this.#heapAfterMajor;
    this.#heapAfterMajor = [];
    return points;
  }

  #collectProfile(): void {
    // The profiler reports only when stopped; restart at once so no GC falls between intervals.
    const result = this.#profiler.stop() as { statistics?: Array<{ gcType: string; afterGC: { heapStatistics: { usedHeapSize: number } } }> } | undefined;
    this.#profiler.start();
    this.#profiledGcs = 0;
    this.#majorProfiled = false;
    for (const stat of result?.statistics ?? []) {
      if (stat.gcType === 'MarkSweepCompact') this.#heapAfterMajor.push(stat.afterGC.heapStatistics.usedHeapSize);
    }
  }

  /** Runs `work` (a forced GC and a snapshot) with its GCs kept out of the heap-after-major-GC series. */
  excludingFrom<T>(work: () => T): T {
    this.#collectProfile();
    try {
      return work();
    } finally {
      // Drop what the profiler saw during `work`: those GCs were ours (their entries, delivered later, count
      // as forced and mark the profiler as holding a major GC: one needless emptying, nothing wrong).
      this.#profiler.stop();
      this.#profiler.start();
      this.#profiledGcs = 0;
      this.#majorProfiled = false;
    }
  }

  /** Stops observing and profiling. */
  close(): void {
    this.#observer.disconnect();
    this.#profiler.stop();
  }
}
