import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { bytesPerUnit } from '../../../harness/bench/index.ts';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./fixtures/allocation-probe.ts', import.meta.url));
const loader = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));

describe('bytes per unit over GC-free windows', () => {
  it('reads 0 B for a loop that allocates nothing and the array size for one that keeps a 4-element array per unit', async () => {
    const { stdout } = await run(process.execPath, ['--expose-gc', '--import', loader, probe], { timeout: 30_000 });
    const result = JSON.parse(stdout.trim()) as { none: { bytesPerUnit: number; windowsClean: number }; arrays: { bytesPerUnit: number; windowsClean: number } };
    expect(result.none.windowsClean).toBeGreaterThan(0);
    expect(result.none.bytesPerUnit).toBeLessThan(0.1);
    // A JSArray (32 B on x64 without pointer compression, as Node ships) plus its 4-element backing store
    // (16 + 4×8 B) = 80 B; 40 B with pointer compression. Either way: clearly not 0, and not wildly more.
    // Code V8 has not optimized yet adds a 16 B AllocationMemento per array (96 B); warm-up windows keep
    // that out of the median, and the bound still admits it should the optimizer be late on a loaded machine.
    expect(result.arrays.windowsClean).toBeGreaterThan(0);
    expect(result.arrays.bytesPerUnit).toBeGreaterThanOrEqual(40);
    expect(result.arrays.bytesPerUnit).toBeLessThanOrEqual(97);
  });

  it('refuses to measure without --expose-gc instead of guessing', async () => {
    await expect(bytesPerUnit(1, 10, (units) => units)).rejects.toThrow(/--expose-gc/);
  });
});
