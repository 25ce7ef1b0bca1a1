/**
 * The target in its own process group: started with the target-contract environment, its output kept
 * in target.log (bounded) and its last stderr lines in memory, stopped with SIGTERM then SIGKILL to the
 * whole group so no grandchild survives. A target that exits on its own is a finding, not an error.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { SoakError } from '../errors.ts';

// Enough to see a stack trace; the full output is in target.log.
const STDERR_LINES_KEPT = 40;
const LOG_LIMIT_BYTES = 64 * 1024 * 1024;

/** Live (non-zombie) processes whose process group is `pgid`, from /proc. */
export function groupMembers(pgid: number): number[] {
  const members: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // exited while we listed /proc
    }
    // After "(comm) ": state, ppid, pgrp.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (Number(fields[2]) === pgid && fields[0] !== 'Z' && fields[0] !== 'X') members.push(Number(entry));
  }
  return members;
}

/** How the target ended. */
export interface TargetExit {
  code: number | null;
  signal: string | null;
  lastStderr: string[];
}

/** What to run. */
export interface TargetSpec {
  /** argv[0] and arguments, run directly; or a shell command line run with `sh -c`. */
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
}

/** A running target. */
export class TargetProcess {
  readonly pid: number;
  /** Resolves when the target's main process has exited. */
  readonly exited: Promise<TargetExit>;
  #log: WriteStream;
  #logBytes = 0;
  #stderrTail: string[] = [];
  #partial = '';
  #exit: TargetExit | undefined;

  // The child is not kept: the group is signalled by pid, and its streams and exit are wired here.
  private constructor(child: ChildProcess, log: WriteStream) {
    this.#log = log;
    // A log that cannot be written (disk full, directory removed) must never take the runner down: the
    // stderr tail still reaches the report, and the failure is said once in the tail itself.
    log.on('error', (error) => {
      if (this.#logBytes < LOG_LIMIT_BYTES) this.#pushLine(`[soakbook: target.log not written: ${error.message}]`);
      this.#logBytes = LOG_LIMIT_BYTES;
    });
    this.pid = child.pid ?? -1;
    child.stdout?.on('data', (chunk: Buffer) => this.#writeLog(chunk));
    child.stderr?.on('data', (chunk: Buffer) => {
      this.#writeLog(chunk);
      this.#keepTail(chunk.toString('utf8'));
    });
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        if (this.#partial.trim() !== '') this.#pushLine(this.#partial);
        this.#exit = { code, signal, lastStderr: [...this.#stderrTail] };
        resolve(this.#exit);
      });
    });
  }

  /** Spawns the target detached (its own process group); throws SOAK_ERR_TARGET when it cannot start. */
  static async start(spec: TargetSpec): Promise<TargetProcess> {
    const child = spawn(spec.command, spec.args, { cwd: spec.cwd, env: spec.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', (error) => reject(new SoakError('SOAK_ERR_TARGET', `cannot start target '${spec.command}': ${error.message}`, { cause: error })));
    });
    // Opened once the target runs; its pipes hold output until the listeners are attached.
    return new TargetProcess(child, createWriteStream(spec.logFile, { flags: 'a' }));
  }

  /** The exit, once the target has exited. */
  get exit(): TargetExit | undefined {
    return this.#exit;
  }

  #writeLog(chunk: Buffer): void {
    if (this.#logBytes >= LOG_LIMIT_BYTES) return;
    this.#logBytes += chunk.length;
    this.#log.write(this.#logBytes >= LOG_LIMIT_BYTES ? `${chunk.toString('utf8')}\n[soakbook: target.log truncated at ${LOG_LIMIT_BYTES} bytes]\n` : chunk);
  }

  #keepTail(text: string): void {
    const lines = (this.#partial + text).split('\n');
    this.#partial = lines.pop() ?? '';
    for (const line of lines) this.#pushLine(line);
  }

  #pushLine(line: string): void {
    this.#stderrTail.push(line.length > 500 ? `${line.slice(0, 500)}…` : line);
    if (this.#stderrTail.length > STDERR_LINES_KEPT) this.#stderrTail.shift();
  }

  #signalGroup(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      // ESRCH: the whole group is gone already, which is what we want.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }

  /**
   * Stops the target: SIGTERM to the group, SIGKILL after `graceMs`, and a final SIGKILL to the group
   * in case a grandchild outlived the main process. Resolves with how the main process ended.
   */
  async stop(graceMs: number): Promise<TargetExit> {
    this.#signalGroup('SIGTERM');
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), graceMs);
    });
    const first = await Promise.race([this.exited, timedOut]);
    clearTimeout(timer);
    this.#signalGroup('SIGKILL');
    const exit = first === 'timeout' ? await this.exited : first;
    await this.#groupGone(2000);
    await new Promise<void>((resolve) => this.#log.end(resolve));
    return exit;
  }

  /** Waits (bounded) until no live process is left in the target's process group. */
  async #groupGone(timeoutMs: number): Promise<void> {
    const deadline = performance.now() + timeoutMs;
    while (groupMembers(this.pid).length > 0 && performance.now() < deadline) {
      this.#signalGroup('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  /** Last-resort synchronous kill of the whole group (process 'exit' handler). */
  killNow(): void {
    try {
      process.kill(-this.pid, 'SIGKILL');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}
