import { describe, expect, it } from '@jest/globals';
import { resolvePeriod, snapshotMaxAge, stepFloor } from './period.js';

const now = new Date('2026-11-20T08:00:00Z');

describe('resolvePeriod', () => {
  it('ends a preset now and compares it with the same length just before', () => {
    const p = resolvePeriod({ period: '7d', tz: 'UTC' }, now);
    expect(p.from.toISOString()).toBe('2026-11-13T08:00:00.000Z');
    expect(p.previousFrom.toISOString()).toBe('2026-11-06T08:00:00.000Z');
    expect(p.previousTo).toEqual(p.from);
    expect(p.stepMs).toBe(3_600_000);
  });

  it('keeps charts under about 200 points: 15 min for a day, 6 h for 30 days', () => {
    expect(resolvePeriod({ period: '24h', tz: 'UTC' }, now).stepMs).toBe(15 * 60_000);
    expect(resolvePeriod({ period: '30d', tz: 'UTC' }, now).stepMs).toBe(6 * 3_600_000);
    expect(resolvePeriod({ from: new Date('2026-11-20T06:00:00Z'), to: now, tz: 'UTC' }, now).stepMs).toBe(5 * 60_000);
  });

  it('starts a period on a whole hour: a preset floored, a custom range widened', () => {
    const p = resolvePeriod({ period: '24h', tz: 'UTC' }, new Date('2026-11-20T08:41:00Z'));
    expect([p.from.toISOString(), p.to.toISOString(), p.previousFrom.toISOString()]).toEqual(['2026-11-19T08:00:00.000Z', '2026-11-20T08:41:00.000Z', '2026-11-18T08:00:00.000Z']);
    const c = resolvePeriod({ from: new Date('2026-11-19T10:20:00Z'), to: new Date('2026-11-19T12:05:00Z'), tz: 'UTC' }, now);
    expect([c.from.toISOString(), c.to.toISOString(), c.previousFrom.toISOString()]).toEqual(['2026-11-19T10:00:00.000Z', '2026-11-19T13:00:00.000Z', '2026-11-19T07:00:00.000Z']);
  });

  it('lets a snapshot lag by the same share of a chart step whatever the preset', () => {
    expect([snapshotMaxAge(30_000, '24h'), snapshotMaxAge(30_000, '7d'), snapshotMaxAge(30_000, '30d')]).toEqual([30_000, 120_000, 720_000]);
  });

  it('refuses a custom range that ends before it starts', () => {
    expect(() => resolvePeriod({ from: now, to: new Date('2026-11-19T00:00:00Z'), tz: 'UTC' }, now)).toThrow(/must be before "to"/);
  });
});

describe('stepFloor', () => {
  it('aligns days to midnight in the viewer time zone', () => {
    expect(new Date(stepFloor(86_400_000, 'Asia/Shanghai')(Date.parse('2026-11-20T08:00:00Z'))).toISOString()).toBe('2026-11-19T16:00:00.000Z');
    expect(new Date(stepFloor(86_400_000, 'America/New_York')(Date.parse('2026-11-20T03:00:00Z'))).toISOString()).toBe('2026-11-19T05:00:00.000Z');
  });
});
