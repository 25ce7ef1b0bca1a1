/**
 * A benchmark helper process spoken to over IPC (the flooding mock, the bare client): spawned with tsx's
 * loader, it answers typed requests; close() disconnects it and waits for its exit (SIGKILL after a grace),
 * so no helper outlives a benchmark.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { TSX_LOADER } from './bench-paths.ts';

/** Messages every helper may send. */
type Message = { type: string };

/** A running helper process. */
export class IpcChild<M extends Message> {
  readonly pid: number;
  #child: ChildProcess;
  #exited: Promise<void>;
  #lastError: string | undefined;

  private constructor(child: ChildProcess) {
    this.#child = child;
    this.pid = child.pid ?? -1;
    this.#exited = new Promise((resolve) => child.once('exit', () => resolve()));
    child.on('message', (message: Message) => {
      if (message?.type === 'error') this.#lastError = (message as { message?: string }).message ?? 'error';
    });
  }

  /** Forks `file` (TypeScript, run through tsx) and waits for its first `ready` message. */
  static async start<M extends Message>(file: string, args: string[], timeoutMs: number): Promise<{ child: IpcChild<M>; ready: Extract<M, { type: 'ready' }> }> {
    const { child, first } = await IpcChild.#fork<M, 'ready'>(file, args, timeoutMs, 'ready', false);
    return { child, ready: first };
  }

  /** Forks a one-shot job and waits for its `done` message and its exit; `quiet` drops its output (tools chatter; errors come over IPC). */
  static async run<M extends Message>(file: string, args: string[], timeoutMs: number, execArgv: string[] = [], quiet = true): Promise<Extract<M, { type: 'done' }>> {
    const { child, first } = await IpcChild.#fork<M, 'done'>(file, args, timeoutMs, 'done', quiet, execArgv);
    await child.close();
    return first;
  }

  static async #fork<M extends Message, T extends string>(file: string, args: string[], timeoutMs: number, firstType: T, quiet: boolean, execArgv: string[] = []): Promise<{ child: IpcChild<M>; first: Extract<M, { type: T }> }> {
    // 'advanced' (structured clone) keeps Infinity and NaN, which JSON would turn into null.
    const child = fork(file, args, { serialization: 'advanced', execArgv: [...execArgv, '--import', TSX_LOADER], stdio: ['ignore', quiet ? 'ignore' : 'inherit', quiet ? 'ignore' : 'inherit', 'ipc'] });
    const helper = new IpcChild<M>(child);
    try {
      const first = (await helper.next(firstType as M['type'], timeoutMs)) as unknown as Extract<M, { type: T }>;
      return { child: helper, first };
    } catch (error) {
      await helper.close();
      throw error;
    }
  }

  /** The last `error` message the helper sent, if any. */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Resolves with the next message of `type`; rejects on an `error` message, exit or timeout. */
  next<T extends M['type']>(type: T, timeoutMs: number): Promise<Extract<M, { type: T }>> {
    const child = this.#child;
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
      };
      const onMessage = (message: Message): void => {
        if (message?.type === type) {
          done();
          resolve(message as Extract<M, { type: T }>);
        } else if (message?.type === 'error') {
          done();
          reject(new Error((message as { message?: string }).message ?? 'helper error'));
        }
      };
      const onExit = (code: number | null): void => {
        done();
        reject(new Error(`helper exited (code ${code}) before sending '${type}'${this.#lastError ? `: ${this.#lastError}` : ''}`));
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`helper sent no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  /** Sends `{type}` and waits for the answer of the same type. */
  request<T extends M['type']>(type: T, timeoutMs = 10_000): Promise<Extract<M, { type: T }>> {
    const answer = this.next(type, timeoutMs);
    this.#child.send({ type });
    return answer;
  }

  /** Disconnects the helper and waits for it to exit (SIGKILL after 5 s). */
  async close(): Promise<void> {
    const child = this.#child;
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await this.#exited;
    clearTimeout(timer);
  }
}
