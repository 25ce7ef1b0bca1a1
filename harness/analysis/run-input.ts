/**
 * What analysis reads from a run directory: meta.json (written by the runner at start, completed at exit),
 * samples.ndjson, events.ndjson and, when those steps ran, heapdiff.json and alerts/alerts.json.
 */
import type { Sample } from '../probes/sample.ts';
import type { SoakEvent } from '../runner/soak-event.ts';
import type { Budgets } from './budgets.ts';
import type { AlertOutcomeSummary, HeapDiffSummary } from './report-data.ts';

/** meta.json: who ran what, where, and against which budgets. */
export interface RunMeta {
  scenario: string;
  /** The target command as a person reads it, e.g. `soakbook collector` or `python collector.py`. */
  target: string;
  /** ISO 8601 start time of the run. */
  startedAt: string;
  argv: string[];
  versions: { node: string; soakbook: string };
  gitSha: string;
  host: { cpu: string; cores: number; memBytes: number };
  /** Budgets in force: the scenario's overrides already merged over DEFAULT_BUDGETS (partial is tolerated). */
  budgets: Budgets;
  /** The scenario's warm-up; 0 lets analysis choose (trailing half of the run). */
  warmupMs: number;
  sampleIntervalMs: number;
  /** Streams (WebSocket connections) the scenario makes the target open: the basis of the socket budget. */
  streamsOpened: number;
  /** Sockets allowed above streamsOpened (metrics scrape, REST snapshot in flight, …). */
  socketSlack: number;
  /** When heap snapshots are planned (ms since run start), so the measured window can avoid them. */
  snapshotPlan?: { atMs: number[] };
  /** Present only when the target died during the run. */
  targetExit?: { code: number | null; signal: string | null; lastStderr: string[] };
}

/** Lines of an ndjson file that could not be used (a killed run leaves a truncated last line). */
export interface SkippedLines {
  samples: number;
  events: number;
  /** One short reason per skipped line, at most a few, for the report's notes. */
  reasons: string[];
}

/** Everything analyzeRun needs, as plain data. */
export interface RunInput {
  meta: RunMeta;
  samples: Sample[];
  events: SoakEvent[];
  heapDiff?: HeapDiffSummary;
  /** alerts/alerts.json, when the run was evaluated against the alert rules. */
  alerts?: AlertOutcomeSummary[];
  skipped: SkippedLines;
}
