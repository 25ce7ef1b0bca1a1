/**
 * The names people read for the keys analysis uses: growth series, event kinds by family. Unknown keys are
 * shown as they are, so a series analysis adds later still appears in every report.
 */

const SERIES_LABELS: Record<string, string> = {
  heapAfterGc: 'Heap after major GC',
  heapUsed: 'Heap used',
  heapTotal: 'Heap total',
  rss: 'RSS',
  external: 'External + ArrayBuffers',
  arrayBuffers: 'ArrayBuffers',
  fds: 'File descriptors',
  sockets: 'TCP sockets',
  handles: 'Active handles',
  timers: 'Timers',
};

/** The label of a growth series key, e.g. `heapAfterGc` → `Heap after major GC`. */
export function seriesLabel(key: string): string {
  return SERIES_LABELS[key] ?? key;
}

const LIFECYCLE_KINDS = new Set(['run-start', 'target-start', 'target-exit', 'warmup-end', 'heap-snapshot', 'gc-forced', 'connection', 'run-stop']);

/**
 * Whether an event is a lifecycle step (drawn muted) rather than an injected fault: a known lifecycle kind, or
 * anything the harness itself wrote (faults come from an exchange), so new lifecycle kinds need no list update.
 */
export function isLifecycleEvent(kind: string, exchange?: string): boolean {
  return LIFECYCLE_KINDS.has(kind) || exchange === 'harness';
}

/** Event counts by kind, most frequent first (ties by name), each marked lifecycle or fault, for legends and tables. */
export function countEventsByKind(events: ReadonlyArray<{ kind: string; exchange?: string }>): Array<{ kind: string; count: number; lifecycle: boolean }> {
  const counts = new Map<string, { count: number; lifecycle: boolean }>();
  for (const event of events) {
    const entry = counts.get(event.kind) ?? { count: 0, lifecycle: true };
    entry.count += 1;
    entry.lifecycle &&= isLifecycleEvent(event.kind, event.exchange);
    counts.set(event.kind, entry);
  }
  return [...counts.entries()].map(([kind, e]) => ({ kind, count: e.count, lifecycle: e.lifecycle })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

const BYTE_SERIES = new Set(['heapAfterGc', 'heapUsed', 'heapTotal', 'rss', 'external', 'arrayBuffers']);

/** Whether a series key measures memory in bytes (so per-event amounts read as KiB/MiB rather than counts). */
export function isByteSeries(key: string): boolean {
  return BYTE_SERIES.has(key) || /bytes$/i.test(key);
}
