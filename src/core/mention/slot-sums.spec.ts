import { describe, expect, it } from '@jest/globals';
import { BUCKET_MS, COUNTER_FIELDS } from './bucket.js';
import { SlotSums } from './slot-sums.js';

const T = Date.UTC(2026, 10, 20, 8);

describe('SlotSums', () => {
  it('sums runs per 5-minute slot from the bucket of `from` to `to`, zero-filled, with the counters in their order', () => {
    const s = new SlotSums(T + 60_000, T + 2 * BUCKET_MS + 1);
    s.add(T, [7, 1, 2, 3, 4, 5, 6, 7, 8, 9], 1, COUNTER_FIELDS.length);
    s.add(T, [2, 1, 0, 1], 0, 4, true);
    s.add(T + 2 * BUCKET_MS, [5, 3, 1, 1], 0, 4);
    const points = s.points();
    expect(points).toEqual([
      { start: T, total: 3, negative: 3, neutral: 3, positive: 5, crisis: 7, likes: 6, shares: 7, comments: 8, views: 9 },
      { start: T + BUCKET_MS, total: 0, negative: 0, neutral: 0, positive: 0, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 },
      { start: T + 2 * BUCKET_MS, total: 5, negative: 3, neutral: 1, positive: 1, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 },
    ]);
    expect(Object.keys(points[0]!)).toEqual(['start', ...COUNTER_FIELDS]);
  });

  it('leaves out a slot off the 5-minute grid, and gives no points for an empty range', () => {
    const s = new SlotSums(T, T + BUCKET_MS);
    s.add(T + 1_000, [1, 1, 1, 1], 0, 4);
    expect(s.points().map((p) => p.total)).toEqual([0]);
    expect(new SlotSums(T, T).points()).toEqual([]);
  });
});
