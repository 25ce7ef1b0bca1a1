// The population counter: exact counts for 53-bit keys, through growth and colliding low bits.
import { describe, expect, it } from 'vitest';
import { KeyCounter } from '../../../../harness/analysis/heap/key-counter.ts';

describe('KeyCounter', () => {
  it('counts keys exactly, including 0, keys past 2^32 and keys that share their low 32 bits', () => {
    const counter = new KeyCounter(4);
    const keys = [0, 7, 2 ** 32 + 7, 2 ** 52 + 7, 2 ** 53 - 1, 7, 0, 2 ** 32 + 7];
    for (const key of keys) counter.add(key);
    expect(counter.size).toBe(5);
    expect([...counter.toMap()].sort((a, b) => a[0] - b[0])).toEqual([
      [0, 2],
      [7, 2],
      [2 ** 32 + 7, 2],
      [2 ** 52 + 7, 1],
      [2 ** 53 - 1, 1],
    ]);
  });

  it('agrees with a Map over 100,000 adds of 5,000 keys (several regrowths)', () => {
    const counter = new KeyCounter(2);
    const reference = new Map<number, number>();
    for (let i = 0; i < 100_000; i++) {
      const key = ((i * 7919) % 5000) * 0x1_0000_0001;
      counter.add(key);
      reference.set(key, (reference.get(key) ?? 0) + 1);
    }
    expect(counter.size).toBe(5000);
    expect(counter.toMap()).toEqual(reference);
  });
});
