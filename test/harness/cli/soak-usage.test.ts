import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSoak } from './soak-cli-helpers.ts';

describe('npm run soak: bad input is one line, exit 2, nothing started', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'soak-usage-'));
    writeFileSync(join(dir, 'base.json'), JSON.stringify({ scenario: 'smoke' }));
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ name: 'bad', description: 'x', durationMs: 5, symbols: {}, feed: { kind: 'synthetic', messagesPerSecondPerSymbol: 1 } }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string[], RegExp]> = [
    [['--hours', 'x'], /^error SOAK_ERR_USAGE: soak: --hours must be a number \(got 'x'\)$/],
    [['--hours', '1', '--minutes', '2'], /^error SOAK_ERR_USAGE: soak: give --hours or --minutes, not both/],
    [['--scenario', 'nope'], /^error SOAK_ERR_SCENARIO: no scenario named 'nope' and no such file/],
    [['--scenario', 'BAD'], /^error SOAK_ERR_SCENARIO: scenario .*bad\.json: durationMs: /],
    [['--replay', 'missing.ws'], /^error SOAK_ERR_USAGE: soak: --replay missing\.ws: no such file/],
    [['--sample-interval', '5ms'], /^error SOAK_ERR_USAGE: soak: --sample-interval must be at least 100/],
    [['--seed', '1.5'], /^error SOAK_ERR_USAGE: soak: --seed must be a whole number/],
    [['--frobnicate'], /^error SOAK_ERR_USAGE: soak: Unknown option '--frobnicate'/],
    [['--alerts-time-scale', '10'], /^error SOAK_ERR_USAGE: soak: --alerts-time-scale goes with --alerts/],
    [['--baseline', 'none.json'], /^error SOAK_ERR_BASELINE: soak: --baseline none\.json: no such file$/],
    [['--baseline', 'base.json'], /^error SOAK_ERR_BASELINE: .*base\.json: schemaVersion: /],
  ];

  it('rejects each bad flag before starting anything', async () => {
    // Run them concurrently: each is a process start plus a parse.
    const results = await Promise.all(
      cases.map(async ([args]) => {
        const resolved = args.map((a) => (a === 'BAD' ? join(dir, 'bad.json') : a));
        const soak = startSoak([...resolved, '--out', join(dir, 'run')], dir);
        return { ...(await soak.exit), stderr: soak.stderr() };
      }),
    );
    results.forEach((result, i) => {
      const pattern = cases[i]?.[1] as RegExp;
      expect(result.code, result.stderr).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr.trim()).toMatch(pattern);
    });
    expect(existsSync(join(dir, 'run'))).toBe(false);
    expect(readdirSync(dir).sort()).toEqual(['bad.json', 'base.json']);
  }, 60_000);

  it('prints --help from the option table', async () => {
    const soak = startSoak(['--help']);
    expect((await soak.exit).code).toBe(0);
    expect(soak.stdout()).toMatch(/^Usage: npm run soak -- \[options\]/);
    for (const flag of ['--hours', '--minutes', '--scenario', '--target', '--replay', '--speed', '--seed', '--out', '--sample-interval', '--baseline', '--metrics-port', '--alerts']) {
      expect(soak.stdout()).toContain(flag);
    }
  }, 30_000);
});
