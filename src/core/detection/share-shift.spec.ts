import { describe, expect, it } from '@jest/globals';
import { NegativeSurgeDetector } from './negative-surge.js';
import { dailyCycleCounts, seededRandom } from './test-series.js';

const PER_HOUR = 12;
const BURN_AT = 9 * 288 + 6 * PER_HOUR;

/**
 * A marketplace brand with ~20 mentions an hour, 5 % negative, for ten days. With `burn`, from 06:00 on day 9
 * one-star reviews creep from 1 to 8 an hour over 12 hours, taking the place of ordinary reviews (volume flat).
 * Returns the buckets (from the first after warm-up) at which the negative-surge detector triggered.
 */
function triggersOn(burn: boolean, seed = 5): number[] {
  const rand = seededRandom(seed);
  const d = new NegativeSurgeDetector();
  const fired: number[] = [];
  dailyCycleCounts({ mean: 20 / PER_HOUR, days: 10, seed }).forEach((p, i) => {
    let negative = 0;
    for (let k = 0; k < p.count; k++) if (rand() < 0.05) negative++;
    const hours = (i - BURN_AT) / PER_HOUR;
    if (burn && hours >= 0 && hours < 12) {
      const perBucket = (1 + (7 * hours) / 12) / PER_HOUR;
      negative = Math.max(negative, rand() < perBucket - Math.floor(perBucket) ? Math.ceil(perBucket) : Math.floor(perBucket));
    }
    if (d.push(Math.max(p.count, negative), negative).triggered) fired.push(i);
  });
  return fired;
}

describe('negative surge: the slow burn (share shift)', () => {
  it('fires within 10 hours when one-star reviews creep from 1 to 8 an hour while volume stays flat', () => {
    const first = triggersOn(true).find((i) => i >= BURN_AT);
    expect(first).toBeDefined();
    expect((first! - BURN_AT) / PER_HOUR).toBeLessThan(10);
  });

  it('stays quiet on ordinary days of the same brand', () => {
    for (const seed of [5, 6, 7]) expect(triggersOn(false, seed)).toEqual([]);
  });
});
