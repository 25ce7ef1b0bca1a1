// Load spikes: buffers and queues must drain back to where they were after each burst.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

export default defineScenario({
  name: 'burst',
  description: 'Twenty minutes of a 20 msg/s feed that bursts ×20 for 10 s every minute, with a slow-reader episode.',
  durationMs: 1_200_000,
  warmupMs: 120_000,
  symbols: { binance: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT'], okx: ['BTC-USDT', 'ETH-USDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 20, depthPerSide: 300, levelsPerMessage: 6 },
  faults: [
    { kind: 'burst', atMs: 30_000, everyMs: 60_000, params: { factor: 20, durationMs: 10_000 } },
    { kind: 'slow-reader', atMs: 300_000, everyMs: 600_000 },
  ],
  integrity: { checkpointEveryMs: 15_000, symbolsPerCheckpoint: 3 },
  // Bursts delay the loop by design; judge the tail, not the spike.
  budgets: { socketSlack: 4, eventLoopP99Ms: 200 },
});
