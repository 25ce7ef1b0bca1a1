/**
 * The alert evaluation as a command: `<run-dir> [--time-scale k] [--rules file]` prints one line per alert
 * and writes `<run-dir>/alerts/alerts.json`. The soak CLI's `--alerts` flag calls evaluateAlerts and
 * formatAlertOutcomes the same way; this main lets a finished run be evaluated on its own.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type CliSpec, parseCli, renderHelp } from '../cli/cli-options.ts';
import { type AlertOutcome, evaluateAlerts } from './evaluate-alerts.ts';

const options = {
  'time-scale': { type: 'number', description: 'evaluate the run as if it lasted k times longer (see monitoring/README.md; default 1)', valueName: '<k>', min: 1, max: 1000 },
  rules: { type: 'string', description: 'rules file (default monitoring/rules/collector-alerts.yml)', valueName: '<file>' },
} as const;

/** The command line of the evaluation. */
export const ALERTS_CLI: CliSpec<typeof options> = {
  name: 'alerts',
  summary: 'Tells, per alert of the monitoring pack, whether and when it would have fired during a soak run (via promtool).',
  positionals: [{ name: 'run-dir', description: 'a run directory (reports/<scenario>-<timestamp>/)', required: true }],
  options,
};

const MARK: Record<AlertOutcome['status'], string> = { fired: 'FIRED ', silent: 'silent', 'too-short': 'short ', 'not-evaluable': 'n/a   ' };

/** One line per alert, fired first (earliest first): `FIRED  MemoryLeak (warning) firing from 45m into the run, …`. */
export function formatAlertOutcomes(outcomes: readonly AlertOutcome[]): string[] {
  const order: AlertOutcome['status'][] = ['fired', 'silent', 'too-short', 'not-evaluable'];
  return [...outcomes]
    .sort((a, b) => order.indexOf(a.status) - order.indexOf(b.status) || (a.firstFiredAtMs ?? 0) - (b.firstFiredAtMs ?? 0))
    .map((outcome) => `${MARK[outcome.status]} ${outcome.alert} (${outcome.severity}): ${outcome.detail}`);
}

/** Evaluates a run's alerts, writes `<run-dir>/alerts/alerts.json` (which the report reads), returns the lines to print. */
export async function evaluateRunAlerts(runDir: string, options: { timeScale?: number; rulesFile?: string } = {}): Promise<string[]> {
  const outcomes = await evaluateAlerts(runDir, options);
  await writeFile(join(runDir, 'alerts', 'alerts.json'), `${JSON.stringify(outcomes, null, 2)}\n`);
  return formatAlertOutcomes(outcomes);
}

/** Evaluates, prints, writes alerts.json; returns 0 (a fired alert is a finding, not a failure of the command). */
export async function evaluateAlertsMain(argv: string[]): Promise<number> {
  const parsed = parseCli(ALERTS_CLI, argv);
  if (parsed.help) {
    process.stdout.write(`${renderHelp(ALERTS_CLI)}\n`);
    return 0;
  }
  const runDir = parsed.positionals[0] ?? '';
  const lines = await evaluateRunAlerts(runDir, { timeScale: parsed.options['time-scale'], rulesFile: parsed.options.rules });
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
