/**
 * Runs one heap-snapshot job in a fresh process, so its time, CPU and PEAK memory are its own:
 * `ours|memlab parse <file>` (parse plus dominators and retained sizes: soakbook's parseHeapSnapshot +
 * summarizeHeapSnapshot, memlab's getFullHeapFromFile), `ours|memlab diff <baseline> <target> <final>`
 * (leak candidates: soakbook's diffSnapshotFiles, memlab's findLeaksBySnapshotFilePaths), or
 * `ours diff2|diff2-fast <a> <b>` (soakbook's diffTwoSnapshotFiles with / without retained sizes) and
 * `memlab diff2 <a> <b>` (memlab has no two-snapshot diff: its nearest equivalent, a full parse of both,
 * one after the other, a lower bound of what any diff built on it costs). Reports over IPC.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diffSnapshotFiles, diffTwoSnapshotFiles, parseHeapSnapshot, summarizeHeapSnapshot } from '../analysis/heap/index.ts';
import { startSpan } from './cpu-timer.ts';

/** Child → parent. */
export type HeapToolMessage =
  | { type: 'done'; wallMs: number; cpuMs: number; maxRssBytes: number; summary: HeapToolSummary }
  | { type: 'error'; message: string };

/** What the job found, to check both tools looked at the same thing. */
export interface HeapToolSummary {
  nodes?: number;
  /** Classes (constructors) aggregated by a parse. */
  classes?: number;
  /** Leak groups found and the objects in them, and how many of them were the planted class. */
  leakGroups?: number;
  plantedFound?: number;
  topCandidate?: string;
}

/** The class the snapshot generator plants (see snapshot-generator-child.ts). */
const PLANTED = 'LeakedSubscription';

async function ours(op: string, files: string[]): Promise<HeapToolSummary> {
  if (op === 'parse') {
    const snapshot = await parseHeapSnapshot(files[0] as string);
    const summary = summarizeHeapSnapshot(snapshot);
    return { nodes: snapshot.nodeCount, classes: summary.aggregates?.length ?? 0 };
  }
  const diff =
    op === 'diff' ? await diffSnapshotFiles(files) : await diffTwoSnapshotFiles(files[0] as string, files[1] as string, { retained: op === 'diff2' });
  const planted = diff.leakCandidates.filter((c) => c.constructor === PLANTED).reduce((n, c) => n + c.count, 0);
  return { leakGroups: diff.leakCandidates.length, plantedFound: planted, topCandidate: diff.leakCandidates[0]?.constructor ?? '' };
}

async function memlab(op: string, files: string[]): Promise<HeapToolSummary> {
  // Loaded only here: memlab is a large dependency tree.
  const api = await import('@memlab/api');
  if (op === 'parse') {
    const heap = await api.getFullHeapFromFile(files[0] as string);
    return { nodes: heap.nodes.length };
  }
  if (op === 'diff2') {
    // One heap at a time, as ours does: the first is dropped before the second is read.
    let nodes = (await api.getFullHeapFromFile(files[0] as string)).nodes.length;
    nodes += (await api.getFullHeapFromFile(files[1] as string)).nodes.length;
    return { nodes };
  }
  const workDir = mkdtempSync(join(tmpdir(), 'soakbook-bench-memlab-'));
  try {
    const [baseline, target, final] = files as [string, string, string];
    const leaks = await api.findLeaksBySnapshotFilePaths(baseline, target, final, { workDir, consoleMode: api.ConsoleMode.SILENT });
    const text = JSON.stringify(leaks);
    const planted = text.split(PLANTED).length - 1;
    return { leakGroups: leaks.length, plantedFound: planted };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const [tool, op, ...files] = process.argv.slice(2);
  const fileCount: Record<string, number> = { parse: 1, diff: 3, diff2: 2, 'diff2-fast': 2 };
  if ((tool !== 'ours' && tool !== 'memlab') || files.length !== fileCount[op ?? ''] || (tool === 'memlab' && op === 'diff2-fast')) {
    throw new Error('usage: heap-tool-child <ours|memlab> <parse <file>|diff <baseline> <target> <final>|diff2 <a> <b>|diff2-fast <a> <b> (ours only)>');
  }
  const span = startSpan();
  const summary = tool === 'ours' ? await ours(op as string, files) : await memlab(op as string, files);
  const { wallMs, cpuMs } = span.stop();
  // resourceUsage().maxRSS is in KiB: the peak over the whole process life, parse and all.
  process.send?.({ type: 'done', wallMs, cpuMs, maxRssBytes: process.resourceUsage().maxRSS * 1024, summary } satisfies HeapToolMessage);
}

main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies HeapToolMessage);
    process.exitCode = 1;
    process.disconnect?.();
  },
);
