import { describe, expect, it } from 'vitest';
import { parseDecimal } from '../../../src/book/index.ts';

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
});
