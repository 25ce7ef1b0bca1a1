// The incident's trigger: connections lost again and again, gracefully, abruptly and silently.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

export default defineScenario({
  name: 'reconnect-storm',
  description: 'Thirty minutes of forced reconnects: a graceful close every 20 s, a reset every 45 s, a half-open socket and a silent feed every 2 min.',
  durationMs: 1_800_000,
  warmupMs: 120_000,
  symbols: { binance: ['BTCUSDT', 'ETHUSDT', 'SOLUSDT', 'XRPUSDT'], okx: ['BTC-USDT', 'ETH-USDT'] },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 20, depthPerSide: 200, levelsPerMessage: 4 },
  faults: [
    { kind: 'disconnect', atMs: 15_000, everyMs: 20_000, jitterMs: 3_000 },
    { kind: 'reset', atMs: 30_000, everyMs: 45_000, jitterMs: 5_000 },
    { kind: 'half-open', atMs: 60_000, everyMs: 120_000 },
    { kind: 'data-stop', atMs: 90_000, everyMs: 120_000 },
  ],
  integrity: { checkpointEveryMs: 15_000, symbolsPerCheckpoint: 3 },
  // Each reconnect may leave a socket in TIME_WAIT on our side for a moment; nothing more.
  budgets: { socketSlack: 4, fdGrowthPerMin: 0.5 },
});
