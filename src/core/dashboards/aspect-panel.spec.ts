import { describe, expect, it } from '@jest/globals';
import { worseningAspects } from './aspect-panel.js';

const counts = (total: number, negative: number) => ({ total, negative, neutral: 0, positive: total - negative });

describe(worseningAspects.name, () => {
  const now = new Map([['taste', counts(10, 6)], ['delivery', counts(20, 4)], ['price', counts(5, 1)], ['packaging', counts(4, 2)]]);
  const before = new Map([['taste', counts(10, 1)], ['delivery', counts(10, 5)], ['price', counts(10, 2)]]);

  it('ranks aspects by how far their negative share rose (in points), new aspects last', () => {
    expect(worseningAspects(now, before, 10).map((r) => [r.aspect, r.share, r.previousShare, r.change])).toEqual([
      ['taste', 60, 10, 50],
      ['price', 20, 20, 0],
      ['delivery', 20, 50, -30],
      ['packaging', 50, null, null],
    ]);
  });

  it('keeps the counts behind each share, and at most `limit` rows', () => {
    expect(worseningAspects(now, before, 1)).toEqual([
      { aspect: 'taste', total: 10, negative: 6, share: 60, previousTotal: 10, previousNegative: 1, previousShare: 10, change: 50 },
    ]);
  });
});
