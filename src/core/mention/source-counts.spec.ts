import { describe, expect, it } from '@jest/globals';
import { mergeSourceCounts, sourceCountsOf, sourceTotals } from './source-counts.js';

const at = (iso: string) => new Date(iso);
const DAY = Date.parse('2026-03-02T00:00:00Z');

describe('source counts', () => {
  it('counts a batch per brand, day, source and hour, leaving out mentions without a source', () => {
    const out = sourceCountsOf([
      { brand: 'acme', source: 'weibo-search', publishedAt: at('2026-03-02T09:10:00Z') },
      { brand: 'acme', source: 'weibo-search', publishedAt: at('2026-03-02T09:50:00Z') },
      { brand: 'acme', source: 'douyin-hot', publishedAt: at('2026-03-02T11:00:00Z') },
      { brand: 'acme', publishedAt: at('2026-03-02T11:00:00Z') },
      { brand: 'acme', source: 'weibo-search', publishedAt: at('2026-03-03T01:00:00Z') },
    ]);
    expect(out).toEqual([
      { brand: 'acme', day: DAY, counts: { 'weibo-search': [9, 2], 'douyin-hot': [11, 1] } },
      { brand: 'acme', day: DAY + 86_400_000, counts: { 'weibo-search': [1, 1] } },
    ]);
  });

  it('adds payloads hour by hour and totals the hours a range overlaps', () => {
    const merged = mergeSourceCounts([{ a: [9, 2, 11, 1] }, { a: [9, 1], b: [10, 4] }]);
    expect(merged).toEqual({ a: [9, 3, 11, 1], b: [10, 4] });
    const days = [{ day: DAY, counts: merged }];
    expect(sourceTotals(days, DAY + 9.5 * 3_600_000, DAY + 11 * 3_600_000)).toEqual({ a: 3, b: 4 });
    expect(sourceTotals(days, DAY + 12 * 3_600_000, DAY + 24 * 3_600_000)).toEqual({});
  });
});
