// The default scenario: about two minutes of a little of everything, small enough for every push.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

export default defineScenario({
  name: 'smoke',
  description: 'Two minutes on both exchanges with one of each common fault: gaps, a disconnect, a reset, a stale snapshot, junk frames.',
  durationMs: 120_000,
  warmupMs: 20_000,
  symbols: { binance: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'], okx: ['BTC-USDT', 'ETH-USDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 10, depthPerSide: 200, levelsPerMessage: 4 },
  faults: [
    { kind: 'unknown-message', atMs: 10_000, everyMs: 45_000 },
    { kind: 'gap', atMs: 20_000, everyMs: 30_000 },
    { kind: 'malformed', exchange: 'binance', atMs: 25_000, everyMs: 40_000 },
    { kind: 'duplicate', atMs: 35_000 },
    { kind: 'disconnect', exchange: 'binance', atMs: 40_000 },
    { kind: 'stale-snapshot', exchange: 'binance', atMs: 50_000 },
    { kind: 'reset', exchange: 'okx', atMs: 60_000 },
    { kind: 'snapshot-429', exchange: 'binance', atMs: 70_000 },
    { kind: 'reorder', exchange: 'okx', atMs: 80_000 },
  ],
  integrity: { checkpointEveryMs: 10_000, symbolsPerCheckpoint: 3 },
  budgets: { socketSlack: 4 },
});
