// Breadth instead of rate: 210 books, where per-book leaks (a timer or listener per symbol) multiply.
import { defineScenario } from '../harness/scenario/scenario-schema.ts';

// Generated names in the exchanges' own shapes; the mocks feed any symbol they are given.
const binance = Array.from({ length: 160 }, (_, i) => `C${String(i).padStart(3, '0')}USDT`);
const okx = Array.from({ length: 50 }, (_, i) => `C${String(i).padStart(3, '0')}-USDT`);

export default defineScenario({
  name: 'many-symbols',
  description: 'Thirty minutes on 160 Binance and 50 OKX books at 2 msg/s each, with a gap every 10 s and a disconnect every 5 min.',
  durationMs: 1_800_000,
  warmupMs: 180_000,
  symbols: { binance, okx },
  feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 2, depthPerSide: 100, levelsPerMessage: 3 },
  faults: [
    { kind: 'gap', atMs: 10_000, everyMs: 10_000, jitterMs: 2_000 },
    { kind: 'disconnect', atMs: 150_000, everyMs: 300_000, jitterMs: 20_000 },
  ],
  integrity: { checkpointEveryMs: 20_000, symbolsPerCheckpoint: 10 },
  budgets: { socketSlack: 6, maxOpenFds: 300 },
});
