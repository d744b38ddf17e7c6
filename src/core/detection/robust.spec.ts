import { describe, expect, it } from '@jest/globals';
import { quantileSorted, Ring, robustScale, robustScaleNear, SlidingMax, type MadBand } from './robust.js';
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

  it('robustScale estimates a normal standard deviation from the median absolute residual', () => {
    expect(robustScale([-2, -1, 0, 1, 2])).toBeCloseTo(1.4826, 4);
    expect(robustScale([-1, 1, 50, -1, 1, 1])).toBeCloseTo(1.4826, 4);
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

  it('robustScaleNear, refitted every 72 pushes with the band of its last fit, gives robustScale to the last bit', () => {
    for (const seed of [1, 2, 3]) {
      const rand = seededRandom(seed);
      const ring = new Ring(2016);
      let band: MadBand | undefined;
      for (let i = 0; i < 12_000; i++) {
        // Sparse series (many equal residuals), smooth ones, and level jumps that move the median out of the band.
        const level = Math.floor(i / 3000) % 2 ? 3 : 0;
        ring.push(seed === 1 ? Math.log((Math.floor(rand() * 2) + 1) / 1.3) : level + (rand() * 2 - 1) * (1 + Math.floor(i / 4000)));
        if (i % 72 === 0) {
          const fit = robustScaleNear(ring, band);
          expect(fit.scale).toBe(robustScale(ring));
          band = fit.band;
        }
      }
    }
    expect(robustScaleNear(new Ring(4), undefined)).toEqual({ scale: 0, band: undefined });
  });

  it('quantileSorted interpolates between ranks', () => {
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
    expect(quantileSorted([], 0.5)).toBe(0);
  });
});
