import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadFaultSpecs, parseFaultSpecs, planFaults } from '../../../harness/exchange/index.ts';

describe('--faults text syntax', () => {
  it('parses times, periods, jitter, params, exchange and symbol', () => {
    expect(parseFaultSpecs('disconnect@30s/60s, gap(ids=50)@10s:okx#BTC-USDT ,snapshot-429(retryAfterS=2;note=x)@20s~5s,reset@1m')).toEqual([
      { kind: 'disconnect', atMs: 30_000, everyMs: 60_000 },
      { kind: 'gap', atMs: 10_000, exchange: 'okx', symbol: 'BTC-USDT', params: { ids: 50 } },
      { kind: 'snapshot-429', atMs: 20_000, jitterMs: 5000, params: { retryAfterS: 2, note: 'x' } },
      { kind: 'reset', atMs: 60_000 },
    ]);
  });

  it('names the bad item', () => {
    expect(() => parseFaultSpecs('reset@1m,gap@later')).toThrow(/'gap@later': time 'later' is not a duration/);
    expect(() => parseFaultSpecs('reset@1m:kraken')).toThrow(/exchange 'kraken'/);
    expect(() => parseFaultSpecs('gap(ids)@1s')).toThrow(/parameter 'ids' is not key=value/);
  });

  it('also takes JSON, inline or from a .json file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'faults-'));
    try {
      const file = join(dir, 'faults.json');
      await writeFile(file, JSON.stringify([{ kind: 'burst', atMs: 5, params: { factor: 3 } }]));
      expect(await loadFaultSpecs(file)).toEqual([{ kind: 'burst', atMs: 5, params: { factor: 3 } }]);
      expect(await loadFaultSpecs('[{"kind":"reset","atMs":1}]')).toEqual([{ kind: 'reset', atMs: 1 }]);
      await expect(loadFaultSpecs('[1]')).rejects.toThrow(/array of fault objects/);
      await expect(loadFaultSpecs(join(dir, 'missing.json'))).rejects.toThrow(/ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('plans the same firings for the same seed, different ones for another seed', () => {
    const specs = parseFaultSpecs('gap@1s/2s~500ms,reset@3s');
    const plan = (seed: number): string[] => planFaults(specs, seed, ['A', 'B', 'C'], 10_000).map((firing) => `${firing.spec.kind}@${firing.atMs.toFixed(1)}#${firing.symbol}`);
    expect(plan(1)).toEqual(plan(1));
    expect(plan(1)).not.toEqual(plan(2));
    const times = planFaults(specs, 1, ['A'], 10_000).filter((firing) => firing.spec.kind === 'gap').map((firing) => firing.atMs);
    expect(times).toHaveLength(5);
    times.forEach((atMs, n) => {
      expect(atMs).toBeGreaterThanOrEqual(1000 + n * 2000);
      expect(atMs).toBeLessThan(1500 + n * 2000);
    });
  });
});
