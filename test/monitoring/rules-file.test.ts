// The committed rules file is the generator's output, passes promtool's own checks and unit tests, and every
// alert of the issue is there with unit tests that expect it both firing and silent.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_THRESHOLDS, readDeclaredAlerts, renderRulesFile, runPromtool } from '../../harness/alerts/index.ts';
import { requirePromtool } from './require-promtool.ts';

const root = new URL('../../', import.meta.url).pathname;
const rulesPath = join(root, 'monitoring/rules/collector-alerts.yml');
const testsDir = join(root, 'monitoring/tests');
const testFiles = readdirSync(testsDir).filter((name) => name.endsWith('.test.yml')).map((name) => join(testsDir, name));

const EXPECTED_ALERTS: Record<string, 'critical' | 'warning'> = {
  CollectorTargetDown: 'critical',
  CollectorNoDataIngestion: 'critical',
  CollectorDataIngestionLow: 'warning',
  DataSourceDown: 'critical',
  HighErrorRate: 'warning',
  CollectorHighMemory: 'critical',
  MemoryLeak: 'warning',
  FileDescriptorLeak: 'warning',
  CollectorHighConnections: 'warning',
  GCPerformanceDegraded: 'warning',
  SoakMemoryGrowthHigh: 'warning',
  SoakFdGrowthHigh: 'warning',
};

beforeAll(() => requirePromtool());

describe('monitoring/rules/collector-alerts.yml', () => {
  it('is exactly what the generator writes with the runbook defaults', () => {
    expect(readFileSync(rulesPath, 'utf8')).toBe(renderRulesFile({ ...DEFAULT_ALERT_THRESHOLDS }));
  });

  it('declares every alert of the runbook with its severity', () => {
    const declared = readDeclaredAlerts(readFileSync(rulesPath, 'utf8'));
    expect(Object.fromEntries(declared.map((alert) => [alert.alert, alert.severity]))).toEqual(EXPECTED_ALERTS);
  });

  it('passes `promtool check rules`', async () => {
    const result = await runPromtool(['check', 'rules', rulesPath]);
    expect(result.stdout + result.stderr).toContain(`SUCCESS: ${Object.keys(EXPECTED_ALERTS).length} rules found`);
    expect(result.code).toBe(0);
  });

  it('passes `promtool test rules` on every unit-test file', async () => {
    expect(testFiles.length).toBeGreaterThanOrEqual(3);
    const result = await runPromtool(['test', 'rules', ...testFiles], { cwd: testsDir });
    expect(result.stdout + result.stderr).not.toContain('FAILED');
    expect(result.code).toBe(0);
  });

  it('has, for every alert, a unit test where it fires and one where it stays silent', () => {
    const text = testFiles.map((file) => readFileSync(file, 'utf8')).join('\n');
    // Each alert_rule_test entry: `alertname: X` followed by `exp_alerts: []` (silent) or a list (fires).
    const entries = [...text.matchAll(/alertname: (\w+)\n\s+exp_alerts:( \[\])?/g)];
    for (const alert of Object.keys(EXPECTED_ALERTS)) {
      const mine = entries.filter((entry) => entry[1] === alert);
      expect(mine.some((entry) => entry[2] === ' []'), `${alert} silent`).toBe(true);
      expect(mine.some((entry) => entry[2] === undefined), `${alert} fires`).toBe(true);
    }
  });

  it('fails promtool test when a threshold moves (the unit tests can fail)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'soakbook-rules-'));
    try {
      // Same layout as monitoring/: the unit tests name ../rules/collector-alerts.yml.
      mkdirSync(join(dir, 'rules'));
      mkdirSync(join(dir, 'tests'));
      writeFileSync(join(dir, 'rules', 'collector-alerts.yml'), renderRulesFile({ ...DEFAULT_ALERT_THRESHOLDS, openFds: 2000 }));
      copyFileSync(join(testsDir, 'resources.test.yml'), join(dir, 'tests', 'resources.test.yml'));
      const result = await runPromtool(['test', 'rules', join(dir, 'tests', 'resources.test.yml')]);
      expect(result.code).toBe(1);
      expect(result.stdout + result.stderr).toMatch(/alertname: FileDescriptorLeak, time: 12m/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('monitoring/generate-rules.ts (the real CLI)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'soakbook-generate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes a customised rules file that promtool accepts', async () => {
    const out = join(dir, 'custom.yml');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'monitoring/generate-rules.ts', '--memory-leak-mb', '100', '--open-fds', '2000', '--target-down-for', '1m', '--job', 'my-collector', '--out', out], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status, run.stderr).toBe(0);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`delta(process_resident_memory_bytes{job="my-collector"}[30m]) > ${100 * 1_048_576}`);
    expect(text).toContain('process_open_fds{job="my-collector"} > 2000');
    expect(text).toMatch(/alert: CollectorTargetDown\n(?:.*\n){2}\s+for: 1m\n/);
    expect(text).toContain('# Generated by: npx tsx monitoring/generate-rules.ts --memory-leak-mb 100 --open-fds 2000 --target-down-for 1m --job my-collector\n');
    const check = await runPromtool(['check', 'rules', out]);
    expect(check.code).toBe(0);
  });

  it('rejects a bad threshold with one line and exit 2', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'monitoring/generate-rules.ts', '--open-fds', 'lots'], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(2);
    const lines = run.stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual(["error SOAK_ERR_USAGE: generate-rules: --open-fds must be a number (got 'lots')"]);
  });
});
