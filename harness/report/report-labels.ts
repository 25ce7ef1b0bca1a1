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

/** Whether an event kind is a lifecycle step (drawn muted) rather than an injected fault. */
export function isLifecycleEvent(kind: string): boolean {
  return LIFECYCLE_KINDS.has(kind);
}

/** Event counts by kind, most frequent first (ties by name), for legends and tables. */
export function countEventsByKind(events: ReadonlyArray<{ kind: string }>): Array<{ kind: string; count: number }> {
  const counts = new Map<string, number>();
  for (const event of events) counts.set(event.kind, (counts.get(event.kind) ?? 0) + 1);
  return [...counts.entries()].map(([kind, count]) => ({ kind, count })).sort((a, b) => b.count - a.count || a.kind.localeCompare(b.kind));
}

const BYTE_SERIES = new Set(['heapAfterGc', 'heapUsed', 'heapTotal', 'rss', 'external', 'arrayBuffers']);

/** Whether a series key measures memory in bytes (so per-event amounts read as KiB/MiB rather than counts). */
export function isByteSeries(key: string): boolean {
  return BYTE_SERIES.has(key) || /bytes$/i.test(key);
}
