import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyOverrides, inspectCapture, loadScenario } from '../../../harness/scenario/index.ts';

const REAL = resolve(import.meta.dirname, '../../../fixtures/real');

describe('inspectCapture', () => {
  it('finds the exchange and book symbols of the real captures', () => {
    expect(inspectCapture(`${REAL}/BINANCE.ws.1.0`)).toEqual({ exchange: 'binance', symbols: ['BLZETH', 'LRCBTC', 'NKNUSDT', 'RUNEEUR'] });
    expect(inspectCapture(`${REAL}/OKX.ws.1.0`)).toEqual({ exchange: 'okx', symbols: ['BTC-USD-220527', 'BTC-USDT', 'UNI-USD-SWAP'] });
  });

  it('refuses a missing file in one line', () => {
    expect(() => inspectCapture(`${REAL}/nope.ws`)).toThrow(/^soak: --replay .*nope\.ws: cannot be read \(ENOENT\)$/);
  });
});

describe('applyOverrides', () => {
  it('shortens the run, keeping the warm-up share, and leaves the input alone', async () => {
    const smoke = await loadScenario('smoke');
    const short = applyOverrides(smoke, { durationMs: 24_000, seed: 7, sampleIntervalMs: 500, speed: 2 });
    expect(short).toMatchObject({ durationMs: 24_000, warmupMs: 4_000, seed: 7, sampleIntervalMs: 500 });
    expect(short.feed).toMatchObject({ kind: 'synthetic', messagesPerSecondPerSymbol: 20 });
    expect(smoke.durationMs).toBe(120_000);
  });

  it('turns --replay into a one-exchange replay feed with the capture symbols', async () => {
    const replay = applyOverrides(await loadScenario('smoke'), { replayFile: `${REAL}/OKX.ws.1.0`, speed: 5 });
    expect(replay.exchanges).toEqual(['okx']);
    expect(replay.symbols).toEqual({ binance: [], okx: ['BTC-USD-220527', 'BTC-USDT', 'UNI-USD-SWAP'] });
    expect(replay.feed).toEqual({ kind: 'replay', file: `${REAL}/OKX.ws.1.0`, speed: 5, loop: true });
    expect(replay.faults.every((f) => f.exchange !== 'binance')).toBe(true);
  });
});
