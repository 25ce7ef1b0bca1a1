/**
 * clinic running the target: `node <clinic>/bin.js <tool> --open=false --dest <dir> -- node --import tsx
 * src/cli/main.ts`, in its own process group with its output in a log file. It is stopped the way a person
 * stops it, Ctrl+C: SIGINT to the group, after which clinic waits for the target to exit, analyses and writes
 * its HTML; only if that takes too long is the group killed. NO_INSIGHT and NO_UPDATE_NOTIFIER are set:
 * without them clinic 13 asks about telemetry and, non-interactive, exits 0 having written nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ClinicTool } from './clinic-support.ts';

/** How clinic ended. */
export interface ClinicExit {
  code: number | null;
  signal: string | null;
  /** True when it had to be killed after the analysis grace. */
  killed: boolean;
  lastOutput: string[];
}

const OUTPUT_LINES_KEPT = 20;
// clinic draws its progress with ANSI escape sequences (ESC [ … letter); the kept lines drop them.
const ANSI_ESCAPE = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*[A-Za-z]`, 'g');

/** The clinic CLI shipped in node_modules, or undefined when clinic is not installed. */
export function clinicBin(repoRoot: string): string | undefined {
  const bin = join(repoRoot, 'node_modules', 'clinic', 'bin.js');
  return existsSync(bin) ? bin : undefined;
}

/** A running clinic with its target. */
export class ClinicProcess {
  readonly pid: number;
  readonly exited: Promise<ClinicExit>;
  #tail: string[] = [];
  #killed = false;

  private constructor(child: ChildProcess, logFile: string) {
    this.pid = child.pid ?? -1;
    const log = createWriteStream(logFile);
    let logWritable = true;
    // An unwritable log must not crash the doctor: clinic's output still reaches the tail kept for the summary.
    log.on('error', (error) => {
      if (logWritable) this.#tail.push(`[soakbook: clinic log not written: ${error.message}]`);
      logWritable = false;
    });
    const keep = (chunk: Buffer): void => {
      if (logWritable) log.write(chunk);
      for (const line of chunk.toString('utf8').replace(ANSI_ESCAPE, '').split(/\r?\n/)) {
        if (line.trim() === '') continue;
        this.#tail.push(line.slice(0, 300));
        if (this.#tail.length > OUTPUT_LINES_KEPT) this.#tail.shift();
      }
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.exited = new Promise((resolve) => {
      child.once('exit', (code, signal) => {
        log.end();
        resolve({ code, signal, killed: this.#killed, lastOutput: [...this.#tail] });
      });
    });
  }

  /** Starts clinic `tool` on the target command (argv[0] must be a `node` binary, as clinic requires). */
  static async start(bin: string, tool: ClinicTool, destDir: string, target: readonly string[], env: NodeJS.ProcessEnv, logFile: string): Promise<ClinicProcess> {
    const args = [bin, tool, '--open=false', '--dest', destDir, '--', ...target];
    const child = spawn(process.execPath, args, {
      cwd: destDir,
      env: { ...env, NO_INSIGHT: '1', NO_UPDATE_NOTIFIER: '1' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      child.once('spawn', resolve);
      child.once('error', reject);
    });
    return new ClinicProcess(child, logFile);
  }

  /** Last lines clinic printed so far. */
  get lastOutput(): string[] {
    return [...this.#tail];
  }

  /** Ctrl+C: SIGINT to the group; waits up to `analysisGraceMs` for clinic to finish, then kills the group. */
  async stop(analysisGraceMs: number): Promise<ClinicExit> {
    this.#signal('SIGINT');
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), analysisGraceMs);
    });
    const first = await Promise.race([this.exited, late]);
    clearTimeout(timer);
    if (first === 'late') {
      this.#killed = true;
      this.#signal('SIGKILL');
    }
    const exit = await this.exited;
    // Whatever clinic left behind in its group (a target that ignored SIGINT) goes too.
    this.#signal('SIGKILL');
    return exit;
  }

  #signal(signal: NodeJS.Signals): void {
    try {
      process.kill(-this.pid, signal);
    } catch (error) {
      // ESRCH: the group is gone already.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
  }
}
