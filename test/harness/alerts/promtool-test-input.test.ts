import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandingNotation, runPromtool } from '../../../harness/alerts/index.ts';
import { plainNumber } from '../../../harness/alerts/promtool-test-input.ts';
import { requirePromtool } from '../../monitoring/require-promtool.ts';

describe('expandingNotation', () => {
  it('compresses runs of equal values and of gaps', () => {
    expect(expandingNotation([1, 1, 1, null, null, 2.5, -3, -3, null])).toBe('1+0x2 _x2 2.5 -3+0x1 _');
    expect(expandingNotation([])).toBe('');
    expect(expandingNotation([7])).toBe('7');
  });

  it('writes numbers without exponents', () => {
    expect(plainNumber(3.5e9)).toBe('3500000000');
    expect(plainNumber(1e-7)).toBe('0.0000001');
    expect(plainNumber(-0)).toBe('0');
    expect(() => plainNumber(Number.NaN)).toThrow(RangeError);
  });

  it('means to promtool exactly the values it was given', async () => {
    requirePromtool();
    const values = [1, 1, 1, null, null, 2.5, -3, -3, 1e-7, 3.5e9];
    const expected = [1, 1, 1, 1, 1, 2.5, -3, -3, 1e-7, 3.5e9]; // a gap shows the last value (5 min lookback)
    const checks = expected.map((value, i) => `      - expr: x\n        eval_time: ${i * 10}s\n        exp_samples: [{labels: 'x', value: ${value}}]`);
    const counted = `      - expr: count_over_time(x[90s])\n        eval_time: 90s\n        exp_samples: [{labels: '{}', value: 8}]`;
    const dir = mkdtempSync(join(tmpdir(), 'soakbook-notation-'));
    try {
      const file = join(dir, 't.yml');
      // promtool loads input samples only as far as its rule-evaluation steps reach: evaluate every point.
      writeFileSync(file, `evaluation_interval: 10s\ntests:\n  - interval: 10s\n    input_series:\n      - series: 'x'\n        values: ${JSON.stringify(expandingNotation(values))}\n    promql_expr_test:\n${[...checks, counted].join('\n')}\n`);
      const result = await runPromtool(['test', 'rules', file]);
      expect(result.stdout + result.stderr).toContain('SUCCESS');
      expect(result.code).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
