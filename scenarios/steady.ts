// The clean reference: a steady feed and no faults, so any growth is the target's own.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

export default defineScenario({
  name: 'steady',
  description: 'One hour of a steady 50 msg/s per symbol on 8 + 4 books, no faults: the baseline for growth rates.',
  durationMs: 3_600_000,
  warmupMs: 300_000,
  symbols: {
    binance: ['BTCUSDT', 'ETHUSDT', 'BNBUSDT', 'SOLUSDT', 'XRPUSDT', 'ADAUSDT', 'DOGEUSDT', 'LTCUSDT'],
    okx: ['BTC-USDT', 'ETH-USDT', 'SOL-USDT', 'XRP-USDT'],
  },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 50, depthPerSide: 500, levelsPerMessage: 5 },
  faults: [],
  integrity: { checkpointEveryMs: 30_000, symbolsPerCheckpoint: 4 },
  budgets: { socketSlack: 2, heapGrowthMbPerMin: 0.5 },
});
