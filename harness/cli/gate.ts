/**
 * `npm run gate -- <run-dir> --baseline reports/baselines/<scenario>.json [--update-baseline]`: fails CI when a
 * run's growth rates, GC p95 or peak sockets regressed against the baseline beyond noise.
 * Exit 0 pass (or baseline written), 1 regression, 2 usage or baseline error.
 */
import { runGate } from '../gate/index.ts';
import { parseCli, renderHelp } from './cli-options.ts';
import type { CliSpec, OptionTable } from './cli-options.ts';
import { SoakError } from '../errors.ts';
import { runCli } from './run-cli.ts';

const spec = {
  name: 'gate',
  summary:
    'Compare a run with its baseline: per metric Δ = b_run − b_base, SE_Δ = √(SE_run² + SE_base² + τ²); regression when Δ − 2.33·SE_Δ > the metric\'s floor. ' +
    'Exit 0 pass, 1 regression, 2 usage. With --update-baseline the run is appended to the baseline (created if missing) and the gate exits 0.',
  positionals: [{ name: 'run-dir', description: 'a run directory (reports/<scenario>-<timestamp>/)', required: true }],
  options: {
    baseline: { type: 'string', valueName: '<file>', description: 'baseline history, e.g. reports/baselines/<scenario>.json' },
    'update-baseline': { type: 'boolean', description: 'append this run to the baseline (create it if missing) and exit 0' },
    keep: { type: 'number', valueName: '<n>', description: 'runs the baseline keeps (default 10)', min: 1, max: 1000 },
  },
} satisfies CliSpec<OptionTable>;

runCli(async (argv) => {
  const parsed = parseCli(spec, argv);
  if (parsed.help) {
    process.stdout.write(`${renderHelp(spec)}\n`);
    return 0;
  }
  const baselinePath = parsed.options.baseline;
  if (!baselinePath) throw new SoakError('SOAK_ERR_USAGE', 'gate: --baseline <file> is required (see --help)');
  const outcome = runGate({
    runDir: parsed.positionals[0] as string,
    baselinePath,
    updateBaseline: parsed.options['update-baseline'] === true,
    ...(parsed.options.keep !== undefined ? { keep: Math.floor(parsed.options.keep) } : {}),
  });
  process.stdout.write(outcome.text);
  return outcome.status === 'regression' && !outcome.baselineUpdated ? 1 : 0;
});
