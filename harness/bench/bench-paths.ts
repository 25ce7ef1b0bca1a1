/**
 * Where the benchmarks find things: the repository root, tsx's loader (children run TypeScript directly)
 * and the bench child entry. Absolute, so a benchmark works from any working directory.
 */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

/** The repository root (where package.json lives). */
export const BENCH_REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** tsx's ESM loader, for `node --import <loader> file.ts`. */
export const TSX_LOADER = join(BENCH_REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** A file beside this one, as an absolute path. */
export function benchFile(name: string): string {
  return fileURLToPath(new URL(`./${name}`, import.meta.url));
}

/** Where `npm run bench` writes its reports. */
export const BENCH_REPORT_DIR = join(BENCH_REPO_ROOT, 'reports', 'bench');
