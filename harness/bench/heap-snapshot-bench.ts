/**
 * Benchmark 6, heap snapshots: soakbook's streaming parser and three-snapshot diff against memlab on the
 * same three ~150 MB snapshots of a collector-like process with a planted leak. The snapshots are generated
 * by a child process into the temp directory (never the repository) and reused by later runs of the same
 * Node version; every job runs in a fresh process so its peak RSS is its own.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
  /** Where the generated snapshots are kept between runs (default: the temp directory). */
  cacheDir?: string;
}

export const HEAP_SNAPSHOT_BENCH_DEFAULTS: HeapSnapshotBenchOptions = { levels: 420_000, parseRepeats: 2, diffRepeats: 1 };

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
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX_LOADER, benchFile('snapshot-generator-child.ts'), dir, String(levels)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`snapshot generator exited with code ${code}`))));
  });
  const made = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as { baseline: string; target: string; final: string; leaked: number };
  const set = { baseline: made.baseline, target: made.target, final: made.final, leaked: made.leaked, bytes: [made.baseline, made.target, made.final].map((f) => statSync(f).size) as [number, number, number] };
  writeFileSync(metaFile, `${JSON.stringify(set, null, 2)}\n`);
  return { ...set, reused: false };
}

/** Runs one job of heap-tool-child.ts in a fresh process. */
export function runHeapTool(tool: 'ours' | 'memlab', op: 'parse' | 'diff', files: string[]): Promise<Done> {
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
  const comparisons = [...jobComparisons('parse + dominators + retained sizes (target snapshot)', parseOurs, parseMemlab), ...jobComparisons('three-snapshot leak diff', diffOurs, diffMemlab)];
  const ratio = (metric: string): number => comparisons.find((c) => c.metric === metric)?.ratio ?? NaN;
  const lastOurs = diffOurs.at(-1)?.summary;
  const lastMemlab = diffMemlab.at(-1)?.summary;
  const figures: BenchFigure[] = [
    { label: 'snapshot sizes (baseline / target / final)', value: set.bytes[1] / 1e6, unit: `MB (${set.bytes.map((b) => (b / 1e6).toFixed(0)).join(' / ')})` },
    { label: 'nodes in the target snapshot (ours / memlab)', value: parseOurs[0]?.summary.nodes ?? NaN, unit: `nodes (memlab ${parseMemlab[0]?.summary.nodes ?? '?'})` },
    { label: `planted LeakedSubscription objects found by ours (of ${set.leaked})`, value: lastOurs?.plantedFound ?? NaN, unit: `objects in ${lastOurs?.leakGroups ?? '?'} candidate groups, top: ${lastOurs?.topCandidate || 'none'}` },
    { label: 'memlab leak traces, and how many mention LeakedSubscription', value: lastMemlab?.leakGroups ?? NaN, unit: `traces (${lastMemlab?.plantedFound ?? '?'} mention it)` },
  ];
  machine.loadAvgEnd = loadAverageNow();
  return {
    name: 'heap-snapshot',
    title: 'Heap snapshots: soakbook parse/diff vs memlab on three ~150 MB snapshots',
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
    ],
    notes: [
      `Snapshots of a collector-like process (200 books of price-level objects; a third replaced between snapshots; ${set.leaked.toLocaleString('en')} LeakedSubscription objects planted between baseline and target), ${set.reused ? 'reused from' : 'generated into'} the temp directory.`,
      `Each job in a fresh process (peak RSS = process.resourceUsage().maxRSS). Parse: ${options.parseRepeats} runs each, diff: ${options.diffRepeats}; medians. memlab with default settings, console silent.`,
    ],
  };
}
