/**
 * `npm run bench -- [--only <name[,name]>] [--out <dir>] [--list]`: runs the benchmarks (each in its own
 * child process with --expose-gc), prints each result as Markdown as it finishes, and writes
 * `reports/bench/<UTC timestamp>.json` and `.md`. Exits 0 when every benchmark ran (unmet targets are
 * reported, not failures), 1 when one could not run, 2 on bad usage. Never part of `npm test`.
 */
import { resolve } from 'node:path';
import { parseCli, renderHelp, type CliSpec, type OptionTable } from '../cli/cli-options.ts';
import { runCli } from '../cli/run-cli.ts';
import { SoakError } from '../errors.ts';
import type { BenchChildMessage } from './bench-child.ts';
import { benchFile, BENCH_REPORT_DIR } from './bench-paths.ts';
import type { BenchFailure, BenchReport, BenchResult } from './bench-result.ts';
import { BENCHMARKS, type BenchDefinition } from './bench-list.ts';
import { IpcChild } from './ipc-child.ts';
import { describeMachine, loadAverageNow, machineInfo } from './machine-info.ts';
import { renderResult, renderTargetSummary } from './render-bench-markdown.ts';
import { writeBenchReport } from './write-bench-report.ts';

const spec = {
  name: 'bench',
  summary: 'Benchmarks ours against a reference measured in the same run and prints every ratio; writes reports/bench/<timestamp>.json and .md.',
  options: {
    only: { type: 'string', valueName: '<name[,name]>', description: `run only these (${BENCHMARKS.map((b) => b.name).join(', ')})` },
    out: { type: 'string', valueName: '<dir>', description: 'report directory (default reports/bench)' },
    list: { type: 'boolean', description: 'list the benchmarks and exit' },
  },
} satisfies CliSpec<OptionTable>;

/** One benchmark's child run may take a while on a loaded 2-core machine (the heap one generates ~450 MB). */
const BENCH_TIMEOUT_MS = 30 * 60_000;

/** The benchmarks `--only` names, in the listed order; throws SOAK_ERR_USAGE for an unknown name. */
export function selectBenchmarks(only: string | undefined): BenchDefinition[] {
  if (only === undefined) return BENCHMARKS.filter((bench) => bench.optIn !== true);
  const names = only.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.find((name) => !BENCHMARKS.some((bench) => bench.name === name));
  if (unknown !== undefined || names.length === 0) {
    throw new SoakError('SOAK_ERR_USAGE', `bench: --only ${unknown === undefined ? 'needs a name' : `'${unknown}' is not a benchmark`} (one of ${BENCHMARKS.map((b) => b.name).join(', ')})`);
  }
  return BENCHMARKS.filter((bench) => names.includes(bench.name));
}

/** Runs one benchmark in its child; a failure is returned, not thrown. */
async function runOne(bench: BenchDefinition): Promise<BenchResult | BenchFailure> {
  try {
    const done = await IpcChild.run<BenchChildMessage>(benchFile('bench-child.ts'), [bench.name], BENCH_TIMEOUT_MS, ['--expose-gc'], false);
    return done.result;
  } catch (error) {
    return { name: bench.name, title: bench.title, error: error instanceof Error ? error.message : String(error) };
  }
}

async function main(argv: string[]): Promise<number> {
  const { help, options } = parseCli(spec, argv);
  if (help) {
    process.stdout.write(`${renderHelp(spec)}\n\nExit codes: 0 every benchmark ran (targets met or not) · 1 a benchmark could not run · 2 bad usage\n`);
    return 0;
  }
  if (options.list === true) {
    for (const bench of BENCHMARKS) process.stdout.write(`${bench.name.padEnd(16)} ${bench.title}${bench.optIn === true ? ' (opt-in: --only)' : ''}\n`);
    return 0;
  }
  const selected = selectBenchmarks(options.only);
  const outDir = options.out === undefined ? BENCH_REPORT_DIR : resolve(options.out);
  const machine = machineInfo();
  const startedAt = new Date().toISOString();
  process.stdout.write(`soakbook benchmarks on ${describeMachine(machine)}\n\n`);
  if (machine.loadAvgStart > machine.cores) {
    process.stderr.write(`bench: load average ${machine.loadAvgStart} is above ${machine.cores} cores: absolute figures will be low and noisy (ratios and per-CPU-second rates hold better)\n`);
  }
  const results: BenchResult[] = [];
  const failures: BenchFailure[] = [];
  for (const bench of selected) {
    process.stderr.write(`bench: running ${bench.name} (${bench.title}) …\n`);
    const outcome = await runOne(bench);
    if ('error' in outcome) {
      failures.push(outcome);
      process.stdout.write(`### ${bench.name}: could not run: ${outcome.error}\n\n`);
    } else {
      results.push(outcome);
      process.stdout.write(`${renderResult(outcome)}\n\n`);
    }
  }
  machine.loadAvgEnd = loadAverageNow();
  const command = `npm run bench${argv.length > 0 ? ` -- ${argv.join(' ')}` : ''}`;
  const report: BenchReport = { schemaVersion: 1, command, startedAt, machine, results, failures };
  const files = writeBenchReport(report, outDir);
  process.stdout.write(`## Targets\n\n${renderTargetSummary(results, failures)}\n\nWritten: ${files.json}\n         ${files.markdown}\n`);
  return failures.length > 0 ? 1 : 0;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === benchFile('main.ts')) runCli(main);
