/**
 * `npm run doctor -- [--scenario name] [--minutes N] [--tool doctor|heapprofiler|flame] [--out dir]`:
 * runs the built-in collector under clinic while the scenario's mock exchanges feed it, saves clinic's HTML
 * in the run directory, and always also writes Node's own --cpu-prof/--heap-prof profiles there (from a
 * twin collector fed the same stream). Where clinic cannot work it says why and the profiles stand in.
 * Exits 0 when the profiles were written and clinic either wrote its report or was known not to work here;
 * 1 when clinic failed or wrote nothing, or no usable profile was written; 2 on bad usage.
 */
import { CLINIC_TOOLS, describeDoctor, doctorExitCode, runDoctor, type ClinicTool } from '../doctor/index.ts';
import { SoakError } from '../errors.ts';
import { loadScenario } from '../scenario/index.ts';
import { parseCli, renderHelp, type CliSpec, type OptionTable } from './cli-options.ts';
import { runCli } from './run-cli.ts';

const spec = {
  name: 'doctor',
  summary: "Runs the collector under clinic while the mock exchanges feed it; always also writes Node's --cpu-prof/--heap-prof profiles.",
  options: {
    scenario: { type: 'string', valueName: '<name|file>', description: 'scenario feeding the mocks (default smoke)' },
    minutes: { type: 'number', valueName: '<N>', min: 0.05, max: 600, description: "minutes to run (default: the scenario's duration); fractions allowed" },
    tool: { type: 'string', valueName: '<tool>', choices: CLINIC_TOOLS, description: 'clinic tool (default doctor)' },
    out: { type: 'string', valueName: '<dir>', description: 'run directory (default reports/doctor-<scenario>-<timestamp>)' },
  },
} satisfies CliSpec<OptionTable>;

async function main(argv: string[]): Promise<number> {
  const { help, options } = parseCli(spec, argv);
  if (help) {
    process.stdout.write(`${renderHelp(spec)}\n\nExit codes: 0 report and profiles written (or clinic known not to work here, profiles written) · 1 clinic failed or no profile · 2 bad usage\n`);
    return 0;
  }
  const scenario = await loadScenario(options.scenario ?? 'smoke');
  const durationMs = options.minutes === undefined ? scenario.durationMs : Math.round(options.minutes * 60_000);
  const tool = (options.tool ?? 'doctor') as ClinicTool;
  const controller = new AbortController();
  const onSignal = (): void => {
    process.stderr.write('doctor: interrupted; stopping and writing what was collected\n');
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await runDoctor({ scenario, durationMs, tool, out: options.out, signal: controller.signal, onLine: (line) => process.stderr.write(`${line}\n`) });
    for (const line of describeDoctor(result, process.cwd())) process.stdout.write(`${line}\n`);
    return doctorExitCode(result);
  } catch (error) {
    if (error instanceof SoakError) throw error;
    throw new SoakError('SOAK_ERR_TARGET', `doctor: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

runCli(main);
