import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { doctorExitCode, runDoctor } from '../../../harness/doctor/index.ts';
import { loadScenario } from '../../../harness/scenario/index.ts';

const run = promisify(execFile);
const cli = fileURLToPath(new URL('../../../harness/cli/doctor.ts', import.meta.url));
const loader = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('npm run doctor, real run', () => {
  it('on a Node where clinic doctor breaks, says so, runs no clinic, and still writes CPU and heap profiles of the fed collector', async () => {
    dir = mkdtempSync(join(tmpdir(), 'doctor-run-'));
    const scenario = await loadScenario('smoke');
    const lines: string[] = [];
    const result = await runDoctor({ scenario, durationMs: 5000, tool: 'doctor', out: dir, nodeVersion: 'v22.11.0', onLine: (line) => lines.push(line) });

    expect(result.clinic.status).toBe('unsupported');
    expect(result.clinic.reason).toMatch(/clinic doctor breaks on Node ≥ 21\.7 \(this is v22\.11\.0\)/);
    expect(lines[0]).toMatch(/clinic doctor cannot run here: .*writing Node's own --cpu-prof\/--heap-prof profiles only/);
    expect(existsSync(join(dir, 'clinic.log'))).toBe(false);
    expect(readdirSync(join(dir, 'clinic'))).toEqual([]);

    // The twin collector really ran against the mocks and exited cleanly, leaving its profiles.
    expect(result.profilerExit).toMatchObject({ code: 0 });
    expect(readFileSync(join(dir, 'profiled-collector.log'), 'utf8')).toMatch(/collector: metrics at .*feeds binance\[BTCUSDT,ETHUSDT,SOLUSDT,XRPUSDT\] okx\[BTC-USDT,ETH-USDT\]/);
    const cpu = result.profiles.filter((p) => p.kind === 'cpu' && p.valid);
    const heap = result.profiles.filter((p) => p.kind === 'heap' && p.valid);
    expect(cpu.length).toBeGreaterThan(0);
    expect(heap.length).toBeGreaterThan(0);
    expect(Math.max(...cpu.map((p) => p.nodes))).toBeGreaterThan(100);
    expect(doctorExitCode(result)).toBe(0);

    const saved = JSON.parse(readFileSync(join(dir, 'doctor.json'), 'utf8')) as { clinic: { status: string }; profiles: unknown[] };
    expect(saved.clinic.status).toBe('unsupported');
    expect(saved.profiles).toHaveLength(result.profiles.length);
  }, 25_000);

  it('bad usage is one line and exit 2, before anything starts', async () => {
    const fail = (args: string[]) =>
      run(process.execPath, ['--import', loader, cli, ...args]).then(
        () => ({ code: 0, stderr: '' }),
        (error: { code: number; stderr: string }) => error,
      );
    const tool = await fail(['--tool', 'bubbleprof']);
    expect(tool.code).toBe(2);
    expect(tool.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error SOAK_ERR_USAGE: doctor: --tool must be one of doctor, heapprofiler, flame/)]);
    const scenario = await fail(['--scenario', 'no-such-scenario']);
    expect(scenario.code).toBe(2);
    expect(scenario.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error SOAK_ERR_SCENARIO: no scenario named 'no-such-scenario'/)]);
    const minutes = await fail(['--minutes', '0']);
    expect(minutes.code).toBe(2);
  });
});
