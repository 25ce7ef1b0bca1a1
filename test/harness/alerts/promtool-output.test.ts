import { describe, expect, it } from 'vitest';
import { readFiringAlerts } from '../../../harness/alerts/index.ts';

// Verbatim shape of promtool 2.42's report for failed promql_expr_test entries.
const OUTPUT = `Unit Testing:  /tmp/run/alerts/promtool-test.yml
  FAILED:
    expr: "label_replace(vector(1), \\"soakbook_sentinel\\", \\"ok\\", \\"\\", \\"\\")", time: 0s,
        exp: nil
        got: {soakbook_sentinel="ok"} 1E+00
    expr: "label_replace(count by (alertname) (ALERTS{alertstate=\\"firing\\"}), \\"soakbook_eval_ms\\", \\"2400000\\", \\"\\", \\"\\")", time: 40m,
        exp: nil
        got: {alertname="FileDescriptorLeak", soakbook_eval_ms="2400000"} 1E+00, {alertname="MemoryLeak", soakbook_eval_ms="2400000"} 1E+00
    expr: "label_replace(count by (alertname) (ALERTS{alertstate=\\"firing\\"}), \\"soakbook_eval_ms\\", \\"2340000\\", \\"\\", \\"\\")", time: 39m,
        exp: nil
        got: {alertname="FileDescriptorLeak", soakbook_eval_ms="2340000"} 1E+00
`;

describe('readFiringAlerts', () => {
  it('reads each alert and the eval times it was firing at, from got lines only', () => {
    const firing = readFiringAlerts(OUTPUT);
    expect(firing.sentinelSeen).toBe(true);
    expect(Object.fromEntries(firing.firingAtMs)).toEqual({ FileDescriptorLeak: [2_340_000, 2_400_000], MemoryLeak: [2_400_000] });
  });

  it('reports a missing sentinel (promtool failed before evaluating)', () => {
    const firing = readFiringAlerts('  FAILED:\n    rules.yml: 3:5: group "g", rule 1: could not parse expression\n');
    expect(firing.sentinelSeen).toBe(false);
    expect(firing.firingAtMs.size).toBe(0);
  });
});
