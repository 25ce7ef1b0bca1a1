/**
 * One gate run: analyse the run directory, compare its figures with the baseline history, write gate.json
 * into the run directory and, with updateBaseline, append the run to the baseline. Returns what happened;
 * the CLI turns that into an exit code.
 */
import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeRun, readRunDir } from '../analysis/index.ts';
import { SoakError } from '../errors.ts';
import { appendToBaseline, DEFAULT_BASELINE_KEEP, readBaseline, writeBaseline } from './baseline-file.ts';
import type { Baseline, BaselineEntry } from './baseline-file.ts';
import { compareWithBaseline } from './compare-baseline.ts';
import type { GateResult } from './compare-baseline.ts';
import { formatGate } from './format-gate.ts';
import { gateMetrics, heapSeriesOf } from './gate-metrics.ts';

/** What to gate. */
export interface GateRunOptions {
  runDir: string;
  baselinePath: string;
  updateBaseline?: boolean;
  keep?: number;
  /** Timestamp written into a new baseline entry (ISO); defaults to now. */
  recordedAt?: string;
}

/** The outcome: `regression` is the only one that should fail CI. */
export interface GateRunOutcome {
  status: 'pass' | 'regression' | 'baseline-created';
  /** Null when there was no baseline to compare with. */
  result: GateResult | null;
  baselineUpdated: boolean;
  text: string;
}

/** Runs the gate; throws SoakError (SOAK_ERR_USAGE, SOAK_ERR_RUN_DIR, SOAK_ERR_BASELINE) on bad input. */
export function runGate(options: GateRunOptions): GateRunOutcome {
  if (!existsSync(options.runDir) || !statSync(options.runDir).isDirectory()) {
    throw new SoakError('SOAK_ERR_USAGE', `gate: run directory ${options.runDir} does not exist`);
  }
  const input = readRunDir(options.runDir);
  const report = analyzeRun(input);
  const metrics = gateMetrics(report, input);
  const heapSeries = heapSeriesOf(report);
  const entry: BaselineEntry = {
    recordedAt: options.recordedAt ?? new Date().toISOString(),
    runDir: options.runDir,
    gitSha: input.meta.gitSha,
    startedAt: input.meta.startedAt,
    heapSeries,
    metrics,
  };
  const keep = options.keep ?? DEFAULT_BASELINE_KEEP;

  let baseline: Baseline | null = null;
  if (existsSync(options.baselinePath) || !options.updateBaseline) baseline = readBaseline(options.baselinePath);
  if (baseline && baseline.scenario !== input.meta.scenario) {
    throw new SoakError('SOAK_ERR_BASELINE', `${options.baselinePath} is the baseline of scenario '${baseline.scenario}', the run is '${input.meta.scenario}'`);
  }
  const result = baseline ? compareWithBaseline(metrics, baseline, heapSeries) : null;
  let text = result ? formatGate(result, options.baselinePath) : `gate: no baseline at ${options.baselinePath} yet\n`;
  writeFileSync(join(options.runDir, 'gate.json'), `${JSON.stringify({ baseline: options.baselinePath, metrics, result }, infinityAsNull, 2)}\n`);

  if (options.updateBaseline) {
    const updated = appendToBaseline(baseline, input.meta.scenario, entry, keep);
    writeBaseline(options.baselinePath, updated);
    text += `baseline ${baseline ? 'updated' : 'created'}: ${options.baselinePath} now holds ${updated.runs.length} run(s) (keeps the last ${keep})\n`;
  }
  const status = result === null ? 'baseline-created' : result.status;
  return { status, result, baselineUpdated: options.updateBaseline === true, text };
}

function infinityAsNull(_key: string, value: unknown): unknown {
  return value === Number.POSITIVE_INFINITY ? null : value;
}
