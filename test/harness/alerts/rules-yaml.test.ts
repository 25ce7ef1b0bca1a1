import { describe, expect, it } from 'vitest';
import { buildAlertRules, DEFAULT_ALERT_THRESHOLDS, formatPromDuration, readDeclaredAlerts, renderRulesYaml } from '../../../harness/alerts/index.ts';

describe('renderRulesYaml and readDeclaredAlerts', () => {
  it('read back every rule they wrote: name, severity, for and the multi-line expression', () => {
    const groups = buildAlertRules({ ...DEFAULT_ALERT_THRESHOLDS });
    const declared = readDeclaredAlerts(renderRulesYaml(groups, ['header']));
    const rules = groups.flatMap((group) => group.rules);
    expect(declared).toEqual(rules.map((rule) => ({ alert: rule.alert, severity: rule.severity, expr: rule.expr.split('\n').map((l) => l.trim()).join('\n'), forText: formatPromDuration(rule.forMs) })));
  });

  it('reads quoted and inline values and skips recording rules', () => {
    const text = [
      'groups:',
      '  - name: g',
      '    rules:',
      '      - record: job:x:rate5m',
      '        expr: rate(x[5m])',
      "      - alert: 'A'",
      '        expr: "up == 0"',
      '        labels:',
      "          severity: 'critical'",
      '      - alert: B',
      '        expr: y > 1',
      '        for: 2m',
    ].join('\n');
    expect(readDeclaredAlerts(text)).toEqual([
      { alert: 'A', severity: 'critical', expr: 'up == 0', forText: '0s' },
      { alert: 'B', severity: 'none', expr: 'y > 1', forText: '2m' },
    ]);
  });
});

describe('formatPromDuration', () => {
  it('writes Prometheus durations', () => {
    expect(formatPromDuration(0)).toBe('0s');
    expect(formatPromDuration(30_000)).toBe('30s');
    expect(formatPromDuration(90_000)).toBe('1m30s');
    expect(formatPromDuration(3_600_000 + 1500)).toBe('1h1s500ms');
    expect(() => formatPromDuration(1.5)).toThrow(RangeError);
  });
});
