import { describe, expect, it } from '@jest/globals';
import { healthAfterRun, HEALTHY, isPaused } from './source-health.js';

const t0 = new Date('2026-11-23T12:00:00Z');
const policy = { threshold: 3, basePauseMs: 60_000, maxPauseMs: 240_000 };
const fail = { ok: false as const, reason: 'HTTP 500 from shop.example', blocked: false };

describe(healthAfterRun.name, () => {
  it('marks a source degraded at the first failure and opens the circuit at the threshold, doubling the pause up to the cap', () => {
    const h1 = healthAfterRun(HEALTHY, fail, t0, policy);
    expect(h1).toEqual({ status: 'degraded', reason: fail.reason, consecutiveFailures: 1 });
    const h2 = healthAfterRun(h1, fail, t0, policy);
    const h3 = healthAfterRun(h2, fail, t0, policy);
    expect(h3.pausedUntil).toEqual(new Date(t0.getTime() + 60_000));
    const h4 = healthAfterRun(h3, fail, t0, policy);
    expect(h4.pausedUntil).toEqual(new Date(t0.getTime() + 120_000));
    const h6 = healthAfterRun(healthAfterRun(h4, fail, t0, policy), fail, t0, policy);
    expect(h6.pausedUntil).toEqual(new Date(t0.getTime() + 240_000));
    expect(isPaused(h6, new Date(t0.getTime() + 239_000))).toBe(true);
    expect(isPaused(h6, new Date(t0.getTime() + 240_000))).toBe(false);
  });

  it('opens the circuit at once for a login wall or captcha', () => {
    const h = healthAfterRun(HEALTHY, { ok: false, reason: 'login wall', blocked: true }, t0, policy);
    expect(h).toEqual({ status: 'degraded', reason: 'login wall', consecutiveFailures: 1, pausedUntil: new Date(t0.getTime() + 60_000) });
  });

  it('closes the circuit and clears the reason after a good run', () => {
    const h = healthAfterRun(healthAfterRun(HEALTHY, fail, t0, policy), { ok: true }, t0, policy);
    expect(h).toEqual(HEALTHY);
  });
});
