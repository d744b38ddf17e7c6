import { describe, expect, it } from '@jest/globals';
import { BUCKET_MS, emptyCounts, type BucketPoint } from '../mention/bucket.js';
import { latestReadings, markGaps, SettledReplay } from './bucket-readings.js';
import { dailyCycleCounts } from './test-series.js';

const HOUR = 60 * 60_000;

describe(SettledReplay.name, () => {
  it('gives, pass after pass, the readings a full replay of the window gives', () => {
    const series: BucketPoint[] = dailyCycleCounts({ mean: 30, days: 4, seed: 13 }).map((p, i) => {
      const total = i >= 3 * 288 + 200 && i < 3 * 288 + 210 ? p.count * 6 : p.count;
      return { start: p.start, ...emptyCounts(), total, negative: Math.round(total * (i > 3 * 288 + 205 ? 0.5 : 0.1)) };
    });
    for (const kind of ['volume_surge', 'negative_surge'] as const) {
      const replay = new SettledReplay(kind, series[0]!.start);
      for (let end = 3 * 288 + 190; end < 3 * 288 + 230; end += 3) {
        const window = series.slice(0, end);
        const now = new Date(window[window.length - 1]!.start + BUCKET_MS / 2);
        const settledBefore = window[window.length - 1]!.start + BUCKET_MS - HOUR;
        expect(replay.readings(window, settledBefore, now)).toEqual(latestReadings(window, kind, now));
      }
    }
  });
});

describe(markGaps.name, () => {
  it('marks the buckets a collection gap overlaps, an open gap up to now', () => {
    const t0 = Date.UTC(2026, 2, 2);
    const points: BucketPoint[] = [0, 1, 2, 3, 4].map((k) => ({ start: t0 + k * BUCKET_MS, ...emptyCounts() }));
    const at = (k: number) => new Date(t0 + k * BUCKET_MS);
    expect(markGaps(points, [{ since: at(1), until: at(2) }], at(5)).map((p) => !!p.gap)).toEqual([false, true, false, false, false]);
    expect(markGaps(points, [{ since: at(2.5) }], at(4)).map((p) => !!p.gap)).toEqual([false, false, true, true, false]);
  });
});
