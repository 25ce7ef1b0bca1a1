// The gate end to end: run directories built in a temp dir from generated samples, a baseline created with
// --update-baseline, then a run with the same growth passes and a run whose growth doubled fails.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBaseline, runGate } from '../../../harness/gate/index.ts';
import { syntheticRun } from '../analysis/synthetic-run.ts';
import type { SyntheticRunSpec } from '../analysis/synthetic-run.ts';

const run = promisify(execFile);
const MIN = 60_000;
let dir: string;

function writeRunDir(name: string, spec: SyntheticRunSpec): string {
  const runDir = join(dir, name);
  mkdirSync(runDir);
  const input = syntheticRun(spec);
  writeFileSync(join(runDir, 'meta.json'), JSON.stringify({ ...input.meta, scenario: 'steady' }));
  writeFileSync(join(runDir, 'samples.ndjson'), input.samples.map((s) => JSON.stringify(s)).join('\n') + '\n');
  writeFileSync(join(runDir, 'events.ndjson'), input.events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return runDir;
}

async function gate(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'harness/cli/gate.ts', ...args], { cwd: process.cwd(), timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'soak-gate-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('gate', () => {
  // A leak of 6 MB/h is within budget; the baseline accepts it, and the gate guards against it getting worse.
  const base = { durationMs: 30 * MIN, leakMbPerMin: 0.1 };

  it('creates the baseline with --update-baseline, then passes an equal run and fails a doubled one', async () => {
    const baselinePath = join(dir, 'baselines', 'steady.json');
    const created = await gate([writeRunDir('base-1', { ...base, seed: 1 }), '--baseline', baselinePath, '--update-baseline']);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/baseline created/);
    runGate({ runDir: writeRunDir('base-2', { ...base, seed: 2 }), baselinePath, updateBaseline: true });
    expect(readBaseline(baselinePath).runs).toHaveLength(2);

    const equal = await gate([writeRunDir('equal', { ...base, seed: 3 }), '--baseline', baselinePath]);
    expect(equal.stdout).toMatch(/^gate: pass/);
    expect(equal.code).toBe(0);

    const doubledDir = writeRunDir('doubled', { ...base, seed: 4, leakMbPerMin: 0.2 });
    const doubled = await gate([doubledDir, '--baseline', baselinePath]);
    expect(doubled.code).toBe(1);
    expect(doubled.stdout).toMatch(/^gate: REGRESSION/);
    expect(doubled.stdout).toMatch(/FAIL heapGrowthMbPerMin/);
    expect(existsSync(join(doubledDir, 'gate.json'))).toBe(true);
    expect(readBaseline(baselinePath).runs).toHaveLength(2);
  }, 60_000);

  it('exits 2 with one line when the baseline is missing or the flag is', async () => {
    const runDir = writeRunDir('lonely', { ...base, seed: 5, durationMs: 5 * MIN });
    const missing = await gate([runDir, '--baseline', join(dir, 'none.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr.trim()).toMatch(/^error SOAK_ERR_BASELINE: no baseline at .*none\.json \(pass --update-baseline/);
    const noFlag = await gate([runDir]);
    expect(noFlag.code).toBe(2);
    expect(noFlag.stderr).toMatch(/--baseline <file> is required/);
  }, 60_000);

  it('refuses a baseline of another scenario', () => {
    const baselinePath = join(dir, 'other.json');
    writeFileSync(baselinePath, JSON.stringify({ schemaVersion: 1, scenario: 'other', keep: 10, runs: [] }));
    expect(() => runGate({ runDir: join(dir, 'base-1'), baselinePath })).toThrow(/baseline of scenario 'other'/);
  });
});
