import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SoakError } from '../../../harness/errors.ts';
import { ALL_FAULT_KINDS, loadScenario, parseScenario, shippedScenarioNames } from '../../../harness/scenario/index.ts';

describe('shipped scenarios', () => {
  it('all validate, each with budgets, and smoke is about two minutes', async () => {
    expect(shippedScenarioNames()).toEqual(expect.arrayContaining(['smoke', 'steady', 'reconnect-storm', 'gap-storm', 'chaos', 'many-symbols', 'burst']));
    for (const name of shippedScenarioNames()) {
      const scenario = await loadScenario(name);
      expect(scenario.name).toBe(name);
      expect(Object.keys(scenario.budgets).length).toBeGreaterThan(0);
    }
    expect((await loadScenario('smoke')).durationMs).toBe(120_000);
  });

  it('chaos schedules every fault kind and many-symbols feeds at least 200 books', async () => {
    const chaos = await loadScenario('chaos');
    expect(new Set(chaos.faults.map((f) => f.kind))).toEqual(new Set(ALL_FAULT_KINDS));
    const many = await loadScenario('many-symbols');
    expect(many.symbols.binance.length + many.symbols.okx.length).toBeGreaterThanOrEqual(200);
  });
});

describe('loadScenario from a file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'soak-scenario-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const valid = {
    name: 'mine',
    description: 'a test scenario',
    durationMs: 10_000,
    exchanges: ['binance'],
    symbols: { binance: ['BTCUSDT'] },
    feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 5 },
  };

  it('loads JSON and TS files and fills defaults', async () => {
    writeFileSync(join(dir, 'a.json'), JSON.stringify(valid));
    writeFileSync(join(dir, 'b.ts'), `export default ${JSON.stringify({ ...valid, name: 'mine-ts' })};\n`);
    const a = await loadScenario(join(dir, 'a.json'));
    expect(a).toMatchObject({ sampleIntervalMs: 1000, warmupMs: 0, faults: [], heapSnapshots: { plan: 'none' }, symbols: { okx: [] } });
    expect((await loadScenario('b.ts', dir)).name).toBe('mine-ts');
  });

  it('turns every problem into one line with the field path', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ ...valid, durationMs: 'long' }, /^scenario x: durationMs: /],
      [{ ...valid, faults: [{ kind: 'earthquake', atMs: 0 }] }, /^scenario x: faults\.0\.kind: /],
      [{ ...valid, exchanges: ['binance', 'okx'] }, /^scenario x: symbols\.okx: okx is fed but has no symbols$/],
      [{ ...valid, symbols: { binance: ['btc usdt'] } }, /^scenario x: symbols\.binance\.0: Binance symbols look like BTCUSDT$/],
      [{ ...valid, extra: 1 }, /^scenario x: \(root\): Unrecognized key/],
      [undefined, /^scenario x: \(root\): /],
    ];
    for (const [raw, pattern] of cases) {
      let error: unknown;
      try {
        parseScenario(raw, 'x');
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(SoakError);
      expect((error as SoakError).code).toBe('SOAK_ERR_SCENARIO');
      expect((error as SoakError).message).toMatch(pattern);
      expect((error as SoakError).message).not.toContain('\n');
    }
  });

  it('names the shipped scenarios when neither a name nor a file matches', async () => {
    await expect(loadScenario('nope', dir)).rejects.toThrow(/no scenario named 'nope' and no such file \(shipped: smoke, /);
    writeFileSync(join(dir, 'c.yaml'), 'x: 1');
    await expect(loadScenario('c.yaml', dir)).rejects.toThrow(/must be a \.ts, \.js, \.mjs or \.json file/);
    writeFileSync(join(dir, 'd.json'), '{not json');
    await expect(loadScenario('d.json', dir)).rejects.toThrow(/cannot be read: /);
  });
});
