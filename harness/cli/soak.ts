/**
 * `npm run soak -- [options]`: runs a soak (scenario → mocks → target → probes → run directory), then
 * analyses the run directory, writes the reports and, with --baseline, runs the regression gate. Parses and
 * validates everything first (bad input is one line and exit 2, nothing started); exits 0 pass, 1 fail or
 * regression, 3 inconclusive, 130 when interrupted (the report is still written). Ctrl-C stops the run,
 * the target with it, and still writes the report; a second Ctrl-C exits at once.
 */
import { existsSync } from 'node:fs';
import { SoakError } from '../errors.ts';
import { applyOverrides, loadScenario, shippedScenarioNames } from '../scenario/index.ts';
import { parseCli, renderHelp, type CliSpec, type OptionTable } from './cli-options.ts';
import { runCli } from './run-cli.ts';

const SPEC = {
  name: 'soak',
  summary: 'Soaks a market-data collector against mock exchanges and writes a run directory with its verdict.',
  options: {
    hours: { type: 'number', valueName: '<n>', min: 0.001, max: 168, description: 'run for n hours (default: the scenario duration)' },
    minutes: { type: 'number', valueName: '<n>', min: 0.05, max: 10_080, description: 'run for n minutes' },
    scenario: { type: 'string', valueName: '<name|file>', description: `scenario name (${shippedScenarioNames().join(', ')}) or a .ts/.json file (default smoke)` },
    target: { type: 'string', valueName: '<cmd>', description: 'soak this command (run with sh -c) instead of the built-in collector' },
    replay: { type: 'string', valueName: '<file>', description: 'replay a capture (fixtures/real format) through the matching mock' },
    speed: { type: 'number', valueName: '<x>', min: 0, max: 10_000, description: 'replay speed ×x (0 = as fast as read); multiplies the synthetic rate otherwise' },
    seed: { type: 'number', valueName: '<n>', min: 0, max: 2 ** 31 - 1, description: 'seed for feeds and fault timing (default: the scenario seed)' },
    out: { type: 'string', valueName: '<dir>', description: 'run directory (default reports/<scenario>-<UTC timestamp>/)' },
    'sample-interval': { type: 'duration', valueName: '<duration>', min: 100, max: 60_000, description: 'probe interval, e.g. 1s or 500ms (default: the scenario, 1s)' },
    baseline: { type: 'string', valueName: '<file>', description: 'gate the run against this baseline afterwards (as npm run gate does)' },
    'metrics-port': { type: 'number', valueName: '<port>', min: 0, max: 65_535, description: 'serve the soak metrics at 127.0.0.1:<port>/metrics during the run' },
    alerts: { type: 'boolean', description: 'afterwards, tell per alert of monitoring/rules whether and when it would have fired (needs promtool)' },
    'alerts-time-scale': { type: 'number', valueName: '<k>', min: 1, max: 1000, description: 'with --alerts: evaluate the run as if it lasted k× longer (see monitoring/README.md)' },
  },
} satisfies CliSpec<OptionTable>;

const EXIT_BY_VERDICT = { pass: 0, fail: 1, inconclusive: 3 } as const;

function usage(message: string): never {
  throw new SoakError('SOAK_ERR_USAGE', `soak: ${message} (see --help)`);
}

async function main(argv: string[]): Promise<number> {
  const { help, options } = parseCli(SPEC, argv);
  if (help) {
    process.stdout.write(`${renderHelp(SPEC)}\n`);
    return 0;
  }
  if (options.hours !== undefined && options.minutes !== undefined) usage('give --hours or --minutes, not both');
  if (options.seed !== undefined && !Number.isInteger(options.seed)) usage(`--seed must be a whole number (got '${options.seed}')`);
  const port = options['metrics-port'];
  if (port !== undefined && !Number.isInteger(port)) usage(`--metrics-port must be a whole number (got '${port}')`);
  if (options.target !== undefined && options.target.trim() === '') usage('--target needs a command');
  if (options['alerts-time-scale'] !== undefined && !options.alerts) usage('--alerts-time-scale goes with --alerts');
  if (options.replay !== undefined && !existsSync(options.replay)) usage(`--replay ${options.replay}: no such file`);
  if (options.baseline !== undefined) {
    if (!existsSync(options.baseline)) throw new SoakError('SOAK_ERR_BASELINE', `soak: --baseline ${options.baseline}: no such file`);
    // A baseline that cannot be read should stop us now, not after six hours of soak.
    const { readBaseline } = await import('../gate/index.ts');
    readBaseline(options.baseline);
  }
  const durationMs = options.hours !== undefined ? options.hours * 3_600_000 : options.minutes !== undefined ? options.minutes * 60_000 : undefined;
  const scenario = applyOverrides(await loadScenario(options.scenario ?? 'smoke'), {
    durationMs: durationMs === undefined ? undefined : Math.round(durationMs),
    seed: options.seed,
    sampleIntervalMs: options['sample-interval'] === undefined ? undefined : Math.round(options['sample-interval']),
    speed: options.speed,
    replayFile: options.replay,
  });

  // Loaded only once the input is known good: a usage error answers in a fraction of the start-up time.
  const [{ ProgressReporter, runSoak }, { analyzeRun, readRunDir }, { writeReports }] = await Promise.all([
    import('../runner/index.ts'),
    import('../analysis/index.ts'),
    import('../report/index.ts'),
  ]);
  const progress = new ProgressReporter(process.stderr, scenario.durationMs);
  const controller = new AbortController();
  let interrupts = 0;
  const onSignal = (signal: NodeJS.Signals): void => {
    interrupts += 1;
    // A second signal: the operator will not wait (the runner's exit hook still kills the target group).
    if (interrupts > 1) process.exit(130);
    progress.note(`soak: ${signal} — stopping the target and writing the report from what was measured`);
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const result = await runSoak({
      scenario,
      targetCommand: options.target,
      out: options.out,
      argv,
      metricsPort: port,
      signal: controller.signal,
      onProgress: (status) => progress.update(status),
      onRunDir: (dir) => progress.note(`soak: ${scenario.name} for ${Math.round(scenario.durationMs / 1000)} s → ${dir}`),
      onMetricsUrl: (url) => progress.note(`soak: live metrics at ${url}`),
    });
    progress.finish();
    if (result.targetExit) {
      const { code, signal, lastStderr } = result.targetExit;
      progress.note(`soak: the target died during the run (code ${code ?? '–'}, signal ${signal ?? '–'})${lastStderr.length ? `; last stderr: ${lastStderr.slice(-3).join(' | ')}` : ''}`);
    }
    if (options.alerts) {
      // Before the analysis, so the report carries the outcomes (alerts/alerts.json in the run directory).
      const { evaluateRunAlerts } = await import('../alerts/index.ts');
      const lines = await evaluateRunAlerts(result.runDir, { timeScale: options['alerts-time-scale'] });
      for (const line of lines) progress.note(`alerts: ${line}`);
    }
    const report = analyzeRun(readRunDir(result.runDir));
    const summary = process.env.GITHUB_STEP_SUMMARY;
    await writeReports(result.runDir, report, summary ? { githubStepSummary: summary } : {});
    const failed = report.checks.filter((check) => check.status === 'fail').map((check) => check.id);
    progress.note(`soak: ${report.verdict.toUpperCase()}${failed.length ? ` (${failed.join(', ')})` : ''} · ${result.samplesWritten} samples, ${result.eventsWritten} events · ${result.runDir}/report.md`);
    if (result.stopReason === 'interrupted') return 130;
    if (options.baseline) {
      const { runGate } = await import('../gate/index.ts');
      const gate = runGate({ runDir: result.runDir, baselinePath: options.baseline });
      progress.note(gate.text);
      // A regression against the baseline fails the run even when every budget held.
      if (gate.status === 'regression') return 1;
    }
    return EXIT_BY_VERDICT[report.verdict];
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

runCli(main);
