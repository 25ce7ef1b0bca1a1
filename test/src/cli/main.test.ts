import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { eventually, FINAL_BOOK, startTinyBinance, type TinyBinance } from '../tiny-binance.ts';

const ROOT = join(import.meta.dirname, '..', '..', '..');

interface Run {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Spawns the real CLI (`npm run collector` runs the same file through tsx) with only the given SOAK_* variables. */
function runCli(args: string[], soakEnv: Record<string, string> = {}): Run {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('SOAK_') && !key.startsWith('VITEST')) env[key] = value;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], { cwd: ROOT, env: { ...env, ...soakEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = once(child, 'exit').then(([code, signal]) => ({ code: code as number | null, signal: signal as NodeJS.Signals | null }));
  return { child, stdout: () => out, stderr: () => err, exited };
}

describe('npm run collector', () => {
  const children: ChildProcess[] = [];
  let exchange: TinyBinance | undefined;
  let blocker: Server | undefined;
  const dirs: string[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exchange?.close();
    exchange = undefined;
    if (blocker) await new Promise((resolve) => blocker?.close(resolve));
    blocker = undefined;
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('answers bad flags and bad SOAK_* values with one line and exit 2, no stack', async () => {
    for (const [args, env, expected] of [
      [['--metrics-port', 'abc'], {}, "collector: COLLECTOR_ERR_CONFIG: --metrics-port: must be an integer (got 'abc')"],
      [[], { SOAK_OKX_WS: 'ftp://127.0.0.1:1' }, "collector: COLLECTOR_ERR_CONFIG: SOAK_OKX_WS: must be a ws:// or wss:// URL (got 'ftp://127.0.0.1:1')"],
    ] as const) {
      const run = runCli([...args], env);
      children.push(run.child);
      expect(await run.exited).toEqual({ code: 2, signal: null });
      expect(run.stderr()).toBe(`${expected}\n`);
      expect(run.stdout()).toBe('');
    }
  });

  it('prints --help from the option table and exits 0', async () => {
    const run = runCli(['--help']);
    children.push(run.child);
    expect(await run.exited).toEqual({ code: 0, signal: null });
    for (const flag of ['--config <file>', '--metrics-port <port>', '--out <dir>', '--sink-mode <mode>', '--sink-interval <duration>', '--health-grace <duration>', '--help']) {
      expect(run.stdout()).toContain(flag);
    }
  });

  it('exits 1 with COLLECTOR_ERR_HTTP when the metrics port is taken, before connecting anywhere', async () => {
    exchange = await startTinyBinance();
    blocker = createServer();
    blocker.listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const port = (blocker.address() as { port: number }).port;
    const run = runCli([], { SOAK_BINANCE_WS: exchange.wsUrl, SOAK_BINANCE_REST: exchange.restUrl, SOAK_BINANCE_SYMBOLS: 'BTCUSDT', SOAK_METRICS_PORT: String(port) });
    children.push(run.child);
    expect(await run.exited).toEqual({ code: 1, signal: null });
    expect(run.stderr()).toBe(`collector: COLLECTOR_ERR_HTTP: cannot listen on 127.0.0.1:${port}: EADDRINUSE\n`);
    expect(exchange.connections).toBe(0);
  });

  it('runs from SOAK_* alone: ingests, serves /metrics and /book, and exits 0 quickly on SIGTERM', async () => {
    exchange = await startTinyBinance();
    const outDir = mkdtempSync(join(tmpdir(), 'collector-cli-'));
    dirs.push(outDir);
    const run = runCli(['--out', outDir, '--sink-interval', '50ms'], {
      SOAK_BINANCE_WS: exchange.wsUrl,
      SOAK_BINANCE_REST: exchange.restUrl,
      SOAK_BINANCE_SYMBOLS: 'BTCUSDT',
      SOAK_METRICS_PORT: '0',
    });
    children.push(run.child);
    const url = await eventually(() => /metrics at (http:\/\/127\.0\.0\.1:\d+)\/metrics/.exec(run.stdout())?.[1], 'the startup line', 20_000);
    expect(run.stdout().split('\n')[0]).toMatch(/^collector: metrics at http:\/\/127\.0\.0\.1:\d+\/metrics .* feeds binance\[BTCUSDT\] · sink .*\(snapshot every 50 ms\)$/);

    const book = await eventually(async () => {
      const response = await fetch(`${url}/book?exchange=binance&symbol=BTCUSDT`);
      const body = response.status === 200 ? ((await response.json()) as typeof FINAL_BOOK) : undefined;
      return body?.lastUpdateId === FINAL_BOOK.lastUpdateId ? body : undefined;
    }, 'the book to reach update 105');
    expect({ bids: book.bids, asks: book.asks }).toEqual({ bids: FINAL_BOOK.bids, asks: FINAL_BOOK.asks });
    const metrics = await (await fetch(`${url}/metrics`)).text();
    const received = metrics.split('\n').filter((line) => line.startsWith('orderbook_collector_messages_received_total{') && line.includes('message_type="depthUpdate"'));
    expect(received.reduce((sum, line) => sum + Number(line.split(' ').at(-1)), 0)).toBe(3);
    expect((await fetch(`${url}/health`)).status).toBe(200);

    const closed = exchange.clientClosed();
    const killedAtMs = Date.now();
    run.child.kill('SIGTERM');
    expect(await run.exited).toEqual({ code: 0, signal: null });
    expect(Date.now() - killedAtMs).toBeLessThan(5000);
    await closed;
    expect(run.stdout()).toMatch(/collector: stopped on SIGTERM · messages 3 · gaps 0 /);
    expect(run.stderr()).toBe('');
    expect(readdirSync(join(outDir, 'binance', 'BTCUSDT'))).toHaveLength(1);
  });
});
