import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { benchReportJson, benchStamp, compare, formatRatio, formatValue, renderBenchMarkdown, target, writeBenchReport, type BenchReport, type BenchResult } from '../../../harness/bench/index.ts';
import { selectBenchmarks } from '../../../harness/bench/main.ts';

const machine = { cpuModel: 'Test CPU', cores: 2, node: 'v20.0.0', v8: '11.3', platform: 'linux', totalMemBytes: 2 ** 33, loadAvgStart: 0.5, loadAvgEnd: 0.7 };
const result: BenchResult = {
  name: 'order-book',
  title: 'Order book',
  machine,
  startedAt: '2026-11-22T03:00:00.000Z',
  durationMs: 12_000,
  repeats: 3,
  comparisons: [compare('changes per CPU-second', 'changes/s', 4_000_000, 1_000_000, 'ccxt', true), compare('bytes allocated per change', 'B', 0, 250, 'tardis', false)],
  figures: [{ label: 'stream mix', value: 0.65, unit: 'share' }],
  targets: [target('book-rate', '≥ 5 M changes per CPU-second', 4_000_000, '>=', 5_000_000, 'changes/s'), target('book-alloc', '0 B per change', 0, '<=', 0, 'B/change')],
  notes: ['a note'],
};
const report: BenchReport = { schemaVersion: 1, command: 'npm run bench', startedAt: result.startedAt, machine, results: [result], failures: [{ name: 'heap-snapshot', title: 'Heap', error: 'memlab crashed' }] };
const cli = fileURLToPath(new URL('../../../harness/bench/main.ts', import.meta.url));
const loader = fileURLToPath(new URL('../../../node_modules/tsx/dist/loader.mjs', import.meta.url));
const run = promisify(execFile);
let dir: string | undefined;

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('formatting', () => {
  it('prints rates with k/M, small values with 3 significant digits, and spells out ∞ and n/a', () => {
    expect(formatValue(4_123_456, 'changes/s')).toBe('4.12 M');
    expect(formatValue(131_500, 'msg/s')).toBe('132 k');
    expect(formatValue(1.23456, 'µs')).toBe('1.23');
    expect(formatValue(1234.5, 'ms')).toBe('1,235');
    expect(formatValue(Infinity, '×')).toBe('∞');
    expect(formatValue(NaN, 'B')).toBe('n/a');
  });
  it('says which way a ratio goes', () => {
    expect(formatRatio(4)).toBe('4×');
    expect(formatRatio(0.5)).toBe('0.5× (worse)');
    expect(formatRatio(Infinity)).toMatch(/^∞/);
  });
});

describe('report', () => {
  it('Markdown lists every target as met or not met, failures included, with the machine and the command', () => {
    const text = renderBenchMarkdown(report);
    expect(text).toContain('Command: `npm run bench`');
    expect(text).toContain('Test CPU · 2 cores · Node v20.0.0');
    expect(text).toMatch(/\| order-book \| ≥ 5 M changes per CPU-second \| 4\.00 M changes\/s \| \*\*not met\*\* \|/);
    expect(text).toMatch(/\| order-book \| 0 B per change \| 0 B\/change \| \*\*met\*\* \|/);
    expect(text).toMatch(/\| heap-snapshot \| benchmark could not run \| memlab crashed \| \*\*not met\*\* \|/);
    expect(text).toMatch(/\| changes per CPU-second \(changes\/s\) \| 4\.00 M \| ccxt \| 1\.00 M \| 4× \|/);
  });

  it('JSON keeps an infinite ratio as "Infinity" rather than null, and files are named by UTC timestamp', () => {
    const parsed = JSON.parse(benchReportJson(report)) as { results: Array<{ comparisons: Array<{ ratio: unknown }> }> };
    expect(parsed.results[0]?.comparisons[1]?.ratio).toBe('Infinity');
    dir = mkdtempSync(join(tmpdir(), 'bench-report-'));
    const files = writeBenchReport(report, dir);
    expect(files.json).toBe(join(dir, `${benchStamp(new Date(report.startedAt))}.json`));
    expect(files.json).toMatch(/20261122T030000Z\.json$/);
    expect(readFileSync(files.markdown, 'utf8')).toBe(renderBenchMarkdown(report));
  });
});

describe('npm run bench (CLI)', () => {
  it('selects benchmarks by name, in the listed order', () => {
    expect(selectBenchmarks('heap-snapshot,order-book').map((b) => b.name)).toEqual(['order-book', 'heap-snapshot']);
    expect(selectBenchmarks(undefined).map((b) => b.name)).toEqual(['order-book', 'ingest', 'socket-ingest', 'metrics-load', 'probe-overhead', 'heap-snapshot']);
    // The 1 GB snapshot job runs only when named.
    expect(selectBenchmarks('heap-snapshot-1g').map((b) => b.name)).toEqual(['heap-snapshot-1g']);
    expect(() => selectBenchmarks('nope')).toThrow(/'nope' is not a benchmark/);
  });

  it('an unknown --only is one line and exit 2; --list names the six and the opt-in one', async () => {
    const bad = await run(process.execPath, ['--import', loader, cli, '--only', 'nope']).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => error,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^error SOAK_ERR_USAGE: bench: --only 'nope' is not a benchmark/)]);
    const { stdout } = await run(process.execPath, ['--import', loader, cli, '--list']);
    expect(stdout.trim().split('\n').map((line) => line.split(' ')[0])).toEqual(['order-book', 'ingest', 'socket-ingest', 'metrics-load', 'probe-overhead', 'heap-snapshot', 'heap-snapshot-1g']);
    expect(stdout).toMatch(/heap-snapshot-1g .*\(opt-in: --only\)/);
  });
});
