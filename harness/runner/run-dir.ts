/**
 * The run directory: `reports/<scenario>-<UTC timestamp>/` (or --out), meta.json written first and
 * rewritten atomically when the run ends, samples and events streamed beside it, snapshots/ for heap snapshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RunMeta } from '../analysis/index.ts';
import { SoakError } from '../errors.ts';

/** The repository root (where package.json lives). */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** `20261122T023100Z` for a Date. */
export function utcStamp(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

/** Creates the run directory (with snapshots/); refuses a non-empty --out so no run overwrites another. */
export function createRunDir(scenario: string, out: string | undefined, now: Date): string {
  const dir = out ? resolve(out) : join(REPO_ROOT, 'reports', `${scenario}-${utcStamp(now)}`);
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new SoakError('SOAK_ERR_USAGE', `soak: --out ${dir} is not empty (each run needs its own directory)`);
  }
  try {
    mkdirSync(join(dir, 'snapshots'), { recursive: true });
  } catch (error) {
    throw new SoakError('SOAK_ERR_RUN_DIR', `cannot create run directory ${dir}: ${(error as Error).message}`, { cause: error });
  }
  return dir;
}

/** Writes meta.json atomically (temporary file, then rename). */
export function writeMeta(dir: string, meta: RunMeta & { endedAt?: string; stopReason?: string }): void {
  const path = join(dir, 'meta.json');
  writeFileSync(`${path}.tmp`, `${JSON.stringify(meta, null, 2)}\n`);
  renameSync(`${path}.tmp`, path);
}

/** The git sha of the checkout, or `unknown` outside a git checkout. */
export function gitSha(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  } catch {
    // Not a git checkout (a tarball install): the report says so instead of failing the run.
    return 'unknown';
  }
}

/** soakbook's version from package.json. */
export function soakbookVersion(): string {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version?: string };
  return pkg.version ?? '0.0.0';
}

/** CPU model, cores and memory of this host. */
export function hostInfo(): RunMeta['host'] {
  const list = cpus();
  return { cpu: list[0]?.model ?? 'unknown', cores: list.length, memBytes: totalmem() };
}
