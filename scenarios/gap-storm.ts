// Sequence trouble without connection trouble: the books must resync, not the sockets.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

export default defineScenario({
  name: 'gap-storm',
  description: 'Thirty minutes of frequent sequence gaps, duplicates, reorders and stale or refused snapshots, with only one server disconnect.',
  durationMs: 1_800_000,
  warmupMs: 120_000,
  symbols: { binance: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT'], okx: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 20, depthPerSide: 300, levelsPerMessage: 4 },
  faults: [
    { kind: 'gap', atMs: 5_000, everyMs: 5_000, jitterMs: 1_000 },
    { kind: 'duplicate', atMs: 7_000, everyMs: 15_000 },
    { kind: 'reorder', atMs: 11_000, everyMs: 20_000 },
    { kind: 'stale-snapshot', exchange: 'binance', atMs: 30_000, everyMs: 60_000 },
    { kind: 'snapshot-429', exchange: 'binance', atMs: 45_000, everyMs: 90_000, params: { retryAfterS: 1 } },
    { kind: 'slow-snapshot', exchange: 'binance', atMs: 75_000, everyMs: 120_000, params: { delayMs: 2_000 } },
    { kind: 'sequence-reset', exchange: 'okx', atMs: 100_000, everyMs: 300_000 },
    { kind: 'disconnect', exchange: 'binance', atMs: 600_000 },
  ],
  integrity: { checkpointEveryMs: 10_000, symbolsPerCheckpoint: 4 },
  budgets: { socketSlack: 4 },
});
