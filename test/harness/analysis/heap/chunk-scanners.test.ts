import { describe, expect, it } from 'vitest';
import { scanUnsigned, type NumberScan } from '../../../../harness/analysis/heap/chunk-scanners.ts';
import { GrowableNumberArray } from '../../../../harness/analysis/heap/growable-number-array.ts';

/** Scans `text` (the array body after `[`) in chunks of `chunkBytes`, as JsonByteReader does. */
function scan(text: string, chunkBytes: number, capacity = 4): { values: number[]; error: string | undefined } {
  const bytes = Buffer.from(text, 'latin1');
  const sink = new GrowableNumberArray(capacity);
  const state: NumberScan = { value: 0, inNumber: false, last: 0, count: 0, error: undefined };
  for (let pos = 0; pos < bytes.length; pos += chunkBytes) {
    const chunk = Buffer.from(bytes.subarray(pos, Math.min(pos + chunkBytes, bytes.length)));
    const stop = scanUnsigned(chunk, 0, chunk.length, state, sink);
    if (state.error !== undefined || stop >= 0) break;
  }
  return { values: Array.from(sink.finish()), error: state.error };
}

/** Deterministic mix of the shapes a number array takes: 1–15 digits (all below 2^53), `,` and `\n,` separators, stray spaces. */
function body(count: number, maxDigits = 15): { text: string; values: number[] } {
  const values: number[] = [];
  let text = '';
  let seed = 12345;
  for (let n = 0; n < count; n++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const digits = 1 + (seed % maxDigits);
    const value = Number(String(seed).repeat(3).slice(0, digits));
    values.push(value);
    text += String(value);
    if (n < count - 1) text += ['\n,', ',', ' , ', ','][seed % 4];
  }
  return { text: `${text}]`, values };
}

describe('scanUnsigned', () => {
  it('reads 1- to 15-digit numbers exactly as JSON.parse does, whatever the chunk size and starting capacity', () => {
    const { text, values } = body(3000);
    expect(JSON.parse(`[${text}`)).toEqual(values);
    for (const chunkBytes of [1, 7, 13, 64, 1000, 1 << 20]) {
      expect(scan(text, chunkBytes)).toEqual({ values, error: undefined });
    }
    expect(scan(text, 1 << 20, 5000).values).toEqual(values);
  });

  it('widens 32-bit storage for the first 10-digit number above 2^32, wherever it sits', () => {
    // Up to 10 digits: the storage starts as Uint32Array and must widen mid-run, not wrap.
    const { text, values } = body(3000, 10);
    expect(values.some((value) => value > 0xffff_ffff)).toBe(true);
    for (const chunkBytes of [1, 13, 1 << 20]) expect(scan(text, chunkBytes, 5000)).toEqual({ values, error: undefined });
  });

  it('refuses the same malformed arrays inside a long run as at its end', () => {
    const run = '1,22,333,\n'.repeat(1) + Array.from({ length: 50 }, (_, i) => String(i)).join(',');
    expect(scan(`${run},,5]`, 1 << 20).error).toBe("misplaced ','");
    expect(scan(`${run} 5,6,7,8,9,10,11,12,13,14,15]`, 1 << 20).error).toBe("missing ','");
    expect(scan(`${run},x,2,3,4,5,6,7,8,9,10,11,12,13,14]`, 1 << 20).error).toBe('expected an unsigned integer');
    expect(scan(`${run},]`, 1 << 20).error).toBe("trailing ','");
    expect(scan(`${run},${'9'.repeat(17)},1,2,3,4,5,6,7,8,9,10,11,12,13]`, 1 << 20).error).toBe('number too large');
  });
});
