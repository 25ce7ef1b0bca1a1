/**
 * Resource budgets a run is judged against: the runbook defaults from ../shared/DESIGN.md, which a scenario
 * overrides field by field. Memory is in MB, where 1 MB = 1,048,576 bytes (what `process.memoryUsage()`
 * readers and the `memory_growth_rate_mb_per_minute` metric mean by MB).
 */

/** Bytes in one MB as budgets and reports use it. */
export const BYTES_PER_MB = 1_048_576;

/** What a run must stay within; every figure names its unit. */
export interface Budgets {
  /** Heap growth after warm-up, MB/min (runbook: < 1). */
  heapGrowthMbPerMin: number;
  /** Heap growth the runbook alerts on, MB/min (runbook: > 2); reported, the check is judged on the budget. */
  heapGrowthAlertMbPerMin: number;
  /**
   * Smallest steady heap growth called an unbounded leak, MB/h. Growth clearly above it but below the budget
   * is reported as a leak with a projection; growth clearly below it certifies the run "< x MB/h".
   */
  leakFloorMbPerHour: number;
  /** RSS growth, MB/min. RSS drifts 24–168 MB/h with no leak at all on Node 20, so this sits well above that. */
  rssGrowthMbPerMin: number;
  /** Growth of external + array-buffer memory, MB/min (same as the heap: Buffers leak like objects). */
  externalGrowthMbPerMin: number;
  /** Open file-descriptor growth, per min (runbook: < 1, alert > 5). */
  fdGrowthPerMin: number;
  /** Open file descriptors at any sample (runbook: < 500). */
  maxOpenFds: number;
  /** Active handle growth (timers, sockets, …), per min; handles are counts like FDs, so the same budget. */
  handleGrowthPerMin: number;
  /** GC pause p95, ms (runbook: < 50). */
  gcPauseP95Ms: number;
  /**
   * Event-loop delay p99, ms. 100 ms: natural major GCs pause 15–19 ms and parsing a 5,000-level depth snapshot
   * takes tens of ms, so a healthy collector stays well under it, while a p99 over 100 ms means book updates wait
   * long enough to matter to a consumer and /metrics scrapes start to time out.
   */
  eventLoopP99Ms: number;
  /** Leaked objects in the three-snapshot heap diff (runbook: 0). */
  leakedObjects: number;
  /** Consecutive clean hours the run must show; 0 when the run does not ask for any. */
  cleanHours: number;
}

/** The runbook's defaults (../shared/DESIGN.md, "Default budgets"). */
export const DEFAULT_BUDGETS: Readonly<Budgets> = Object.freeze({
  heapGrowthMbPerMin: 1,
  heapGrowthAlertMbPerMin: 2,
  leakFloorMbPerHour: 1,
  rssGrowthMbPerMin: 5,
  externalGrowthMbPerMin: 1,
  fdGrowthPerMin: 1,
  maxOpenFds: 500,
  handleGrowthPerMin: 1,
  gcPauseP95Ms: 50,
  eventLoopP99Ms: 100,
  leakedObjects: 0,
  cleanHours: 0,
});

/** The defaults with a scenario's (or a CLI's) overrides applied; unknown or non-finite overrides are ignored. */
export function resolveBudgets(...overrides: Array<Partial<Budgets> | undefined>): Budgets {
  const budgets: Budgets = { ...DEFAULT_BUDGETS };
  for (const override of overrides) {
    if (!override) continue;
    for (const key of Object.keys(DEFAULT_BUDGETS) as Array<keyof Budgets>) {
      const value = override[key];
      if (typeof value === 'number' && Number.isFinite(value)) budgets[key] = value;
    }
  }
  return budgets;
}
