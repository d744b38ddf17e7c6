import { describe, expect, it } from '@jest/globals';
import { backoffDelay, retryAfterMs } from './retry.js';

const policy = { retries: 5, baseDelayMs: 500, maxDelayMs: 4000, maxRetryAfterMs: 120_000 };

describe(backoffDelay.name, () => {
  it('doubles the window per attempt, jitters within its upper half, and caps it', () => {
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 0))).toEqual([250, 500, 1000, 2000, 2000]);
    expect([0, 1, 2, 3, 4].map((a) => backoffDelay(a, policy, () => 1))).toEqual([500, 1000, 2000, 4000, 4000]);
  });
});

describe(retryAfterMs.name, () => {
  it('reads Retry-After as seconds or as an HTTP date', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    expect(retryAfterMs('7', now)).toBe(7000);
    expect(retryAfterMs('Mon, 23 Nov 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs('soon', now)).toBeUndefined();
  });
});
