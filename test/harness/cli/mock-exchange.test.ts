import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

function cli(args: string[]): { child: ChildProcess; lines: string[]; line(test: (line: string) => boolean): Promise<string>; exit: Promise<number | null>; stderr: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/cli/mock-exchange.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  const lines: string[] = [];
  let stderr = '';
  const waiters: Array<() => void> = [];
  let partial = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString('utf8');
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
    for (const wake of waiters.splice(0)) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    lines,
    exit,
    stderr: () => stderr,
    async line(test) {
      for (let round = 0; round < 1000; round++) {
        const found = lines.find(test);
        if (found !== undefined) return found;
        await Promise.race([new Promise<void>((resolve) => waiters.push(resolve)), exit.then(() => undefined)]);
        if (child.exitCode !== null && !lines.some(test)) throw new Error(`cli exited: ${stderr}`);
      }
      throw new Error('no such line');
    },
  };
}

describe('npm run mock-exchange', () => {
  it('prints its URLs, injects the scheduled fault, prints it as NDJSON, and stops cleanly on SIGINT', async () => {
    const run = cli(['--exchange', 'binance', '--symbols', 'BTCUSDT', '--rate', '50', '--faults', 'disconnect(code=1000)@1500ms']);
    const wsUrl = (await run.line((line) => line.startsWith('SOAK_BINANCE_WS='))).split('=')[1] as string;
    expect(await run.line((line) => line.startsWith('SOAK_BINANCE_REST='))).toMatch(/^SOAK_BINANCE_REST=http:\/\/127\.0\.0\.1:\d+$/);
    const ws = new WebSocket(`${wsUrl}/ws/btcusdt@depth`);
    const code = await new Promise<number>((resolve, reject) => {
      ws.once('close', resolve);
      ws.once('error', reject);
    });
    expect(code).toBe(1000);
    const event = JSON.parse(await run.line((line) => line.startsWith('{'))) as { kind: string; exchange: string; t: number };
    expect(event).toMatchObject({ kind: 'disconnect', exchange: 'binance' });
    expect(event.t).toBeGreaterThanOrEqual(1500);
    run.child.kill('SIGINT');
    expect(await run.exit).toBe(0);
    expect(run.lines.some((line) => line.startsWith('stopped: 1 connections'))).toBe(true);
  });

  it('bad usage is one line and exit code 2', async () => {
    const run = cli(['--exchange', 'okx', '--faults', 'gap@soon']);
    expect(await run.exit).toBe(2);
    expect(run.stderr().trim().split('\n')).toHaveLength(1);
    expect(run.stderr()).toMatch(/^error SOAK_ERR_USAGE: --faults: 'gap@soon': time 'soon' is not a duration/);
  });
});
