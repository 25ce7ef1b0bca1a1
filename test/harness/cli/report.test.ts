/**
 * `npm run report` end to end: real run directories on disk (meta.json, samples.ndjson, events.ndjson as the
 * runner writes them), the real CLI in a child process, its exit code, output and the files it writes.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGETS } from '../../../harness/analysis/index.ts';
import { createPrng } from '../../../harness/exchange/index.ts';
import type { RunMeta } from '../../../harness/analysis/index.ts';
import type { Sample } from '../../../harness/probes/sample.ts';
import type { SoakEvent } from '../../../harness/runner/soak-event.ts';

const CLI = join(import.meta.dirname, '../../../harness/cli/report.ts');
const MB = 1_048_576;
const dirs: string[] = [];

afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

function run(args: string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, GITHUB_STEP_SUMMARY: '', ...env }, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: child.exitCode ?? (error ? 1 : 0), stdout, stderr });
    });
  });
}

/** A deterministic PRNG for sample noise. */
const random = (seed: number): (() => number) => {
  const prng = createPrng(seed);
  return () => prng.next();
};

/** Samples every 5 s with a heap after GC every 15 s, growing at `leakMbPerMin`, everything else flat. */
function samples(minutes: number, leakMbPerMin: number, seed: number): Sample[] {
  const next = random(seed);
  const out: Sample[] = [];
  for (let t = 5000; t <= minutes * 60_000; t += 5000) {
    const heapMb = 40 + leakMbPerMin * (t / 60_000) + (next() - 0.5) * 0.1;
    out.push({
      t,
      rss: Math.round((160 + heapMb + next()) * MB),
      heapUsed: Math.round((heapMb + 4 * next()) * MB),
      heapTotal: Math.round((heapMb + 16) * MB),
      external: 3 * MB,
      arrayBuffers: MB / 2,
      ...(t % 15_000 === 0 ? { heapAfterGc: [Math.round(heapMb * MB)] } : {}),
      fds: { total: 24, socket: 3, file: 12, pipe: 4, anon: 5, other: 0 },
      sockets: { established: 2, closeWait: 0, timeWait: 0, listen: 1, other: 0, total: 3 },
      handles: { TCPSocketWrap: 3, Timeout: 4 },
      gc: {
        count: 2,
        totalPauseMs: 3,
        maxPauseMs: 2,
        pausesMs: [1, 2],
        byKind: { minor: { count: 2, totalPauseMs: 3 }, major: { count: 0, totalPauseMs: 0 }, incremental: { count: 0, totalPauseMs: 0 }, weakcb: { count: 0, totalPauseMs: 0 } },
      },
      eventLoop: { p50: 1, p99: 8 + next(), max: 15 },
      cpu: { user: 40, system: 10 },
    });
  }
  return out;
}

async function runDir(options: { scenario: string; minutes: number; leakMbPerMin: number; truncate?: boolean }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), `soakbook-run-${options.scenario}-`));
  dirs.push(dir);
  const meta: RunMeta = {
    scenario: options.scenario,
    target: 'node collector.js',
    startedAt: '2026-01-01T00:00:00.000Z',
    argv: ['--scenario', options.scenario],
    versions: { node: process.version, soakbook: '0.1.0' },
    gitSha: '0000000',
    host: { cpu: 'test', cores: 2, memBytes: 8192 * MB },
    budgets: { ...DEFAULT_BUDGETS },
    warmupMs: 0,
    sampleIntervalMs: 5000,
    streamsOpened: 2,
    socketSlack: 2,
  };
  const events: SoakEvent[] = [{ t: 0, kind: 'run-start', exchange: 'harness', detail: {} }];
  for (let t = 60_000; t < options.minutes * 60_000; t += 120_000) events.push({ t, kind: 'gap', exchange: 'binance', symbol: 'BTCUSDT', detail: {} });
  let sampleText = samples(options.minutes, options.leakMbPerMin, 42).map((s) => JSON.stringify(s)).join('\n') + '\n';
  // A run killed mid-write leaves half a line at the end.
  if (options.truncate) sampleText += JSON.stringify(samples(1, 0, 1)[0]).slice(0, 40);
  await writeFile(join(dir, 'meta.json'), JSON.stringify(meta, null, 2));
  await writeFile(join(dir, 'samples.ndjson'), sampleText);
  await writeFile(join(dir, 'events.ndjson'), events.map((e) => JSON.stringify(e)).join('\n') + '\n');
  return dir;
}

describe('npm run report', () => {
  it('prints help and exits 0; rejects a missing argument, a missing directory and a non-run directory with exit 2', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: npm run report -- <run-dir> [options]');
    const missing = await run([]);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr.trim()).toBe('error SOAK_ERR_USAGE: report: missing <run-dir> (see --help)');
    const nowhere = await run([join(tmpdir(), 'soakbook-no-such-run-dir')]);
    expect(nowhere.code).toBe(2);
    expect(nowhere.stderr.trim()).toMatch(/^error SOAK_ERR_USAGE: report: run directory .*soakbook-no-such-run-dir does not exist or cannot be read \(ENOENT\)$/);
    const empty = await mkdtemp(join(tmpdir(), 'soakbook-empty-'));
    dirs.push(empty);
    const notRun = await run([empty]);
    expect(notRun.code).toBe(2);
    expect(notRun.stderr.trim()).toBe(`error SOAK_ERR_RUN_DIR: ${empty}: no meta.json (not a run directory?)`);
    expect(await readdir(empty)).toEqual([]);
  });

  it('fails a leaking run with exit 1, writes all four reports and appends the job summary', async () => {
    const dir = await runDir({ scenario: 'leaky', minutes: 20, leakMbPerMin: 4 });
    const summary = join(dir, 'summary.md');
    const result = await run([dir], { GITHUB_STEP_SUMMARY: summary });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(1);
    expect(result.stdout.split('\n')[0]).toMatch(/^FAIL — .*heap-growth/);
    expect(result.stdout).toContain(`wrote ${join(dir, 'report.html')}`);
    expect((await readdir(dir)).sort()).toEqual(['events.ndjson', 'junit.xml', 'meta.json', 'report.html', 'report.json', 'report.md', 'samples.ndjson', 'summary.md']);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ schemaVersion: 1, verdict: 'fail', scenario: 'leaky' });
    expect(report.checks.find((c: { id: string }) => c.id === 'heap-growth').status).toBe('fail');
    expect(await readFile(summary, 'utf8')).toMatch(/^# ❌ Soak FAIL: leaky/);
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toContain('<failure');
  });

  it('passes a clean run with exit 0', async () => {
    const dir = await runDir({ scenario: 'clean', minutes: 30, leakMbPerMin: 0 });
    const result = await run([dir, '--quiet']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^PASS — all \d+ applicable checks within budget/);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    expect(result.code).toBe(0);
  });

  it('rebuilds an interrupted short run (truncated last line) as inconclusive, exit 3', async () => {
    const dir = await runDir({ scenario: 'cut', minutes: 1, leakMbPerMin: 0, truncate: true });
    const result = await run([dir]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(3);
    expect(result.stdout).toMatch(/^INCONCLUSIVE — /);
    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(report.verdict).toBe('inconclusive');
    expect(report.notes.join(' ')).toMatch(/Skipped 1 unreadable sample line/);
  });
});
