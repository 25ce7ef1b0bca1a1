/**
 * The thresholds of the monitoring pack's alert rules, with the runbook values as defaults. The committed
 * monitoring/rules/collector-alerts.yml is rendered from DEFAULT_ALERT_THRESHOLDS; operators render their own
 * with `npx tsx monitoring/generate-rules.ts --memory-leak-mb 100 ...`. Memory is in MB, where
 * 1 MB = 1,048,576 bytes, as in the budgets and the `memory_growth_rate_mb_per_minute` metric.
 */

/** Every parameter of the rules; durations in ms (rendered as Prometheus durations such as `30s`, `5m`). */
export interface AlertThresholds {
  /** The Prometheus scrape job of the collector; every collector rule selects on it. */
  job: string;
  /**
   * Every process grows and collects garbage heavily while it starts and fills its books: MemoryLeak and
   * GCPerformanceDegraded only judge windows that start this long after process start (silent for warm-up + window).
   */
  warmupMs: number;
  /** CollectorTargetDown: how long `up == 0` lasts before it fires (runbook: 30 s). */
  targetDownForMs: number;
  /** CollectorHighMemory: resident memory above this many GB (runbook: 3). */
  highMemoryGb: number;
  highMemoryForMs: number;
  /** MemoryLeak: RSS increase within `memoryLeakWindowMs` above this many MB (runbook: 60 MB in 30 min). */
  memoryLeakMb: number;
  memoryLeakWindowMs: number;
  memoryLeakForMs: number;
  /** CollectorNoDataIngestion: no message received for this long (runbook: 3 min). */
  noDataWindowMs: number;
  noDataForMs: number;
  /** CollectorDataIngestionLow: messages/s below this, but above zero, for `ingestionLowForMs`. */
  ingestionLowPerSec: number;
  ingestionLowWindowMs: number;
  ingestionLowForMs: number;
  /** FileDescriptorLeak: open FDs above this (runbook: 800 for 3 min). */
  openFds: number;
  openFdsForMs: number;
  /** CollectorHighConnections: TCP connections above this (runbook: 50; the incident held 97). */
  tcpConnections: number;
  tcpConnectionsForMs: number;
  /** GCPerformanceDegraded: GC pause p95 over `gcWindowMs` above this many ms (runbook: 50 ms over 10 min). */
  gcP95Ms: number;
  gcWindowMs: number;
  gcForMs: number;
  /** DataSourceDown: a feed's connection status 0 for this long (runbook: 1 min). */
  dataSourceDownForMs: number;
  /** HighErrorRate: more failed messages than this within `failedWindowMs` (runbook: 5 in 10 min). */
  failedMessages: number;
  failedWindowMs: number;
  /** SoakMemoryGrowthHigh: `memory_growth_rate_mb_per_minute` above this (runbook: 2). */
  memoryGrowthMbPerMin: number;
  /** SoakFdGrowthHigh: `fd_growth_rate_per_minute` above this (runbook: 5). */
  fdGrowthPerMin: number;
  /** How long either soak growth rate stays above its threshold before it fires. */
  growthForMs: number;
  /** Evaluation interval written into every rule group. */
  evaluationIntervalMs: number;
}

const SECOND_MS = 1000;
const MINUTE_MS = 60 * SECOND_MS;

/** The runbook's values (the incident's runbooks, ../shared/DESIGN.md "Default budgets"). */
export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  job: 'orderbook-collector',
  warmupMs: 10 * MINUTE_MS,
  targetDownForMs: 30 * SECOND_MS,
  highMemoryGb: 3,
  highMemoryForMs: 5 * MINUTE_MS,
  memoryLeakMb: 60,
  memoryLeakWindowMs: 30 * MINUTE_MS,
  memoryLeakForMs: 5 * MINUTE_MS,
  noDataWindowMs: 3 * MINUTE_MS,
  noDataForMs: 0,
  ingestionLowPerSec: 1,
  ingestionLowWindowMs: 5 * MINUTE_MS,
  ingestionLowForMs: 10 * MINUTE_MS,
  openFds: 800,
  openFdsForMs: 3 * MINUTE_MS,
  tcpConnections: 50,
  tcpConnectionsForMs: 2 * MINUTE_MS,
  gcP95Ms: 50,
  gcWindowMs: 10 * MINUTE_MS,
  gcForMs: 5 * MINUTE_MS,
  dataSourceDownForMs: 1 * MINUTE_MS,
  failedMessages: 5,
  failedWindowMs: 10 * MINUTE_MS,
  memoryGrowthMbPerMin: 2,
  fdGrowthPerMin: 5,
  growthForMs: 5 * MINUTE_MS,
  evaluationIntervalMs: 15 * SECOND_MS,
});

const UNITS: Array<[string, number]> = [
  ['h', 60 * MINUTE_MS],
  ['m', MINUTE_MS],
  ['s', SECOND_MS],
  ['ms', 1],
];

/** Renders ms as a Prometheus duration (`90000` → `1m30s`, `0` → `0s`); ms must be a whole number ≥ 0. */
export function formatPromDuration(ms: number): string {
  if (!Number.isInteger(ms) || ms < 0) throw new RangeError(`not a whole, non-negative number of ms: ${ms}`);
  if (ms === 0) return '0s';
  let rest = ms;
  let text = '';
  for (const [unit, size] of UNITS) {
    const count = Math.floor(rest / size);
    if (count > 0) text += `${count}${unit}`;
    rest -= count * size;
  }
  return text;
}
