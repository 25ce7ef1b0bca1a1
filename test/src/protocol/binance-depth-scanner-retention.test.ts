import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, it } from 'vitest';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./fixtures/kept-price-retention.ts', import.meta.url));
const loader = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));

it('a price the book keeps does not keep its whole frame alive (a 13+ character slice would be a view of it)', async () => {
  const { stdout } = await run(process.execPath, ['--expose-gc', '--import', loader, probe], { timeout: 60_000 });
  const { bytesPerKeptString, kept } = JSON.parse(stdout.trim()) as { bytesPerKeptString: number; kept: number };
  expect(kept).toBe(5_000);
  // A 14-character one-byte string is ~32 B (+8 B of array slot); a view pins its ~2.7 KB frame.
  expect(bytesPerKeptString).toBeLessThan(200);
});
