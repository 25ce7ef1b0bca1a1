import { describe, expect, it } from 'vitest';
import { CachedReading } from '../../../src/metrics/index.ts';

describe('CachedReading', () => {
  it('awaits only the first reading, then serves the last value and refreshes once per TTL in the background', async () => {
    let calls = 0;
    let release: (() => void) | undefined;
    const reading = new CachedReading(async () => {
      calls++;
      if (calls === 2) await new Promise<void>((resolve) => (release = resolve));
      return calls * 10;
    }, 1_000);
    expect(await reading.read(0)).toBe(10);
    expect(await reading.read(500)).toBe(10); // fresh: no refresh
    expect(calls).toBe(1);
    expect(await reading.read(1_000)).toBe(10); // stale: served at once, one refresh started
    expect(await reading.read(1_001)).toBe(10); // the refresh is still in flight: not started twice
    expect(calls).toBe(2);
    release?.();
    await new Promise((resolve) => setImmediate(resolve));
    expect(await reading.read(1_002)).toBe(20);
  });

  it('keeps serving the last value when a refresh fails, and counts the failure', async () => {
    let fail = false;
    const reading = new CachedReading(async () => {
      if (fail) throw new Error('proc gone');
      return 7;
    }, 0);
    expect(await reading.read()).toBe(7);
    fail = true;
    expect(await reading.read()).toBe(7);
    await new Promise((resolve) => setImmediate(resolve));
    expect(reading.failures).toBe(1);
    expect((reading.lastError as Error).message).toBe('proc gone');
    expect(await reading.read()).toBe(7);
  });
});
