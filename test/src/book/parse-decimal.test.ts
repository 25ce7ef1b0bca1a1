import { describe, expect, it } from 'vitest';
import { parseDecimal, parseScaledInto } from '../../../src/book/index.ts';

describe('parseDecimal', () => {
  it('gives exactly what Number() gives for exchange decimals', () => {
    for (const text of ['0', '0.0', '30246', '30246.5', '0.00006547', '6195.00000000', '.5', '1.', '123456789012.345', '0.1', '0.3']) {
      expect(parseDecimal(text)).toBe(Number(text));
    }
  });

  it('falls back for long or exotic forms and rejects non-numbers', () => {
    expect(parseDecimal('1e3')).toBe(1000);
    expect(parseDecimal('12345678901234567.5')).toBe(Number('12345678901234567.5'));
    expect(parseDecimal('')).toBeNaN();
    expect(parseDecimal('.')).toBeNaN();
    expect(parseDecimal('1.2.3')).toBeNaN();
    expect(parseDecimal('abc')).toBeNaN();
    expect(parseDecimal('-1')).toBe(-1);
  });

  it('parseScaledInto also gives the digits as an integer, or -1 when it fell back to Number()', () => {
    const out = new Float64Array(2);
    const cases: Array<[string, number, number]> = [['30246.57', 30246.57, 3024657], ['0.00006547', 0.00006547, 6547], ['12', 12, 12], ['1.', 1, 1], ['.5', 0.5, 5], ['1e3', 1000, -1], ['abc', NaN, -1], ['.', NaN, -1], ['', NaN, -1], ['12345678901234567.5', Number('12345678901234567.5'), -1]];
    for (const [text, value, digits] of cases) {
      parseScaledInto(text, out, 0);
      expect([text, out[0], out[1]]).toEqual([text, value, digits]);
    }
  });
});
