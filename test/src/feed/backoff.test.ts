import { describe, expect, it } from 'vitest';
import { Backoff, parseRetryAfterMs, RETRY_AFTER_MAX_MS } from '../../../src/feed/index.ts';

describe('Backoff', () => {
  it('doubles up to the max, jittered within [½, 1] of the schedule, and resets', () => {
    const top = new Backoff(100, 1_000, () => 1);
    expect([top.next(), top.next(), top.next(), top.next(), top.next()]).toEqual([100, 200, 400, 800, 1_000]);
    const bottom = new Backoff(100, 1_000, () => 0);
    expect([bottom.next(), bottom.next(), bottom.next()]).toEqual([50, 100, 200]);
    bottom.reset();
    expect(bottom.attempt).toBe(0);
    expect(bottom.next()).toBe(50);
  });

  it('stays finite after many failures', () => {
    const backoff = new Backoff(1, 30_000, () => 1);
    for (let i = 0; i < 2_000; i++) backoff.next();
    expect(backoff.next()).toBe(30_000);
  });
});

describe('parseRetryAfterMs', () => {
  it('reads delta-seconds and HTTP-dates, caps absurd values, ignores junk', () => {
    expect(parseRetryAfterMs('2')).toBe(2_000);
    expect(parseRetryAfterMs(' 0 ')).toBe(0);
    const now = Date.parse('Sun, 22 Nov 2026 02:00:00 GMT');
    expect(parseRetryAfterMs('Sun, 22 Nov 2026 02:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfterMs('Sun, 22 Nov 2026 01:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfterMs('999999999')).toBe(RETRY_AFTER_MAX_MS);
    expect(parseRetryAfterMs('soon')).toBeUndefined();
    expect(parseRetryAfterMs(null)).toBeUndefined();
  });
});
