/**
 * Measures how many messages a mock exchange pushes per second of its own CPU time (process.cpuUsage),
 * with real client processes reading as fast as they can. The mock floods (slow-reader pacing, or a
 * replay at speed 0), so the figure is the mock's cost per message, not a configured rate.
 * Run: `npx tsx harness/exchange/measure-push-rate.ts [seconds] [clients]`; the benchmark issue reuses
 * `measurePushRate`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { startMockExchange } from './start-mock-exchange.ts';
import type { FeedSource } from './mock-exchange-types.ts';

/** One measurement's setup. */
export interface PushRateOptions {
  exchange: 'binance' | 'okx';
  source: FeedSource;
  symbols: string[];
  /** Client processes, all subscribed to the same streams. */
  clients: number;
  durationMs: number;
  /** Path (and query) a Binance client connects to; OKX clients subscribe to `books` of every symbol. */
  binancePath?: string;
}

/** What was measured. */
export interface PushRateResult {
  messagesSent: number;
  bytesSent: number;
  serverCpuMs: number;
  wallMs: number;
  messagesPerCpuSecond: number;
  messagesPerWallSecond: number;
}

// A minimal reader: counts frames, says when subscribed, prints the count on SIGTERM.
const CLIENT = `
const { WebSocket } = require('ws');
const [url, subscribe] = process.argv.slice(1);
let frames = 0;
const ws = new WebSocket(url, { perMessageDeflate: false });
ws.on('open', () => { if (subscribe) ws.send(subscribe); process.stdout.write('open\\n'); });
ws.on('message', () => { frames++; });
ws.on('error', (error) => { process.stderr.write(String(error) + '\\n'); process.exit(1); });
process.on('SIGTERM', () => { process.stdout.write('frames ' + frames + '\\n'); process.exit(0); });
`;

/** Starts a mock, connects `clients` reader processes, floods for `durationMs` and reports the mock's CPU cost per message. */
export async function measurePushRate(options: PushRateOptions): Promise<PushRateResult> {
  const flood = options.source.kind === 'synthetic' ? [{ kind: 'slow-reader' as const, atMs: 0, params: { durationMs: 3_600_000 } }] : [];
  const mock = await startMockExchange({ exchange: options.exchange, symbols: options.symbols, source: options.source, faults: flood, pingIntervalMs: 3_600_000, idleTimeoutMs: 3_600_000 });
  const children: ChildProcess[] = [];
  try {
    const url = options.exchange === 'binance' ? `${mock.wsUrl}${options.binancePath ?? `/stream?streams=${mock.symbols.map((symbol) => `${symbol.toLowerCase()}@depth@100ms`).join('/')}`}` : mock.wsUrl;
    const subscribe = options.exchange === 'okx' ? JSON.stringify({ op: 'subscribe', args: mock.symbols.map((instId) => ({ channel: 'books', instId })) }) : '';
    for (let i = 0; i < options.clients; i++) {
      const child = spawn(process.execPath, ['-e', CLIENT, url, subscribe], { stdio: ['ignore', 'pipe', 'inherit'] });
      children.push(child);
      await new Promise<void>((resolve, reject) => {
        child.stdout?.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`client exited with ${code}`)));
      });
    }
    // Warm up (JIT, socket buffers), then measure a clean window.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const before = mock.stats();
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    await new Promise((resolve) => setTimeout(resolve, options.durationMs));
    const cpu = process.cpuUsage(cpuBefore);
    const wallMs = performance.now() - wallBefore;
    const after = mock.stats();
    const serverCpuMs = (cpu.user + cpu.system) / 1000;
    const messagesSent = after.messagesSent - before.messagesSent;
    return {
      messagesSent,
      bytesSent: after.bytesSent - before.bytesSent,
      serverCpuMs,
      wallMs,
      messagesPerCpuSecond: Math.round(messagesSent / (serverCpuMs / 1000)),
      messagesPerWallSecond: Math.round(messagesSent / (wallMs / 1000)),
    };
  } finally {
    for (const child of children) child.kill('SIGTERM');
    await mock.close();
  }
}

async function main(): Promise<void> {
  const seconds = Number(process.argv[2] ?? 5);
  const clients = Number(process.argv[3] ?? 4);
  const runs: Array<[string, PushRateOptions]> = [
    ['binance synthetic, 1 client', { exchange: 'binance', symbols: ['BTCUSDT', 'ETHUSDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 10 }, clients: 1, durationMs: seconds * 1000 }],
    [`binance synthetic, ${clients} clients`, { exchange: 'binance', symbols: ['BTCUSDT', 'ETHUSDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 10 }, clients, durationMs: seconds * 1000 }],
    [`okx synthetic crc32, ${clients} clients`, { exchange: 'okx', symbols: ['BTC-USDT', 'ETH-USDT'], source: { kind: 'synthetic', seed: 1, messagesPerSecondPerSymbol: 10 }, clients, durationMs: seconds * 1000 }],
    [`binance replay speed 0 (fixtures/real), ${clients} clients`, { exchange: 'binance', symbols: [], source: { kind: 'replay', file: 'fixtures/real/BINANCE.ws.1.0', speed: 0, loop: true }, clients, durationMs: seconds * 1000, binancePath: '/stream?streams=nknusdt@depth@100ms/blzeth@depth@100ms/lrcbtc@depth@100ms/runeeur@depth@100ms/nknusdt@bookTicker/blzeth@bookTicker/lrcbtc@bookTicker/runeeur@bookTicker/nknusdt@kline_1m/blzeth@kline_1m/lrcbtc@kline_1m/runeeur@kline_1m/nknusdt@aggTrade/blzeth@aggTrade/lrcbtc@aggTrade/runeeur@aggTrade' }],
    [`okx replay speed 0 (fixtures/real), ${clients} clients`, { exchange: 'okx', symbols: [], source: { kind: 'replay', file: 'fixtures/real/OKX.ws.1.0', speed: 0, loop: true }, clients, durationMs: seconds * 1000 }],
  ];
  for (const [name, options] of runs) {
    const result = await measurePushRate(options);
    process.stdout.write(`${name.padEnd(52)} ${String(result.messagesPerCpuSecond).padStart(10)} msgs/server-CPU-s  ${String(result.messagesPerWallSecond).padStart(9)} msgs/s wall  (${result.messagesSent} msgs, ${(result.bytesSent / 1e6).toFixed(1)} MB, ${result.serverCpuMs.toFixed(0)} ms CPU)\n`);
  }
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`measure-push-rate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
