// Spawning the real soak CLI for tests, and checking afterwards that nothing it started survives.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../../..');
const TSX_LOADER = join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs');

/** A running soak CLI with its output collected. */
export interface SoakCli {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns `node --import tsx harness/cli/soak.ts <args>`: what `npm run soak` runs, minus the npm and tsx-CLI processes. */
export function startSoak(args: string[], cwd = REPO): SoakCli {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, join(REPO, 'harness/cli/soak.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once('exit', (code, signal) => done({ code, signal })));
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Parsed lines of an ndjson file. */
export function readNdjson<T = Record<string, unknown>>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
}

/** True while a pid exists (zombies count as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/\) [ZX] /.test(stat);
  } catch {
    return false;
  }
}

/** Resolves once `predicate` holds, polling each `stepMs`, or rejects after `timeoutMs`. */
export async function until(predicate: () => boolean, timeoutMs: number, stepMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, stepMs));
  }
}
