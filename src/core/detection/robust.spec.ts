import { describe, expect, it } from '@jest/globals';
import { quantileSorted, Ring, robustScale, SlidingMax, winsorisedMean } from './robust.js';
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

  it('winsorisedMean caps at the interpolated quantile of the values, as sorting them does', () => {
    const rand = seededRandom(9);
    for (const n of [1, 2, 5, 91, 92]) {
      const values = Array.from({ length: n }, () => Math.floor(rand() * 8) + (rand() < 0.2 ? rand() : 0));
      const sorted = [...values].sort((a, b) => a - b);
      const cap = quantileSorted(sorted, 0.8);
      expect(winsorisedMean(values, 0.8)).toBe(values.reduce((s, v) => s + Math.min(v, cap), 0) / n);
    }
  });

  it('robustScale of a ring is that of its values, before and after it wraps around', () => {
    const rand = seededRandom(11);
    const ring = new Ring(64);
    for (let i = 0; i < 150; i++) {
      ring.push(rand() * 2 - 1);
      const values = Array.from({ length: ring.length }, (_, k) => ring.ago(ring.length - k)!);
      const abs = values.map(Math.abs).sort((a, b) => a - b);
      expect(robustScale(ring)).toBe(1.4826 * ((abs[(abs.length - 1) >> 1]! + abs[abs.length >> 1]!) / 2));
      expect(robustScale(values)).toBe(robustScale(ring));
    }
  });

  it('Ring.agoInto copies values going back in time, across the wrap', () => {
    const ring = new Ring(5);
    for (let v = 1; v <= 8; v++) ring.push(v);
    const out = new Float64Array(4);
    ring.agoInto(2, 3, out, 1);
    expect([...out]).toEqual([0, 7, 6, 5]);
  });

  it('quantileSorted interpolates between ranks', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([], 0.5)).toBe(0);
  });
});
