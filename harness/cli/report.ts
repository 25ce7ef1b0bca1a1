/**
 * `npm run report -- <run-dir>`: rebuilds report.json, report.md, report.html and junit.xml of a run directory
 * from its meta.json, samples and events (an interrupted run included), prints the verdict, and exits
 * 0 pass · 1 fail · 3 inconclusive · 2 bad usage or an unreadable run directory.
 */
import { statSync } from 'node:fs';
import { analyzeRun, readRunDir } from '../analysis/index.ts';
import type { ReportData } from '../analysis/index.ts';
import { SoakError } from '../errors.ts';
import { verdictLine, writeReports } from '../report/index.ts';
import { type CliSpec, type OptionTable, parseCli, renderHelp } from './cli-options.ts';
import { runCli } from './run-cli.ts';

const spec = {
  name: 'report',
  summary: 'Rebuild the reports of a run directory from its samples and events (works on interrupted runs).',
  positionals: [{ name: 'run-dir', description: 'a run directory, e.g. reports/steady-20260101T000000Z', required: true }],
  options: {
    'step-summary': {
      type: 'string',
      valueName: '<file>',
      description: 'also append report.md to this file (default: $GITHUB_STEP_SUMMARY when set)',
    },
    'no-step-summary': { type: 'boolean', description: 'do not append to $GITHUB_STEP_SUMMARY even when it is set' },
    quiet: { type: 'boolean', short: 'q', description: 'print only the verdict line' },
  },
} satisfies CliSpec<OptionTable>;

const EXIT_BY_VERDICT: Record<ReportData['verdict'], number> = { pass: 0, fail: 1, inconclusive: 3 };

function requireDirectory(path: string): void {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch (error) {
    throw new SoakError('SOAK_ERR_USAGE', `report: run directory ${path} does not exist or cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  if (!isDirectory) throw new SoakError('SOAK_ERR_USAGE', `report: ${path} is not a directory (pass a run directory, not a file in it)`);
}

async function main(argv: string[]): Promise<number> {
  const { help, options, positionals } = parseCli(spec, argv);
  if (help) {
    process.stdout.write(`${renderHelp(spec)}\n\nExit codes: 0 pass · 1 a budget failed · 2 bad usage or unreadable run directory · 3 inconclusive\n`);
    return 0;
  }
  const runDir = positionals[0] ?? '';
  requireDirectory(runDir);
  let report: ReportData;
  try {
    report = analyzeRun(readRunDir(runDir));
  } catch (error) {
    // An unreadable run directory is bad input (exit 2), not a failed budget (exit 1).
    if (error instanceof SoakError && error.code === 'SOAK_ERR_RUN_DIR') {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const envSummary = process.env.GITHUB_STEP_SUMMARY;
  const stepSummary = options['step-summary'] ?? (options['no-step-summary'] === true || !envSummary ? undefined : envSummary);
  const { files } = await writeReports(runDir, report, stepSummary ? { githubStepSummary: stepSummary } : {});
  process.stdout.write(`${verdictLine(report)}\n`);
  if (options.quiet !== true) {
    for (const check of report.checks.filter((c) => c.status === 'fail' || c.status === 'inconclusive')) {
      process.stdout.write(`  ${check.status.padEnd(12)} ${check.id}: ${check.detail}\n`);
    }
    for (const file of files) process.stdout.write(`  wrote ${file}\n`);
    if (stepSummary) process.stdout.write(`  appended report.md to ${stepSummary}\n`);
  }
  return EXIT_BY_VERDICT[report.verdict];
}

runCli(main);
