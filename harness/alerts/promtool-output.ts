/**
 * Reads the alerts that fired out of `promtool test rules` output for a test written by renderPromtoolTest:
 * each failed probe prints a `got:` line of label sets such as `{alertname="MemoryLeak", soakbook_eval_ms="60000"}`.
 */
import { EVAL_MS_LABEL, SENTINEL_LABEL } from './promtool-test-input.ts';

/** Per alert name, the series-time ms of every probe at which it was firing (ascending). */
export interface FiringAlerts {
  /** False when the sentinel probe's failure is missing: promtool did not evaluate the test. */
  sentinelSeen: boolean;
  firingAtMs: Map<string, number[]>;
}

const LABEL_SET = /\{([^{}]*)\}/g;
const LABEL = /([A-Za-z_][A-Za-z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses promtool's output (stdout and stderr together). */
export function readFiringAlerts(output: string): FiringAlerts {
  const firingAtMs = new Map<string, number[]>();
  let sentinelSeen = false;
  for (const line of output.split('\n')) {
    const trimmed = line.trimStart();
    // Only promtool's report of what it got; the `expr:` lines quote our own expressions.
    if (!trimmed.startsWith('got:')) continue;
    for (const set of trimmed.matchAll(LABEL_SET)) {
      const labels = new Map<string, string>();
      for (const label of (set[1] ?? '').matchAll(LABEL)) labels.set(label[1] ?? '', label[2] ?? '');
      if (labels.get(SENTINEL_LABEL) === 'ok') sentinelSeen = true;
      const alert = labels.get('alertname');
      const ms = Number(labels.get(EVAL_MS_LABEL));
      if (alert === undefined || !Number.isFinite(ms)) continue;
      const times = firingAtMs.get(alert) ?? [];
      times.push(ms);
      firingAtMs.set(alert, times);
    }
  }
  for (const times of firingAtMs.values()) times.sort((a, b) => a - b);
  return { sentinelSeen, firingAtMs };
}
