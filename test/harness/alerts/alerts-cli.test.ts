import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type AlertOutcome, evaluateAlertsMain, formatAlertOutcomes } from '../../../harness/alerts/index.ts';
import { LEAKY, writeSyntheticRun } from './synthetic-run.ts';

const dirs: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('evaluateAlertsMain', () => {
  it('prints one line per alert, fired first, and writes alerts/alerts.json', async () => {
    // FDs climb 120 a minute: past 800 at 6.5 min (gauges keep their values under a time scale).
    const dir = await writeSyntheticRun({ ...LEAKY, fds: (min) => 24 + 120 * min, minutes: 8, intervalMs: 5000 });
    dirs.push(dir);
    const printed: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      printed.push(String(chunk));
      return true;
    });
    expect(await evaluateAlertsMain([dir, '--time-scale', '6'])).toBe(0);
    const lines = printed.join('').trim().split('\n');
    expect(lines).toHaveLength(12);
    // for: 3m of series time is 30 s of run time at scale 6.
    expect(lines.find((line) => line.includes('FileDescriptorLeak'))).toMatch(/^FIRED {2}FileDescriptorLeak \(warning\): firing from 7m(\d+s)? into the run/);
    expect(lines.filter((line) => line.startsWith('FIRED')).length).toBe(2);
    expect(lines[0]).toMatch(/^FIRED {2}SoakFdGrowthHigh/);
    expect(lines.at(-1)).toMatch(/^n\/a {4}DataSourceDown/);
    const saved = JSON.parse(readFileSync(join(dir, 'alerts', 'alerts.json'), 'utf8')) as AlertOutcome[];
    expect(saved.find((o) => o.alert === 'FileDescriptorLeak')?.fired).toBe(true);
  });

  it('rejects a time scale below 1 as a usage error', async () => {
    await expect(evaluateAlertsMain(['/tmp', '--time-scale', '0.5'])).rejects.toMatchObject({ code: 'SOAK_ERR_USAGE' });
  });
});

describe('formatAlertOutcomes', () => {
  it('orders fired, silent, too-short, not-evaluable', () => {
    const outcome = (alert: string, status: AlertOutcome['status']): AlertOutcome => ({ alert, severity: 'warning', fired: status === 'fired', firstFiredAtMs: null, status, detail: 'd' });
    expect(formatAlertOutcomes([outcome('A', 'not-evaluable'), outcome('B', 'too-short'), outcome('C', 'fired'), outcome('D', 'silent')])).toEqual([
      'FIRED  C (warning): d',
      'silent D (warning): d',
      'short  B (warning): d',
      'n/a    A (warning): d',
    ]);
  });
});
