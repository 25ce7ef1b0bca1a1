/**
 * `npm run heapdiff -- <a> <b> [<c>] [--json] [--top N] [--show-strings] [--fast]`: diffs two heap snapshots
 * (what grew, by constructor, and the new objects of growing populations with their retainer paths) or three
 * (baseline, target, final: growers and leak candidates with their retainer paths). With two, --fast skips
 * the dominator trees: retained sizes are printed as null/—, about half the time and memory. Snapshots are parsed one at a time, streaming, so files of several GB work. String contents
 * (Map keys in paths) are hidden unless --show-strings: snapshots hold the process's memory, secrets too.
 * Exits 0 when the diff was printed · 2 bad usage or a file that is not a readable heap snapshot.
 */
import { statSync } from 'node:fs';
import { diffSnapshotFiles, diffTwoSnapshotFiles, formatHeapDiff } from '../analysis/heap/index.ts';
import { SoakError } from '../errors.ts';
import { type CliSpec, type OptionTable, parseCli, renderHelp } from './cli-options.ts';
import { runCli } from './run-cli.ts';

const spec = {
  name: 'heapdiff',
  summary:
    'Diff 2 heap snapshots (growth by constructor, new objects of growing populations and who holds them) or 3 (baseline, target, final: growth and leak candidates with retainer paths).',
  positionals: [
    { name: 'a.heapsnapshot', description: 'the first (baseline) snapshot', required: true },
    { name: 'b.heapsnapshot', description: 'the second snapshot (the target, when three are given)', required: true },
    { name: 'c.heapsnapshot', description: 'the final snapshot: leak candidates are objects of the a→b window alive here', required: false },
  ],
  options: {
    json: { type: 'boolean', description: 'print {growers, leakCandidates} as JSON instead of tables' },
    top: { type: 'number', valueName: '<N>', min: 1, max: 10_000, description: 'growers and leak candidates to list (default 20)' },
    'show-strings': { type: 'boolean', description: 'print string contents (Map keys) in retainer paths; they may be secrets' },
    fast: {
      type: 'boolean',
      description: 'two snapshots only: skip dominator trees; retained sizes print as — (null in --json), counts, self sizes, groups and paths are unchanged',
    },
  },
} satisfies CliSpec<OptionTable>;

function requireFile(path: string): void {
  let isFile = false;
  try {
    isFile = statSync(path).isFile();
  } catch (error) {
    throw new SoakError('SOAK_ERR_USAGE', `heapdiff: ${path} does not exist or cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
  }
  if (!isFile) throw new SoakError('SOAK_ERR_USAGE', `heapdiff: ${path} is not a file`);
}

async function main(argv: string[]): Promise<number> {
  const { help, options, positionals } = parseCli(spec, argv);
  if (help) {
    process.stdout.write(`${renderHelp(spec)}\n\nExit codes: 0 diff printed · 2 bad usage or not a readable heap snapshot\n`);
    return 0;
  }
  const [first, second, third] = positionals as [string, string, string | undefined];
  if (options.fast === true && third !== undefined) throw new SoakError('SOAK_ERR_USAGE', 'heapdiff: --fast is for two snapshots (the three-snapshot diff needs the final snapshot\'s dominator tree)');
  for (const path of positionals) requireFile(path);
  const top = options.top === undefined ? undefined : Math.floor(options.top);
  const common = { top, maxCandidates: top, showStrings: options['show-strings'] === true };
  let diff;
  try {
    diff = third === undefined ? await diffTwoSnapshotFiles(first, second, { ...common, retained: options.fast !== true }) : await diffSnapshotFiles(positionals, common);
  } catch (error) {
    // A file that is not a heap snapshot is bad input (exit 2), like an unreadable run directory for `report`.
    if (error instanceof SoakError && error.code === 'SOAK_ERR_HEAP_SNAPSHOT') {
      process.stderr.write(`error ${error.code}: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (options.json === true) process.stdout.write(`${JSON.stringify({ growers: diff.growers, leakCandidates: diff.leakCandidates }, null, 2)}\n`);
  else process.stdout.write(`${formatHeapDiff(diff, third === undefined ? 2 : 3)}\n`);
  return 0;
}

runCli(main);
