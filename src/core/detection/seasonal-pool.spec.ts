import { describe, expect, it } from '@jest/globals';
import { quantileSorted, Ring } from './robust.js';
import { SeasonalPool } from './seasonal-pool.js';
import { seededRandom } from './test-series.js';
import { VolumeSurgeDetector } from './volume-surge.js';

/** The reference: the mean of `values` clipped at their `q` quantile, summed in their own order. */
function winsorisedMean(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const cap = quantileSorted([...values].sort((a, b) => a - b), q);
  return values.reduce((sum, v) => sum + Math.min(v, cap), 0) / values.length;
}

/** The reference pool: the same time of day (± half) on each past day the history reaches back over, newest first. */
function poolOf(values: Ring, perDay: number, half: number, maxDays: number): number[] {
  const pool: number[] = [];
  for (let d = 1; d <= maxDays && values.ago(d * perDay + half) !== undefined; d++) {
    for (let back = d * perDay - half; back <= d * perDay + half; back++) pool.push(values.ago(back)!);
  }
  return pool;
}

/** Counts of a few sizes, now and then a fraction (a gap's expectation, a backlog taken off) or a huge value. */
function randomCount(rand: () => number): number {
  const r = rand();
  const base = r < 0.3 ? 0 : r < 0.8 ? Math.floor(rand() * 6) : Math.floor(rand() * 400);
  return rand() < 0.02 ? base + rand() : rand() < 0.001 ? 2 ** 45 : base;
}

describe(SeasonalPool.name, () => {
  it('gives, push after push, the winsorised mean of the pool in time order, to the last bit', () => {
    const [perDay, half, maxDays] = [24, 2, 4];
    for (const seed of [1, 2, 3]) {
      const rand = seededRandom(seed);
      const values = new Ring(maxDays * perDay + half + 1);
      let pool = new SeasonalPool(perDay, half, maxDays);
      for (let i = 0; i < 12 * perDay; i++) {
        const reference = poolOf(values, perDay, half, maxDays);
        expect(pool.dayCount * (2 * half + 1)).toBe(reference.length);
        for (const q of [0.8, 0.5, 1]) expect(pool.winsorisedMean(values, q)).toBe(winsorisedMean(reference, q));
        // Rebuilt from the history alone (a restored checkpoint) it is the same pool, and carries on as one; a clone is independent.
        if (i % 37 === 0) expect(SeasonalPool.of(values, perDay, half, maxDays).winsorisedMean(values, 0.8)).toBe(winsorisedMean(reference, 0.8));
        if (i % 41 === 0) pool.clone().push(values.clone(), 1e6);
        if (i % 101 === 0) pool = SeasonalPool.of(values, perDay, half, maxDays);
        pool.push(values, randomCount(rand));
      }
    }
  });

  it('caps a spike at the quantile but keeps a sparse series above zero', () => {
    const meanOf = (xs: number[], q: number) => {
      const values = new Ring(xs.length + 1);
      const pool = new SeasonalPool(1, 0, xs.length);
      for (const x of [...xs].reverse()) pool.push(values, x);
      return pool.winsorisedMean(values, q);
    };
    expect(meanOf([...Array<number>(19).fill(1), 1000], 0.9)).toBe(1);
    expect(meanOf([0, 0, 0, 0, 1, 0, 0, 1, 0, 0], 0.9)).toBeGreaterThan(0);
  });
});

describe('Ring sums', () => {
  it('sumAgo and sumCapped add the values going back in time, in the order a loop over ago() does', () => {
    const rand = seededRandom(5);
    const ring = new Ring(50);
    for (let i = 0; i < 130; i++) {
      ring.push(rand() < 0.5 ? Math.floor(rand() * 9) : rand() * 9);
      for (const [back, count] of [[1, 10], [7, 50], [3, 0], [40, 20], [ring.length, 1]] as const) {
        let plain = 0.1;
        let capped = 0.1;
        for (let b = back; b < back + count && b <= ring.length; b++) {
          plain += ring.ago(b)!;
          capped += Math.min(ring.ago(b)!, 4.5);
        }
        expect(ring.sumAgo(back, count, 0.1)).toBe(plain);
        if (back + count - 1 <= ring.length) expect(ring.sumCapped(back, count, 4.5, 0.1)).toBe(capped);
      }
    }
  });
});

describe('VolumeSurgeDetector state derived from its history', () => {
  it('restored at any bucket (mid-surge, after a gap, fractional counts), continues as the detector that never stopped', () => {
    const rand = seededRandom(17);
    const straight = new VolumeSurgeDetector();
    let restored: VolumeSurgeDetector | undefined;
    for (let i = 0; i < 12 * 288; i++) {
      const gap = i % 2000 > 1960;
      const count = (i % 288 > 200 && i % 288 < 215 && i > 9 * 288 ? 60 : 3) + Math.floor(rand() * 4) + (rand() < 0.01 ? rand() : 0);
      const a = gap ? straight.pushGap() : straight.push(count);
      if (restored) expect(gap ? restored.pushGap() : restored.push(count)).toEqual(a);
      if (i % 151 === 0) restored = new VolumeSurgeDetector().restored(JSON.parse(JSON.stringify(straight.state())) as ReturnType<VolumeSurgeDetector['state']>);
    }
    expect(straight.state()).toEqual(restored!.state());
  });
});
