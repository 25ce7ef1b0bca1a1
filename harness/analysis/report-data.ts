/**
 * report.json, the versioned result of analysing one run directory (documented in the README).
 * Analysis produces it (pure); reporters only render it; the CLIs turn `verdict` into an exit code.
 */

export const REPORT_SCHEMA_VERSION = 1;

export type CheckStatus = 'pass' | 'fail' | 'inconclusive' | 'skipped';

/** Stable check ids (see ../shared/DESIGN.md). */
export type CheckId =
  | 'heap-growth'
  | 'rss-growth'
  | 'external-growth'
  | 'fd-growth'
  | 'socket-bound'
  | 'handle-growth'
  | 'gc-pause'
  | 'event-loop'
  | 'integrity'
  | 'leaked-objects'
  | 'target-alive';

export interface Check {
  id: CheckId;
  title: string;
  status: CheckStatus;
  /** The measured figure the budget applies to (null when there is none). */
  value: number | null;
  budget: number | null;
  unit: string;
  /** One or two sentences a person reads: the figure, its interval, and what would decide it. */
  detail: string;
}

/** Growth of one series: slope per minute with its confidence interval, in the series' unit per minute. */
export interface Growth {
  perMin: number;
  low: number;
  high: number;
  unit: string;
  /** Points the estimate used (after warm-up). */
  points: number;
  /** Newey–West standard error of perMin (the gate compares runs with it). */
  se?: number;
  /** Theil–Sen slope per minute over the same points (robust cross-check). */
  theilSenPerMin?: number;
  /** Start of the judged (settled) window, ms since run start. */
  fromMs?: number;
  /** Memory series only: steady growth above the leak floor (`leaking`), certified below it (`bounded`), or neither yet. */
  leak?: 'leaking' | 'bounded' | 'undecided';
}

export interface Correlation {
  /** e.g. `sockets`, `heapAfterGc` */
  resource: string;
  /** a SoakEvent kind, e.g. `disconnect` */
  event: string;
  /** resource units left behind per event */
  perEvent: number;
  r2: number;
  /** Events of that kind in the judged part of the run. */
  events?: number;
  /** The sentence for people: "each disconnect leaves +1.0 socket (R² 0.97)". */
  text?: string;
}

export interface Integrity {
  updatesApplied: number | null;
  checksumsVerified: number | null;
  checksumFailures: number | null;
  gapsInjected: number;
  gapsDetected: number | null;
  resyncs: number | null;
}

export interface HeapDiffSummary {
  growers: Array<{ constructor: string; countDelta: number; selfSizeDeltaBytes: number; retainedSizeDeltaBytes: number }>;
  leakCandidates: Array<{ constructor: string; count: number; retainedBytes: number; retainerPath: string[] }>;
}

/** A run's series for charts: parallel arrays, t in ms since run start. */
export interface ReportSeries {
  t: number[];
  rssBytes: number[];
  heapUsedBytes: Array<number | null>;
  heapAfterGc: { t: number[]; bytes: number[] };
  fds: number[];
  sockets: number[];
  messagesPerSec: Array<number | null>;
}

/** Whether an alert of the monitoring pack would have fired during the run (from `soak --alerts`). */
export interface AlertOutcomeSummary {
  alert: string;
  severity: string;
  fired: boolean;
  /** ms since run start of the first evaluation at which it was firing */
  firstFiredAtMs: number | null;
  /** fired · silent (could have fired, did not) · too-short (its `for:` exceeds the run) · not-evaluable */
  status: 'fired' | 'silent' | 'too-short' | 'not-evaluable';
  detail: string;
}

export interface ReportData {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  verdict: 'pass' | 'fail' | 'inconclusive';
  scenario: string;
  target: string;
  durationMs: number;
  checks: Check[];
  growth: Record<string, Growth>;
  /**
   * GC pauses outside heap-snapshot-spoiled samples. byKind p95/max come from per-kind pause lists when the probe
   * sent them, else they equal the kind's mean (meanMs). count includes GCs the probe counted but did not list.
   */
  gcPauseMs: {
    p50: number;
    p95: number;
    p99: number;
    max: number;
    count?: number;
    byKind: Record<string, { count: number; p95: number; max: number; meanMs?: number }>;
  } | null;
  /** p99: 90th percentile over sampling intervals of each interval's p99 (so one bad interval in ten fails); max: worst delay seen. */
  eventLoopMs: { p99: number; max: number } | null;
  integrity: Integrity;
  correlations: Correlation[];
  heapDiff?: HeapDiffSummary;
  /** Alert outcomes, when the run was evaluated against the monitoring pack's rules. */
  alerts?: AlertOutcomeSummary[];
  /** Consecutive whole hours within every budget. */
  cleanHours: number;
  /** Events for the time axis (faults and lifecycle), t in ms. */
  events: Array<{ t: number; kind: string; exchange: string }>;
  /** GC pause histogram: bucket upper bounds (ms) and counts; counts has one extra last entry for pauses above the last bound. */
  gcPauseHistogram: { boundsMs: number[]; counts: number[] };
  series: ReportSeries;
  /** Target exit, when it died during the run. */
  targetExit?: { code: number | null; signal: string | null; lastStderr: string[] };
  notes: string[];
}
