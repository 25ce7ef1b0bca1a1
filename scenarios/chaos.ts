// Every fault kind the mocks know, interleaved, so no recovery path goes unexercised.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

export default defineScenario({
  name: 'chaos',
  description: 'Thirty minutes with every fault kind the mock exchanges can inject, each on a repeating, jittered schedule.',
  durationMs: 1_800_000,
  warmupMs: 120_000,
  symbols: { binance: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'], okx: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 20, depthPerSide: 200, levelsPerMessage: 4 },
  faults: [
    { kind: 'disconnect', atMs: 30_000, everyMs: 90_000, jitterMs: 10_000 },
    { kind: 'reset', atMs: 60_000, everyMs: 120_000, jitterMs: 10_000 },
    { kind: 'half-open', atMs: 120_000, everyMs: 300_000 },
    { kind: 'data-stop', atMs: 200_000, everyMs: 300_000 },
    { kind: 'gap', atMs: 10_000, everyMs: 15_000, jitterMs: 3_000 },
    { kind: 'duplicate', atMs: 12_000, everyMs: 20_000 },
    { kind: 'reorder', atMs: 14_000, everyMs: 25_000 },
    { kind: 'malformed', atMs: 16_000, everyMs: 30_000 },
    { kind: 'oversize', atMs: 40_000, everyMs: 180_000, params: { bytes: 2_097_152 } },
    { kind: 'unknown-message', atMs: 18_000, everyMs: 30_000 },
    { kind: 'snapshot-429', exchange: 'binance', atMs: 45_000, everyMs: 150_000 },
    { kind: 'snapshot-418', exchange: 'binance', atMs: 100_000, everyMs: 300_000 },
    { kind: 'snapshot-500', exchange: 'binance', atMs: 75_000, everyMs: 150_000 },
    { kind: 'slow-snapshot', exchange: 'binance', atMs: 130_000, everyMs: 200_000, params: { delayMs: 3_000 } },
    { kind: 'stale-snapshot', exchange: 'binance', atMs: 50_000, everyMs: 120_000 },
    { kind: 'subscribe-rejected', exchange: 'okx', atMs: 65_000, everyMs: 240_000 },
    { kind: 'sequence-reset', exchange: 'okx', atMs: 160_000, everyMs: 300_000 },
    { kind: 'burst', atMs: 90_000, everyMs: 240_000, params: { factor: 10, durationMs: 10_000 } },
    { kind: 'slow-reader', atMs: 180_000, everyMs: 600_000 },
  ],
  integrity: { checkpointEveryMs: 15_000, symbolsPerCheckpoint: 3 },
  budgets: { socketSlack: 6 },
});
