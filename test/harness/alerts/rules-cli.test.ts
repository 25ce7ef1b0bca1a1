import { describe, expect, it } from 'vitest';
import { DEFAULT_ALERT_THRESHOLDS, renderRulesFile, thresholdsFromOptions, validateAlertThresholds } from '../../../harness/alerts/index.ts';
import { parseCli } from '../../../harness/cli/cli-options.ts';
import { RULES_CLI } from '../../../harness/alerts/index.ts';

describe('rules generator options', () => {
  it('turn flags into thresholds over the runbook defaults', () => {
    const { options } = parseCli(RULES_CLI, ['--memory-leak-mb', '100', '--memory-leak-window', '1h', '--job', 'c2']);
    const thresholds = thresholdsFromOptions(options as Record<string, number | string | boolean | undefined>);
    expect(thresholds).toEqual({ ...DEFAULT_ALERT_THRESHOLDS, memoryLeakMb: 100, memoryLeakWindowMs: 3_600_000, job: 'c2' });
    const text = renderRulesFile(thresholds);
    expect(text).toContain('delta(process_resident_memory_bytes{job="c2"}[1h]) > 104857600');
    // The start gate covers warm-up + window: 10 min + 1 h.
    expect(text).toContain('(time() - process_start_time_seconds{job="c2"}) > 4200');
  });

  it('take --gc-p95-ms as milliseconds and windows as durations', () => {
    const { options } = parseCli(RULES_CLI, ['--gc-p95-ms', '80', '--gc-window', '15m']);
    const thresholds = thresholdsFromOptions(options as Record<string, number | string | boolean | undefined>);
    expect(thresholds.gcP95Ms).toBe(80);
    expect(thresholds.gcWindowMs).toBe(900_000);
    expect(renderRulesFile(thresholds)).toContain('[15m]))) > 0.08');
  });

  it('reject bad values with SOAK_ERR_USAGE naming the field', () => {
    expect(() => parseCli(RULES_CLI, ['--gc-p95-ms=-1'])).toThrow(/--gc-p95-ms must be at least 0/);
    expect(() => validateAlertThresholds({ ...DEFAULT_ALERT_THRESHOLDS, job: 'a"b' })).toThrow(/job must be/);
    expect(() => validateAlertThresholds({ ...DEFAULT_ALERT_THRESHOLDS, gcWindowMs: 0 })).toThrow(/gcWindowMs must be longer than 0/);
    expect(() => validateAlertThresholds({ ...DEFAULT_ALERT_THRESHOLDS, openFds: Number.NaN })).toThrow(/openFds must be a finite number/);
  });

  it('lists every flag in --help with its default', () => {
    const { help } = parseCli(RULES_CLI, ['--help']);
    expect(help).toBe(true);
  });
});
