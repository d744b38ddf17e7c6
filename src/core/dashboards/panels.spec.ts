import { describe, expect, it } from '@jest/globals';
import { BUCKET_MS, emptyCounts, type BucketPoint } from '../mention/bucket.js';
import { netSentiment, rollUp, shareOfVoice, topicRows, totalsOf, trendOf } from './panels.js';
import { stepFloor } from './period.js';

const point = (start: string, counts: Partial<BucketPoint>): BucketPoint => ({ start: Date.parse(start), ...emptyCounts(), ...counts });

describe('netSentiment', () => {
  it('is (positive − negative) / (positive + negative) × 100, leaving neutral mentions out', () => {
    expect(netSentiment(30, 10)).toBe(50);
    expect(netSentiment(0, 4)).toBe(-100);
  });
  it('is null when nothing polar was said', () => {
    expect(netSentiment(0, 0)).toBeNull();
  });
});

describe('rollUp', () => {
  it('sums 5-minute buckets into hourly steps aligned to the time zone, keeping empty steps', () => {
    const points = [
      point('2026-11-20T00:00:00Z', { total: 2, positive: 2, likes: 3 }),
      point('2026-11-20T00:55:00Z', { total: 1, negative: 1, crisis: 1 }),
      point('2026-11-20T02:10:00Z', { total: 4, negative: 1, neutral: 3 }),
    ];
    const series = rollUp(points, Date.parse('2026-11-20T00:00:00Z'), Date.parse('2026-11-20T03:00:00Z'), 3_600_000, stepFloor(3_600_000, 'Asia/Kolkata'));
    // Kolkata is UTC+5:30: local hours start at hh:30 UTC.
    expect(series.map((s) => new Date(s.t).toISOString())).toEqual(['2026-11-19T23:30:00.000Z', '2026-11-20T00:30:00.000Z', '2026-11-20T01:30:00.000Z', '2026-11-20T02:30:00.000Z']);
    expect(series.map((s) => s.total)).toEqual([2, 1, 4, 0]);
    expect(series.map((s) => s.nsi)).toEqual([100, -100, -100, null]);
    expect(series[0]!.engagement).toBe(3);
  });

  it('starts days at local midnight, also across a daylight-saving change', () => {
    const floor = stepFloor(86_400_000, 'Europe/Berlin');
    const series = rollUp([], Date.parse('2026-10-24T12:00:00Z'), Date.parse('2026-10-27T12:00:00Z'), 86_400_000, floor);
    expect(series.map((s) => new Date(s.t).toISOString())).toEqual(['2026-10-23T22:00:00.000Z', '2026-10-24T22:00:00.000Z', '2026-10-25T23:00:00.000Z', '2026-10-26T23:00:00.000Z']);
  });
});

describe('totalsOf', () => {
  it('adds the counters and the engagement of a range', () => {
    const t = totalsOf([point('2026-11-20T00:00:00Z', { total: 3, positive: 2, negative: 1, likes: 5, shares: 2, comments: 1 }), point(new Date(Date.parse('2026-11-20T00:00:00Z') + BUCKET_MS).toISOString(), { total: 1, negative: 1 })]);
    expect(t).toEqual({ total: 4, negative: 2, neutral: 0, positive: 2, crisis: 0, engagement: 8, nsi: 0 });
  });
});

describe('trendOf', () => {
  it('calls a change of more than 10 % up or down, smaller ones flat, and a first appearance new', () => {
    expect(trendOf(30, 20)).toEqual({ trend: 'up', changePct: 50 });
    expect(trendOf(10, 20)).toEqual({ trend: 'down', changePct: -50 });
    expect(trendOf(21, 20)).toEqual({ trend: 'flat', changePct: 5 });
    expect(trendOf(3, 2).trend).toBe('flat');
    expect(trendOf(5, 0)).toEqual({ trend: 'new', changePct: null });
  });
});

describe('topicRows', () => {
  it('compares each topic with the same topic of the same kind in the previous period', () => {
    const rows = topicRows(
      [{ topic: 'delivery', kind: 'keyword', negative: 12 }, { topic: 'mold', kind: 'crisis', negative: 4 }],
      [{ topic: 'delivery', kind: 'keyword', negative: 4 }, { topic: 'mold', kind: 'keyword', negative: 9 }],
    );
    expect(rows.map((r) => [r.topic, r.previousNegative, r.trend])).toEqual([['delivery', 4, 'up'], ['mold', 0, 'new']]);
  });
});

describe('shareOfVoice', () => {
  it('gives each brand its percentage of all mentions', () => {
    expect(shareOfVoice([{ brand: 'a', name: 'A', total: 3 }, { brand: 'b', name: 'B', total: 1 }]).map((r) => r.share)).toEqual([75, 25]);
    expect(shareOfVoice([{ brand: 'a', name: 'A', total: 0 }])[0]!.share).toBe(0);
  });
});
