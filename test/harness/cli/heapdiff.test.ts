// One short end-to-end run of the real heapdiff CLI on snapshots of a real process with a planted leak.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEAK_SCRIPT, writeSnapshotsFrom } from '../analysis/heap/snapshot-child.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
let leak: { dir: string; paths: [string, string, string] };

beforeAll(async () => {
  leak = await writeSnapshotsFrom(LEAK_SCRIPT, 'cli');
});

afterAll(async () => {
  if (leak) await rm(leak.dir, { recursive: true, force: true });
});

async function heapdiff(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'harness/cli/heapdiff.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('npm run heapdiff', () => {
  it('prints growers and the planted leak candidate as JSON', async () => {
    const { code, stdout } = await heapdiff(...leak.paths, '--json', '--top', '5');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { growers: Array<Record<string, unknown>>; leakCandidates: Array<Record<string, unknown>> };
    expect(Object.keys(result)).toEqual(['growers', 'leakCandidates']);
    expect(result.growers.length).toBeLessThanOrEqual(5);
    expect(Object.keys(result.growers[0] ?? {})).toEqual(['constructor', 'countDelta', 'selfSizeDeltaBytes', 'retainedSizeDeltaBytes']);
    expect(result.leakCandidates[0]).toMatchObject({ constructor: 'LeakedThing', count: 300 });
    expect(result.leakCandidates[0]?.retainerPath).toEqual(expect.arrayContaining(['registry', 'Map entry <string>']));
    expect(stdout).not.toContain('BTCUSDT-');
  });

  it('diffs two snapshots with --fast: the planted class with its exact count and path, retained sizes null', async () => {
    const { code, stdout } = await heapdiff(leak.paths[0], leak.paths[1], '--fast', '--json');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { growers: Array<Record<string, unknown>>; leakCandidates: Array<Record<string, unknown>> };
    expect(Object.keys(result.growers[0] ?? {})).toEqual(['constructor', 'countDelta', 'selfSizeDeltaBytes', 'retainedSizeDeltaBytes']);
    expect(result.growers.every((g) => g.retainedSizeDeltaBytes === null)).toBe(true);
    expect(result.leakCandidates[0]).toEqual({ constructor: 'LeakedThing', count: 300, retainedBytes: null, retainerPath: ['(Stack roots)', 'registry', 'Map entry <string>'] });
    const refused = await heapdiff(...leak.paths, '--fast');
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toMatch(/^error SOAK_ERR_USAGE: heapdiff: --fast is for two snapshots/);
  });

  it('exits 2 with one line for bad usage and for a file that is not a snapshot', async () => {
    const usage = await heapdiff(leak.paths[0], '--top', '0');
    expect(usage.code).toBe(2);
    expect(usage.stderr.trim().split('\n')).toHaveLength(1);
    expect(usage.stderr).toMatch(/SOAK_ERR_USAGE: heapdiff: --top must be at least 1/);
    const bogus = join(leak.dir, 'not-a-snapshot.heapsnapshot');
    await writeFile(bogus, '{"hello": [1, 2, 3]}');
    const notSnapshot = await heapdiff(leak.paths[0], bogus);
    expect(notSnapshot.code).toBe(2);
    expect(notSnapshot.stderr.trim()).toMatch(/^error SOAK_ERR_HEAP_SNAPSHOT: .*not-a-snapshot\.heapsnapshot: not a V8 heap snapshot/);
    expect(notSnapshot.stderr).not.toMatch(/\n\s+at /);
  });
});
