/**
 * Benchmark 6, heap snapshots: soakbook's streaming parser and three-snapshot diff against memlab on the
 * same three ~150 MB snapshots of a collector-like process with a planted leak; then the two-snapshot diff
 * (heapdiff a b, with and without --fast) on two ~250 MB snapshots of a larger run of the same process,
 * against the issue's 8 s / 700 MB and 15 s limits and memlab's nearest equivalent (a full parse of both). The snapshots are generated
 * by a child process into the temp directory (never the repository) and reused by later runs of the same
 * Node version; every job runs in a fresh process so its peak RSS is its own.
 *
 * `heap-snapshot-1g` (opt-in: ~7 GB of RAM and several minutes to generate) parses one snapshot of more
 * than 2^24 nodes and over 1 GB — past where Float32 ids, 2^24-entry Maps or a 512 MB string would break —
 * and checks the issue's limits: ≤ 45 s and peak RSS ≤ 2× the file. Its same-run reference is the same
 * parser on the ~150 MB target snapshot above: CPU time per node must stay flat (no superlinear step).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { freemem, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { BenchComparison, BenchFigure, BenchResult } from './bench-result.ts';
import { benchFile, TSX_LOADER } from './bench-paths.ts';
import { compare, median, target } from './bench-stats.ts';
import type { HeapToolMessage } from './heap-tool-child.ts';
import { IpcChild } from './ipc-child.ts';
import { loadAverageNow, machineInfo } from './machine-info.ts';

/** Size of the benchmark. */
export interface HeapSnapshotBenchOptions {
  /** Price levels in the generated process (420 k gives snapshots of ~135, ~160 and ~170 MB). */
  levels: number;
  parseRepeats: number;
  diffRepeats: number;
  /** Price levels of the two-snapshot jobs' run (700 k: target and final of ~245 and ~257 MB). */
  pairLevels: number;
  /** Runs of each of our two-snapshot jobs (memlab's equivalent runs diffRepeats times). */
  pairRepeats: number;
  /** Where the generated snapshots are kept between runs (default: the temp directory). */
  cacheDir?: string;
}

export const HEAP_SNAPSHOT_BENCH_DEFAULTS: HeapSnapshotBenchOptions = { levels: 420_000, parseRepeats: 2, diffRepeats: 1, pairLevels: 700_000, pairRepeats: 3 };

/** The issue's limits for a two-snapshot diff of two ~250 MB snapshots. */
const PAIR_FAST_WALL_S = 8;
const PAIR_FAST_RSS_MB = 700;
const PAIR_RETAINED_WALL_S = 15;

/** The three generated snapshots. */
export interface SnapshotSet {
  baseline: string;
  target: string;
  final: string;
  bytes: [number, number, number];
  leaked: number;
  reused: boolean;
}

const GENERATOR_VERSION = 1;
type Done = Extract<HeapToolMessage, { type: 'done' }>;

/** Generates (or reuses) the three snapshots; the generator is a child process so this one stays small. */
export async function ensureSnapshots(levels: number, cacheDir?: string): Promise<SnapshotSet> {
  const dir = cacheDir ?? join(tmpdir(), `soakbook-bench-heap-v${GENERATOR_VERSION}-node${process.versions.node}-${levels}`);
  const metaFile = join(dir, 'snapshots.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Omit<SnapshotSet, 'reused'>;
    if ([meta.baseline, meta.target, meta.final].every((file, i) => existsSync(file) && statSync(file).size === meta.bytes[i])) return { ...meta, reused: true };
  }
  mkdirSync(dir, { recursive: true });
  const output = await runGenerator([dir, String(levels)], []);
  const made = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { baseline: string; target: string; final: string; leaked: number };
  const set = { baseline: made.baseline, target: made.target, final: made.final, leaked: made.leaked, bytes: [made.baseline, made.target, made.final].map((f) => statSync(f).size) as [number, number, number] };
  writeFileSync(metaFile, `${JSON.stringify(set, null, 2)}\n`);
  return { ...set, reused: false };
}

/** Runs snapshot-generator-child.ts and returns its stdout (its last line is the JSON of what it wrote). */
function runGenerator(args: string[], execArgv: string[]): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, [...execArgv, '--import', TSX_LOADER, benchFile('snapshot-generator-child.ts'), ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`snapshot generator exited with code ${code}`))));
  });
}

/** Runs one job of heap-tool-child.ts in a fresh process. */
export function runHeapTool(tool: 'ours' | 'memlab', op: 'parse' | 'diff' | 'diff2' | 'diff2-fast', files: string[]): Promise<Done> {
  return IpcChild.run<HeapToolMessage>(benchFile('heap-tool-child.ts'), [tool, op, ...files], 30 * 60_000, ['--max-old-space-size=8192']) as Promise<Done>;
}

function jobComparisons(what: string, ours: Done[], memlab: Done[]): BenchComparison[] {
  const label = 'memlab 2.0.5';
  return [
    compare(`${what}: CPU time`, 's', median(ours.map((d) => d.cpuMs)) / 1000, median(memlab.map((d) => d.cpuMs)) / 1000, label, false),
    compare(`${what}: wall time`, 's', median(ours.map((d) => d.wallMs)) / 1000, median(memlab.map((d) => d.wallMs)) / 1000, label, false),
    compare(`${what}: peak RSS`, 'MB', median(ours.map((d) => d.maxRssBytes)) / 1e6, median(memlab.map((d) => d.maxRssBytes)) / 1e6, label, false),
  ];
}

/** Runs benchmark 6. */
export async function runHeapSnapshotBench(options: HeapSnapshotBenchOptions = HEAP_SNAPSHOT_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const set = await ensureSnapshots(options.levels, options.cacheDir);
  const parseOurs: Done[] = [];
  const parseMemlab: Done[] = [];
  for (let r = 0; r < options.parseRepeats; r++) {
    parseOurs.push(await runHeapTool('ours', 'parse', [set.target]));
    parseMemlab.push(await runHeapTool('memlab', 'parse', [set.target]));
  }
  const diffOurs: Done[] = [];
  const diffMemlab: Done[] = [];
  const files = [set.baseline, set.target, set.final];
  for (let r = 0; r < options.diffRepeats; r++) {
    diffOurs.push(await runHeapTool('ours', 'diff', files));
    diffMemlab.push(await runHeapTool('memlab', 'diff', files));
  }
  // Two-snapshot diff, target → final of the larger run (the leak grows by half in that window).
  const pairSet = await ensureSnapshots(options.pairLevels, options.cacheDir === undefined ? undefined : join(options.cacheDir, 'pair'));
  const pairFiles = [pairSet.target, pairSet.final];
  const pairFast: Done[] = [];
  const pairRetained: Done[] = [];
  const pairMemlab: Done[] = [];
  for (let r = 0; r < options.pairRepeats; r++) {
    pairFast.push(await runHeapTool('ours', 'diff2-fast', pairFiles));
    pairRetained.push(await runHeapTool('ours', 'diff2', pairFiles));
    if (r < options.diffRepeats) pairMemlab.push(await runHeapTool('memlab', 'diff2', pairFiles));
  }
  const comparisons = [
    ...jobComparisons('parse + dominators + retained sizes (target snapshot)', parseOurs, parseMemlab),
    ...jobComparisons('three-snapshot leak diff', diffOurs, diffMemlab),
    ...jobComparisons('two-snapshot diff --fast (vs memlab parsing both)', pairFast, pairMemlab),
    ...jobComparisons('two-snapshot diff with retained sizes (vs memlab parsing both)', pairRetained, pairMemlab),
  ];
  const medianOf = (runs: Done[], pick: (d: Done) => number): number => median(runs.map(pick));
  const fastWallS = medianOf(pairFast, (d) => d.wallMs) / 1000;
  const fastRssMb = medianOf(pairFast, (d) => d.maxRssBytes) / 1e6;
  const retainedWallS = medianOf(pairRetained, (d) => d.wallMs) / 1000;
  const ratio = (metric: string): number => comparisons.find((c) => c.metric === metric)?.ratio ?? NaN;
  const lastOurs = diffOurs.at(-1)?.summary;
  const lastMemlab = diffMemlab.at(-1)?.summary;
  const figures: BenchFigure[] = [
    { label: 'snapshot sizes (baseline / target / final)', value: set.bytes[1] / 1e6, unit: `MB (${set.bytes.map((b) => (b / 1e6).toFixed(0)).join(' / ')})` },
    { label: 'nodes in the target snapshot (ours / memlab)', value: parseOurs[0]?.summary.nodes ?? NaN, unit: `nodes (memlab ${parseMemlab[0]?.summary.nodes ?? '?'})` },
    { label: `planted LeakedSubscription objects found by ours (of ${set.leaked})`, value: lastOurs?.plantedFound ?? NaN, unit: `objects in ${lastOurs?.leakGroups ?? '?'} candidate groups, top: ${lastOurs?.topCandidate || 'none'}` },
    { label: 'memlab leak traces, and how many mention LeakedSubscription', value: lastMemlab?.leakGroups ?? NaN, unit: `traces (${lastMemlab?.plantedFound ?? '?'} mention it)` },
    { label: 'two-snapshot jobs: snapshot sizes (a / b)', value: (pairSet.bytes[1] + pairSet.bytes[2]) / 2e6, unit: `MB mean (${(pairSet.bytes[1] / 1e6).toFixed(0)} / ${(pairSet.bytes[2] / 1e6).toFixed(0)}), ${pairMemlab[0]?.summary.nodes?.toLocaleString('en') ?? '?'} nodes in both (memlab's count)` },
    { label: 'two-snapshot --fast: wall / CPU / peak RSS (median)', value: fastWallS, unit: `s wall, ${(medianOf(pairFast, (d) => d.cpuMs) / 1000).toFixed(1)} s CPU, ${fastRssMb.toFixed(0)} MB` },
    { label: 'two-snapshot with retained sizes: wall / CPU / peak RSS (median)', value: retainedWallS, unit: `s wall, ${(medianOf(pairRetained, (d) => d.cpuMs) / 1000).toFixed(1)} s CPU, ${(medianOf(pairRetained, (d) => d.maxRssBytes) / 1e6).toFixed(0)} MB` },
    { label: 'two-snapshot --fast: planted LeakedSubscription objects in groups (the window adds half of LEAKED_COUNT)', value: pairFast.at(-1)?.summary.plantedFound ?? NaN, unit: `objects, top group: ${pairFast.at(-1)?.summary.topCandidate || 'none'}` },
  ];
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'heap-snapshot',
    title: 'Heap snapshots: soakbook parse/diff vs memlab on three ~150 MB snapshots, two-snapshot diff on two ~250 MB',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: Math.min(options.parseRepeats, options.diffRepeats),
    comparisons,
    figures,
    targets: [
      target('heap-diff-speed', 'three-snapshot diff ≥ 2× faster than memlab (CPU time)', ratio('three-snapshot leak diff: CPU time'), '>=', 2, '×'),
      target('heap-parse-speed', 'parse + retained sizes ≥ 2× faster than memlab (CPU time)', ratio('parse + dominators + retained sizes (target snapshot): CPU time'), '>=', 2, '×'),
      target('heap-diff-memory', 'three-snapshot diff peak RSS no higher than memlab\'s', ratio('three-snapshot leak diff: peak RSS'), '>=', 1, '× lower'),
      target('heap-parse-memory', 'parse peak RSS no higher than memlab\'s', ratio('parse + dominators + retained sizes (target snapshot): peak RSS'), '>=', 1, '× lower'),
      target('heap-diff2-fast-wall', `two ~250 MB snapshots, per-class diff + new-object groups + retainer paths (--fast) ≤ ${PAIR_FAST_WALL_S} s`, fastWallS, '<=', PAIR_FAST_WALL_S, 's'),
      target('heap-diff2-fast-memory', `the same, peak RSS ≤ ${PAIR_FAST_RSS_MB} MB`, fastRssMb, '<=', PAIR_FAST_RSS_MB, 'MB'),
      target('heap-diff2-retained-wall', `the same with dominators and retained sizes ≤ ${PAIR_RETAINED_WALL_S} s`, retainedWallS, '<=', PAIR_RETAINED_WALL_S, 's'),
      target('heap-diff2-retained-memory', 'the same, peak RSS no higher than memlab parsing the two snapshots', ratio('two-snapshot diff with retained sizes (vs memlab parsing both): peak RSS'), '>=', 1, '× lower'),
    ],
    notes: [
      `Snapshots of a collector-like process (200 books of price-level objects; a third replaced between snapshots; ${set.leaked.toLocaleString('en')} LeakedSubscription objects planted between baseline and target), ${set.reused ? 'reused from' : 'generated into'} the temp directory.`,
      `Each job in a fresh process (peak RSS = process.resourceUsage().maxRSS). Parse: ${options.parseRepeats} runs each, diff: ${options.diffRepeats}; medians. memlab with default settings, console silent.`,
      `Two-snapshot jobs: heap-tool-child \`ours diff2-fast|diff2 <target> <final>\` (= npm run heapdiff -- <a> <b> [--fast]) on the ${options.pairLevels.toLocaleString('en')}-level run's target and final, ${options.pairRepeats} runs each; memlab has no two-snapshot diff, its reference is getFullHeapFromFile on both files in turn (${options.diffRepeats} run${options.diffRepeats === 1 ? '' : 's'}), a lower bound for any diff built on it.`,
    ],
  };
}

/** Size of the 1 GB benchmark. */
export interface LargeHeapSnapshotBenchOptions {
  /** Price levels in the generated process (4 M gives one ~1.4 GB snapshot of ~18.4 M nodes). */
  levels: number;
  repeats: number;
  cacheDir?: string;
}

export const LARGE_HEAP_SNAPSHOT_BENCH_DEFAULTS: LargeHeapSnapshotBenchOptions = { levels: 4_000_000, repeats: 3 };

/** The generator's peak RSS for the default size was 6.7 GB: refuse rather than push a shared machine into OOM. */
const LARGE_GENERATOR_FREE_BYTES = 8 * 2 ** 30;
/** Node counts past this are where Float32 indices and 2^24-entry Maps stop working. */
const TWO_POW_24 = 2 ** 24;

/** One generated large snapshot. */
export interface LargeSnapshot {
  file: string;
  bytes: number;
  reused: boolean;
  generateMs: number;
}

/** Generates (or reuses) the large snapshot in the temp directory. */
export async function ensureLargeSnapshot(levels: number, cacheDir?: string): Promise<LargeSnapshot> {
  const dir = cacheDir ?? join(tmpdir(), `soakbook-bench-heap1g-v${GENERATOR_VERSION}-node${process.versions.node}-${levels}`);
  const metaFile = join(dir, 'snapshot.json');
  if (existsSync(metaFile)) {
    const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as { file: string; bytes: number };
    if (existsSync(meta.file) && statSync(meta.file).size === meta.bytes) return { ...meta, reused: true, generateMs: 0 };
  }
  if (freemem() < LARGE_GENERATOR_FREE_BYTES) {
    throw new Error(`heap-snapshot-1g: generating the snapshot needs ~7 GB of free memory, ${(freemem() / 2 ** 30).toFixed(1)} GiB free`);
  }
  mkdirSync(dir, { recursive: true });
  const t0 = performance.now();
  const output = await runGenerator([dir, String(levels), 'one'], ['--max-old-space-size=16384']);
  const made = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { file: string };
  const meta = { file: made.file, bytes: statSync(made.file).size };
  writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  return { ...meta, reused: false, generateMs: performance.now() - t0 };
}

/** Runs the 1 GB benchmark: parse + summary of one snapshot of more than 2^24 nodes, against the ~150 MB one. */
export async function runLargeHeapSnapshotBench(options: LargeHeapSnapshotBenchOptions = LARGE_HEAP_SNAPSHOT_BENCH_DEFAULTS): Promise<BenchResult> {
  const startedAt = new Date();
  const machine = machineInfo();
  const t0 = performance.now();
  const large = await ensureLargeSnapshot(options.levels, options.cacheDir);
  const reference = await ensureSnapshots(HEAP_SNAPSHOT_BENCH_DEFAULTS.levels);
  const ours: Done[] = [];
  const small: Done[] = [];
  for (let r = 0; r < options.repeats; r++) {
    ours.push(await runHeapTool('ours', 'parse', [large.file]));
    small.push(await runHeapTool('ours', 'parse', [reference.target]));
  }
  const nodes = ours[0]?.summary.nodes ?? NaN;
  const smallNodes = small[0]?.summary.nodes ?? NaN;
  const wallS = median(ours.map((d) => d.wallMs)) / 1000;
  const cpuS = median(ours.map((d) => d.cpuMs)) / 1000;
  const rssBytes = median(ours.map((d) => d.maxRssBytes));
  const perMillion = (runs: Done[], count: number): number => median(runs.map((d) => d.cpuMs)) / 1000 / (count / 1e6);
  const comparisons = [compare('CPU time per million nodes (parse + dominators + retained sizes + populations)', 's', perMillion(ours, nodes), perMillion(small, smallNodes), `same parser, ${(reference.bytes[1] / 1e6).toFixed(0)} MB snapshot`, false)];
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'heap-snapshot-1g',
    title: 'Heap snapshots: parse and summarise one > 1 GB snapshot of > 2^24 nodes',
    machine,
    startedAt: startedAt.toISOString(),
    durationMs: performance.now() - t0,
    repeats: options.repeats,
    comparisons,
    figures: [
      { label: 'snapshot size', value: large.bytes / 1e6, unit: 'MB' },
      { label: 'nodes in the snapshot', value: nodes, unit: 'nodes' },
      { label: 'wall time, parse + summary (median)', value: wallS, unit: 's' },
      { label: 'CPU time, parse + summary (median)', value: cpuS, unit: 's' },
      { label: 'peak RSS (median)', value: rssBytes / 1e6, unit: 'MB' },
      { label: 'peak RSS / file size', value: rssBytes / large.bytes, unit: '×' },
    ],
    targets: [
      target('heap-1g-nodes', 'the snapshot has more than 2^24 (16.7 M) nodes', nodes, '>=', TWO_POW_24 + 1, 'nodes'),
      target('heap-1g-wall', '1 GB snapshot parsed (with dominators and retained sizes) in ≤ 45 s', wallS, '<=', 45, 's'),
      target('heap-1g-memory', 'peak RSS ≤ 2× the file size', rssBytes / large.bytes, '<=', 2, '×'),
      target('heap-1g-linear', 'CPU per node within 1.5× of the ~150 MB snapshot\'s (no superlinear step past 2^24)', comparisons[0]?.ratio ?? NaN, '>=', 1 / 1.5, '×'),
    ],
    notes: [
      `One snapshot of a collector-like process (200 books, ${options.levels.toLocaleString('en')} price levels, a trades window per book, 50,000 planted LeakedSubscription objects), ${large.reused ? 'reused from' : `generated in ${(large.generateMs / 1000).toFixed(0)} s into`} the temp directory; delete it with \`rm -r ${dirname(large.file)}\`.`,
      `Each job in a fresh process (heap-tool-child.ts \`ours parse\`: parseHeapSnapshot + summarizeHeapSnapshot; peak RSS = process.resourceUsage().maxRSS), ${options.repeats} runs each, medians. Wall time follows the machine's load; CPU time is the steadier figure.`,
    ],
  };
}
