/**
 * The rules generator behind `npx tsx monitoring/generate-rules.ts`: one flag per threshold (declared once in
 * the table below, which also renders --help), defaults from the runbook, output to a file or stdout.
 */
import { writeFile } from 'node:fs/promises';
import { type CliSpec, type OptionSpec, parseCli, renderHelp } from '../cli/cli-options.ts';
import { SoakError } from '../errors.ts';
import { buildAlertRules } from './alert-rules.ts';
import { type AlertThresholds, DEFAULT_ALERT_THRESHOLDS, formatPromDuration } from './alert-thresholds.ts';
import { renderRulesYaml } from './rules-yaml.ts';

type ThresholdKey = Exclude<keyof AlertThresholds, 'job'>;

/** Threshold fields that are durations (taken as `30s`, `5m`, …); gcP95Ms is a threshold in ms, not one. */
const DURATION_KEYS: ReadonlySet<ThresholdKey> = new Set([
  'targetDownForMs', 'highMemoryForMs', 'memoryLeakWindowMs', 'memoryLeakForMs', 'warmupMs', 'noDataWindowMs', 'noDataForMs',
  'ingestionLowWindowMs', 'ingestionLowForMs', 'openFdsForMs', 'tcpConnectionsForMs', 'gcWindowMs', 'gcForMs', 'dataSourceDownForMs',
  'failedWindowMs', 'growthForMs', 'evaluationIntervalMs',
]);

/** Flag name → threshold field, with the flag's description. */
const THRESHOLD_FLAGS: Record<string, { key: ThresholdKey; description: string }> = {
  warmup: { key: 'warmupMs', description: 'MemoryLeak and GCPerformanceDegraded judge only windows starting this long after process start' },
  'target-down-for': { key: 'targetDownForMs', description: 'CollectorTargetDown: up == 0 for this long' },
  'high-memory-gb': { key: 'highMemoryGb', description: 'CollectorHighMemory: RSS above this many GB' },
  'high-memory-for': { key: 'highMemoryForMs', description: 'CollectorHighMemory: for this long' },
  'memory-leak-mb': { key: 'memoryLeakMb', description: 'MemoryLeak: RSS increase above this many MB within the window' },
  'memory-leak-window': { key: 'memoryLeakWindowMs', description: 'MemoryLeak: the window' },
  'memory-leak-for': { key: 'memoryLeakForMs', description: 'MemoryLeak: for this long' },
  'no-data-window': { key: 'noDataWindowMs', description: 'CollectorNoDataIngestion: no message for this long' },
  'no-data-for': { key: 'noDataForMs', description: 'CollectorNoDataIngestion: for this long' },
  'ingestion-low-per-sec': { key: 'ingestionLowPerSec', description: 'CollectorDataIngestionLow: messages/s below this' },
  'ingestion-low-window': { key: 'ingestionLowWindowMs', description: 'CollectorDataIngestionLow: rate window' },
  'ingestion-low-for': { key: 'ingestionLowForMs', description: 'CollectorDataIngestionLow: for this long' },
  'open-fds': { key: 'openFds', description: 'FileDescriptorLeak: open FDs above this' },
  'open-fds-for': { key: 'openFdsForMs', description: 'FileDescriptorLeak: for this long' },
  'tcp-connections': { key: 'tcpConnections', description: 'CollectorHighConnections: TCP connections above this' },
  'tcp-connections-for': { key: 'tcpConnectionsForMs', description: 'CollectorHighConnections: for this long' },
  'gc-p95-ms': { key: 'gcP95Ms', description: 'GCPerformanceDegraded: GC pause p95 above this many ms' },
  'gc-window': { key: 'gcWindowMs', description: 'GCPerformanceDegraded: the window of the p95' },
  'gc-for': { key: 'gcForMs', description: 'GCPerformanceDegraded: for this long' },
  'data-source-down-for': { key: 'dataSourceDownForMs', description: 'DataSourceDown: a feed disconnected this long' },
  'failed-messages': { key: 'failedMessages', description: 'HighErrorRate: more failed messages than this in the window' },
  'failed-window': { key: 'failedWindowMs', description: 'HighErrorRate: the window' },
  'memory-growth-mb-per-min': { key: 'memoryGrowthMbPerMin', description: 'SoakMemoryGrowthHigh: memory_growth_rate_mb_per_minute above this' },
  'fd-growth-per-min': { key: 'fdGrowthPerMin', description: 'SoakFdGrowthHigh: fd_growth_rate_per_minute above this' },
  'growth-for': { key: 'growthForMs', description: 'Soak growth alerts: for this long' },
  'evaluation-interval': { key: 'evaluationIntervalMs', description: 'interval of every rule group' },
};

function thresholdOption(key: ThresholdKey, description: string): OptionSpec {
  const isDuration = DURATION_KEYS.has(key);
  const fallback = DEFAULT_ALERT_THRESHOLDS[key];
  return isDuration
    ? { type: 'duration', description: `${description} (default ${formatPromDuration(fallback)})`, valueName: '<duration>', min: 0, max: 7 * 24 * 3_600_000 }
    : { type: 'number', description: `${description} (default ${fallback})`, valueName: '<n>', min: 0 };
}

const options: Record<string, OptionSpec> = {
  out: { type: 'string', description: 'write the rules file here (default: stdout)', valueName: '<file>', short: 'o' },
  job: { type: 'string', description: `Prometheus scrape job of the collector (default ${DEFAULT_ALERT_THRESHOLDS.job})`, valueName: '<name>' },
};
for (const [flag, { key, description }] of Object.entries(THRESHOLD_FLAGS)) options[flag] = thresholdOption(key, description);

/** The generator's command line. */
export const RULES_CLI: CliSpec<Record<string, OptionSpec>> = {
  name: 'generate-rules',
  summary: 'Writes the Prometheus alert rules of the monitoring pack with the given thresholds (runbook values by default).',
  options,
};

const JOB_NAME = /^[A-Za-z0-9_.:/-]+$/;

/** Checks thresholds a person or a file supplied; throws SOAK_ERR_USAGE naming the first bad field. */
export function validateAlertThresholds(thresholds: AlertThresholds): AlertThresholds {
  if (!JOB_NAME.test(thresholds.job)) throw new SoakError('SOAK_ERR_USAGE', `job must be letters, digits and _ . : / - (got '${thresholds.job}')`);
  for (const key of Object.keys(DEFAULT_ALERT_THRESHOLDS) as Array<keyof AlertThresholds>) {
    if (key === 'job') continue;
    const value = thresholds[key];
    if (!Number.isFinite(value) || value < 0) throw new SoakError('SOAK_ERR_USAGE', `${key} must be a finite number ≥ 0 (got ${value})`);
    if (DURATION_KEYS.has(key) && !Number.isInteger(value)) throw new SoakError('SOAK_ERR_USAGE', `${key} must be a whole number of ms (got ${value})`);
  }
  for (const key of ['memoryLeakWindowMs', 'noDataWindowMs', 'ingestionLowWindowMs', 'gcWindowMs', 'failedWindowMs', 'evaluationIntervalMs'] as const) {
    if (thresholds[key] === 0) throw new SoakError('SOAK_ERR_USAGE', `${key} must be longer than 0`);
  }
  return thresholds;
}

/** Thresholds from parsed flags over the defaults. */
export function thresholdsFromOptions(parsed: Record<string, string | number | boolean | undefined>): AlertThresholds {
  const thresholds: AlertThresholds = { ...DEFAULT_ALERT_THRESHOLDS };
  if (typeof parsed.job === 'string') thresholds.job = parsed.job;
  for (const [flag, { key }] of Object.entries(THRESHOLD_FLAGS)) {
    const value = parsed[flag];
    if (typeof value === 'number') thresholds[key] = value;
  }
  return validateAlertThresholds(thresholds);
}

/** The rules file text for these thresholds, with a header naming the command that made it (without --out). */
export function renderRulesFile(thresholds: AlertThresholds, argv: readonly string[] = []): string {
  return renderRulesYaml(buildAlertRules(thresholds), [
    'Prometheus alert rules for the soakbook order-book collector (monitoring pack, see monitoring/README.md).',
    `Generated by: ${['npx tsx monitoring/generate-rules.ts', ...withoutOut(argv)].join(' ')}`,
    'Do not edit by hand: change the thresholds with the generator flags (--help lists them) and regenerate.',
  ]);
}

/** The generator's main: parses argv, writes the file (or prints it), returns the exit code. */
export async function generateRulesMain(argv: string[]): Promise<number> {
  const { help, options: parsed } = parseCli(RULES_CLI, argv);
  if (help) {
    process.stdout.write(`${renderHelp(RULES_CLI)}\n`);
    return 0;
  }
  const thresholds = thresholdsFromOptions(parsed as Record<string, string | number | boolean | undefined>);
  const text = renderRulesFile(thresholds, argv);
  const out = parsed.out;
  if (typeof out === 'string') {
    await writeFile(out, text).catch((error: unknown) => {
      throw new SoakError('SOAK_ERR_USAGE', `generate-rules: cannot write ${out}: ${(error as Error).message}`, { cause: error });
    });
    process.stderr.write(`wrote ${out}\n`);
  } else process.stdout.write(text);
  return 0;
}

/** argv without the --out flag and its value, for the header (so the committed file does not name a path). */
function withoutOut(argv: readonly string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--out' || arg === '-o') i++;
    else if (!arg.startsWith('--out=')) kept.push(arg);
  }
  return kept;
}
