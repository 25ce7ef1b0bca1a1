/**
 * Would the monitoring pack's alerts have fired during this run? Converts the run's samples into the series
 * a Prometheus would have scraped, hands them with the REAL rules file to `promtool test rules`, and reads
 * back which alerts were firing at each probe time. Alerts whose series the samples do not carry, and alerts
 * whose `for:` (plus start-up gate) is longer than the run, are reported as such, never as "silent".
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { readRunDir } from '../analysis/index.ts';
import { SoakError } from '../errors.ts';
import type { AlertSeverity } from './alert-rules.ts';
import { DEFAULT_ALERT_THRESHOLDS, formatPromDuration } from './alert-thresholds.ts';
import { promqlMetricNames } from './promql-metric-names.ts';
import { readFiringAlerts } from './promtool-output.ts';
import { renderPromtoolTest } from './promtool-test-input.ts';
import { liveGrowthGauges } from './live-growth-gauges.ts';
import { type DeclaredAlert, readDeclaredAlerts } from './rules-yaml.ts';
import { runPromtool } from './run-promtool.ts';
import { DEFAULT_GC_BUCKETS_S, samplesToSeries, type SeriesSet } from './sample-series.ts';

/** What one alert would have done during the run. */
export interface AlertOutcome {
  alert: string;
  severity: AlertSeverity | 'none';
  fired: boolean;
  /** Run time (ms since run start, real, not scaled) of the first probe at which it was firing. */
  firstFiredAtMs: number | null;
  /** fired; silent (could have fired, did not); too-short (its `for:` and start gate exceed the run); not-evaluable (samples lack its series). */
  status: 'fired' | 'silent' | 'too-short' | 'not-evaluable';
  detail: string;
}

/** Options of evaluateAlerts. */
export interface EvaluateAlertsOptions {
  /** The rules file (default: monitoring/rules/collector-alerts.yml of this checkout). */
  rulesFile?: string;
  /** Time-compression factor (default 1); see monitoring/README.md before using anything else. */
  timeScale?: number;
  /** Where the promtool input is written (default: `<runDir>/alerts`). */
  outDir?: string;
  /** At most this many probe times (default 2000); more are thinned evenly. */
  maxProbes?: number;
  /** At most this many replays of the live growth analysis (default 120); see liveGrowthGauges. */
  maxGaugeUpdates?: number;
}

/** The committed rules file of this checkout. */
export const DEFAULT_RULES_FILE = fileURLToPath(new URL('../../monitoring/rules/collector-alerts.yml', import.meta.url));

const MAX_GRID_POINTS = 20_000;
const DEFAULT_EVAL_INTERVAL_MS = 15_000;

/** Evaluates every alert of the rules file over the run in `runDir`. */
export async function evaluateAlerts(runDir: string, options: EvaluateAlertsOptions = {}): Promise<AlertOutcome[]> {
  const timeScale = options.timeScale ?? 1;
  if (!Number.isFinite(timeScale) || timeScale < 1 || timeScale > 1000) throw new SoakError('SOAK_ERR_USAGE', `alerts time scale must be between 1 and 1000 (got ${timeScale})`);
  const rulesFile = resolve(options.rulesFile ?? DEFAULT_RULES_FILE);
  const rulesText = await readFile(rulesFile, 'utf8').catch((error: unknown) => {
    throw new SoakError('SOAK_ERR_PROMTOOL', `cannot read rules file ${rulesFile}: ${(error as Error).message}`, { cause: error });
  });
  const declared = readDeclaredAlerts(rulesText);
  if (declared.length === 0) throw new SoakError('SOAK_ERR_PROMTOOL', `${rulesFile} declares no alert`);

  const input = readRunDir(runDir);
  const samples = [...input.samples].sort((a, b) => a.t - b.t);
  if (samples.length < 2) throw new SoakError('SOAK_ERR_RUN_DIR', `${runDir}: ${samples.length} usable sample(s); alert evaluation needs at least 2`);
  const sorted = { ...input, samples };
  const eventAt = (kind: string): number | undefined => input.events.find((event) => event.kind === kind)?.t;
  // The runner stopping the target ends the run; only a target that died on its own goes down (up = 0).
  const exit = input.events.find((event) => event.kind === 'target-exit');
  const targetExitMs = exit && exit.detail.stoppedBy !== 'runner' ? exit.t : undefined;
  const runEndMs = input.events.filter((event) => event.kind === 'run-stop').at(-1)?.t;
  const spanMs = (samples.at(-1)?.t ?? 0) - (samples[0]?.t ?? 0);
  let gridIntervalMs = Math.max(1, Math.round(input.meta.sampleIntervalMs));
  // A long run at a short interval is thinned: promtool holds every point in memory.
  gridIntervalMs *= Math.max(1, Math.ceil(spanMs / gridIntervalMs / MAX_GRID_POINTS));
  const seriesSet = samplesToSeries(samples, {
    job: jobOf(declared),
    instance: 'soak-target',
    gridIntervalMs,
    timeScale,
    targetStartMs: eventAt('target-start'),
    targetExitMs,
    endMs: targetExitMs !== undefined ? runEndMs : undefined,
    growth: liveGrowthGauges(sorted, { maxUpdates: options.maxGaugeUpdates }),
    gcBucketsS: [...DEFAULT_GC_BUCKETS_S, DEFAULT_ALERT_THRESHOLDS.gcP95Ms / 1000],
  });

  const seriesIntervalMs = Math.round(gridIntervalMs * timeScale);
  // Rules are evaluated as Prometheus would: at the groups' interval, whatever the sampling interval.
  const evaluationIntervalMs = groupIntervalMs(rulesText);
  const lastMs = (seriesSet.points - 1) * seriesIntervalMs;
  const probeTimesMs = probeTimes(lastMs, evaluationIntervalMs, options.maxProbes ?? 2000);
  const outDir = options.outDir ?? join(runDir, 'alerts');
  await mkdir(outDir, { recursive: true });
  const testFile = join(outDir, 'promtool-test.yml');
  await writeFile(testFile, renderPromtoolTest({ rulesFile, seriesSet, evaluationIntervalMs, probeTimesMs }));

  const result = await runPromtool(['test', 'rules', testFile]);
  const output = `${result.stdout}\n${result.stderr}`;
  const firing = readFiringAlerts(output);
  if (!firing.sentinelSeen) {
    const first = output.split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('Unit Testing')).slice(0, 3).join(' | ');
    throw new SoakError('SOAK_ERR_PROMTOOL', `promtool did not evaluate ${testFile} (exit ${result.code}): ${first}`);
  }

  const available = new Set(seriesSet.series.map((series) => series.metric));
  const probeStepMs = probeTimesMs.length > 1 ? (probeTimesMs[1] ?? 0) - (probeTimesMs[0] ?? 0) : evaluationIntervalMs;
  const context = { seriesSet, lastMs, probeStepMs, probes: probeTimesMs.length };
  return declared.map((alert) => outcomeOf(alert, firing.firingAtMs.get(alert.alert) ?? [], available, context));
}

function outcomeOf(
  alert: DeclaredAlert,
  firingAtMs: readonly number[],
  available: ReadonlySet<string>,
  context: { seriesSet: SeriesSet; lastMs: number; probeStepMs: number; probes: number },
): AlertOutcome {
  const { seriesSet, lastMs, probeStepMs, probes } = context;
  const k = seriesSet.timeScale;
  const toRunMs = (seriesMs: number): number => Math.round(seriesSet.startMs + seriesMs / k);
  const scaled = k === 1 ? '' : ` (time scale ${k}: series time runs ${k}× faster than the run)`;
  const base = { alert: alert.alert, severity: alert.severity };
  const first = firingAtMs[0];
  if (first !== undefined) {
    const share = Math.round((100 * firingAtMs.length) / Math.max(1, probes));
    return {
      ...base,
      fired: true,
      firstFiredAtMs: toRunMs(first),
      status: 'fired',
      detail: `firing from ${formatRunTime(toRunMs(first))} into the run, at ${share}% of the probes (probed every ${formatPromDuration(Math.max(1, Math.round(probeStepMs / k)))})${scaled}`,
    };
  }
  const missing = promqlMetricNames(alert.expr).filter((name) => !available.has(name));
  if (missing.length > 0) {
    return { ...base, fired: false, firstFiredAtMs: null, status: 'not-evaluable', detail: `the run's samples carry no ${missing.join(', ')} series` };
  }
  const needMs = forMsOf(alert.forText) + startGateMs(alert.expr);
  if (needMs > lastMs) {
    return {
      ...base,
      fired: false,
      firstFiredAtMs: null,
      status: 'too-short',
      detail: `could not fire: it needs ${formatRunTime(needMs)} of series time (for: ${alert.forText}${startGateMs(alert.expr) > 0 ? ' plus its start-up gate' : ''}), the run gave ${formatRunTime(lastMs)}${scaled}`,
    };
  }
  return { ...base, fired: false, firstFiredAtMs: null, status: 'silent', detail: `silent over ${formatRunTime(lastMs)} of series time${scaled}` };
}

/** The collector job the rules select on (`job="…"` in the first expression naming one). */
function jobOf(declared: readonly DeclaredAlert[]): string {
  for (const alert of declared) {
    const match = /\bjob="([^"]+)"/.exec(alert.expr);
    if (match?.[1]) return match[1];
  }
  return DEFAULT_ALERT_THRESHOLDS.job;
}

/** The first rule group's `interval:` in ms (Prometheus' common 15 s when the file sets none). */
function groupIntervalMs(rulesText: string): number {
  const match = /^\s+interval:\s*["']?([0-9a-z]+)["']?\s*$/m.exec(rulesText);
  const ms = match?.[1] ? forMsOf(match[1]) : 0;
  return ms > 0 ? ms : DEFAULT_EVAL_INTERVAL_MS;
}

/** Seconds a rule waits after process start (`time() - process_start_time_seconds… > N`), as ms. */
function startGateMs(expr: string): number {
  const match = /time\(\)\s*-\s*process_start_time_seconds[^)]*\)\s*>\s*([0-9.]+)/.exec(expr);
  return match?.[1] ? Number(match[1]) * 1000 : 0;
}

const DURATION_PART = /(\d+)(ms|s|m|h|d|w|y)/g;
const PART_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

function forMsOf(text: string): number {
  let total = 0;
  for (const part of text.matchAll(DURATION_PART)) total += Number(part[1]) * (PART_MS[part[2] ?? ''] ?? 0);
  return total;
}

/**
 * Probe times on the evaluation grid: promtool loads input samples only as far as its rule-evaluation steps
 * have reached, so a probe between or beyond those steps would read stale data.
 */
function probeTimes(lastMs: number, stepMs: number, maxProbes: number): number[] {
  const evaluations = Math.floor(lastMs / stepMs) + 1;
  const stride = Math.max(1, Math.ceil(evaluations / Math.max(1, maxProbes)));
  const times: number[] = [];
  for (let i = 0; i < evaluations; i += stride) times.push(i * stepMs);
  return times;
}

/** `12m30s` for ms of run or series time. */
function formatRunTime(ms: number): string {
  return formatPromDuration(Math.max(0, Math.round(ms / 1000) * 1000));
}
