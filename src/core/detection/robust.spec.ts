import { describe, expect, it } from '@jest/globals';
import { quantileSorted, robustScale, SlidingMax, winsorisedMean } from './robust.js';
import { seededRandom } from './test-series.js';

describe('robust statistics', () => {
  it('SlidingMax gives the maximum of the previous window, as a brute-force scan does', () => {
    const rand = seededRandom(4);
    const values = Array.from({ length: 2000 }, () => Math.floor(rand() * 100));
    const m = new SlidingMax(37);
    values.forEach((v, i) => {
      const window = values.slice(Math.max(0, i - 37), i);
      expect(m.maxThenPush(v)).toBe(window.length ? Math.max(...window) : -Infinity);
    });
  });

  it('winsorisedMean caps a spike at the quantile but keeps a sparse series above zero', () => {
    expect(winsorisedMean([...Array<number>(19).fill(1), 1000], 0.9)).toBe(1);
    expect(winsorisedMean([0, 0, 0, 0, 1, 0, 0, 1, 0, 0], 0.9)).toBeGreaterThan(0);
  });

  it('robustScale estimates a normal standard deviation from the median absolute residual', () => {
    expect(robustScale([-2, -1, 0, 1, 2])).toBeCloseTo(1.4826, 4);
    expect(robustScale([-1, 1, 50, -1, 1, 1])).toBeCloseTo(1.4826, 4);
  });

  it('quantileSorted interpolates between ranks', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([], 0.5)).toBe(0);
  });
});
