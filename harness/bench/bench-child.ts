/**
 * Runs one benchmark in its own process (`node --expose-gc --import tsx bench-child.ts <name>`), so each
 * starts from a clean heap and JIT state, can force GCs for its allocation windows, and cannot disturb the
 * next one. Sends `done` with the BenchResult, or `error`, over IPC.
 */
import type { BenchResult } from './bench-result.ts';
import { findBenchmark } from './bench-list.ts';

/** Child → parent. */
export type BenchChildMessage = { type: 'done'; result: BenchResult } | { type: 'error'; message: string };

async function main(): Promise<void> {
  const name = process.argv[2] ?? '';
  const bench = findBenchmark(name);
  if (!bench) throw new Error(`no benchmark named '${name}'`);
  const result = await bench.run();
  process.send?.({ type: 'done', result } satisfies BenchChildMessage);
}

main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies BenchChildMessage);
    process.exitCode = 1;
    process.disconnect?.();
  },
);
