/**
 * Every benchmark of `npm run bench`, listed in one place, in the order they run. Each is loaded only when
 * it runs (in its own child process), so `--only` and `--help` stay fast.
 */
import type { BenchResult } from './bench-result.ts';

/** One benchmark: its name for `--only`, what it measures, and how to run it. */
export interface BenchDefinition {
  name: string;
  title: string;
  /** Too heavy for a plain `npm run bench`: runs only when `--only` names it. */
  optIn?: boolean;
  run(): Promise<BenchResult>;
}

/** The six benchmarks of issue 7, and the opt-in 1 GB heap snapshot one. */
export const BENCHMARKS: readonly BenchDefinition[] = [
  { name: 'order-book', title: 'order book vs ccxt and tardis-dev (1 M changes, ~1,000 levels a side)', run: async () => (await import('./order-book-bench.ts')).runOrderBookBench() },
  { name: 'ingest', title: 'ingest without the socket vs bare JSON.parse', run: async () => (await import('./ingest-bench.ts')).runIngestBench() },
  { name: 'socket-ingest', title: 'ingest over a 127.0.0.1 socket from the mock vs a bare ws client', run: async () => (await import('./socket-ingest-bench.ts')).runSocketIngestBench() },
  { name: 'metrics-load', title: '/metrics and /health under load (autocannon) while ingesting', run: async () => (await import('./metrics-load-bench.ts')).runMetricsLoadBench() },
  { name: 'probe-overhead', title: 'ingest with and without the agent and 1 Hz probes', run: async () => (await import('./probe-overhead-bench.ts')).runProbeOverheadBench() },
  { name: 'heap-snapshot', title: 'heap snapshot parse and three-snapshot diff vs memlab (~150 MB each), two-snapshot diff (~250 MB each)', run: async () => (await import('./heap-snapshot-bench.ts')).runHeapSnapshotBench() },
  // Opt-in (~7 GB of RAM, ~10 min the first time): runs only when named with --only.
  { name: 'heap-snapshot-1g', title: 'heap snapshot > 1 GB and > 2^24 nodes: parse + summary ≤ 45 s, RSS ≤ 2× file', optIn: true, run: async () => (await import('./heap-snapshot-bench.ts')).runLargeHeapSnapshotBench() },
];

/** The benchmark called `name`, or undefined. */
export function findBenchmark(name: string): BenchDefinition | undefined {
  return BENCHMARKS.find((bench) => bench.name === name);
}
