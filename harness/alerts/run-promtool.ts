/**
 * Runs Prometheus' own `promtool` (Debian package `prometheus`), so rules are checked and evaluated by the
 * engine that will run them in production. Output is bounded and the process is killed after a deadline.
 */
import { spawn } from 'node:child_process';
import { SoakError } from '../errors.ts';

/** What promtool printed and how it exited. */
export interface PromtoolResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** The promtool executable: $SOAK_PROMTOOL when set, else `promtool` on PATH. */
export function promtoolCommand(): string {
  return process.env.SOAK_PROMTOOL ?? 'promtool';
}

const MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

/**
 * Runs `promtool <args>`; resolves with its exit code and output (a failed test is an exit code, not an
 * error). Throws SOAK_ERR_PROMTOOL when promtool is missing, times out, or prints more than 64 MB.
 */
export function runPromtool(args: readonly string[], options: { timeoutMs?: number; cwd?: string } = {}): Promise<PromtoolResult> {
  const command = promtoolCommand();
  const timeoutMs = options.timeoutMs ?? 120_000;
  return new Promise((resolve, reject) => {
    const child = spawn(command, [...args], { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let bytes = 0;
    let failure: SoakError | undefined;
    const stop = (error: SoakError): void => {
      failure ??= error;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => stop(new SoakError('SOAK_ERR_PROMTOOL', `promtool ${args[0] ?? ''} ${args[1] ?? ''} took longer than ${timeoutMs} ms`)), timeoutMs);
    const collect = (into: Buffer[]) => (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_OUTPUT_BYTES) stop(new SoakError('SOAK_ERR_PROMTOOL', 'promtool printed more than 64 MB; evaluate fewer points'));
      else into.push(chunk);
    };
    child.stdout.on('data', collect(out));
    child.stderr.on('data', collect(err));
    child.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      const message =
        error.code === 'ENOENT'
          ? `promtool not found (${command}): install Prometheus' promtool (Debian/Ubuntu: apt-get install prometheus) or set SOAK_PROMTOOL to its path`
          : `promtool could not be started: ${error.message}`;
      reject(new SoakError('SOAK_ERR_PROMTOOL', message, { cause: error }));
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      if (failure) reject(failure);
      else resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') });
    });
  });
}
