/**
 * A child process that hosts one flooding mock Binance (synthetic feed, `slow-reader` fault from t=0: it
 * pushes as fast as its fastest client reads, honouring backpressure), so the mock's CPU time is its own
 * and can be set against the messages it pushed. Talks to its parent over IPC: `ready` with the URLs, then a
 * `stats` answer for every `stats` request; exits when the parent disconnects.
 */
import { startMockExchange } from '../exchange/index.ts';
import { ownCpuMs } from './cpu-timer.ts';
import { FLOOD_FEED, FLOOD_SYMBOL, type MockChildMessage, type MockChildRequest } from './flood-feed.ts';

async function main(): Promise<void> {
  const send = (message: MockChildMessage): void => void process.send?.(message);
  const mock = await startMockExchange({
    exchange: 'binance',
    symbols: [FLOOD_SYMBOL],
    source: { kind: 'synthetic', seed: FLOOD_FEED.seed, messagesPerSecondPerSymbol: 1000, depthPerSide: FLOOD_FEED.depthPerSide, levelsPerMessage: FLOOD_FEED.levelsPerMessage },
    // One long slow-reader fault turns on flood mode: produce while the fastest client has room.
    faults: [{ kind: 'slow-reader', atMs: 0, params: { durationMs: 3_600_000 } }],
    maxClientBufferedBytes: 64 * 1024 * 1024,
    pingIntervalMs: 60_000,
  });
  process.on('message', (request: MockChildRequest) => {
    if (request?.type !== 'stats') return;
    const stats = mock.stats();
    send({ type: 'stats', atMs: Date.now(), cpuMs: ownCpuMs(), messagesSent: stats.messagesSent, bytesSent: stats.bytesSent, clientsDropped: stats.clientsDropped, connections: stats.connections });
  });
  process.once('disconnect', () => {
    void mock.close().then(() => process.exit(0));
  });
  send({ type: 'ready', wsUrl: mock.wsUrl, restUrl: mock.restUrl ?? '', symbols: [...mock.symbols] });
}

if (process.send === undefined) {
  process.stderr.write('mock-child: run by the socket benchmarks over IPC, not directly\n');
  process.exitCode = 2;
} else {
  main().catch((error: unknown) => {
    process.send?.({ type: 'error', message: error instanceof Error ? error.message : String(error) } satisfies MockChildMessage);
    process.exitCode = 1;
    process.disconnect?.();
  });
}
