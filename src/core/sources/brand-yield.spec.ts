import { describe, expect, it } from '@jest/globals';
import { brandPlatformHealth, observeBrandYields, type BrandYield } from './brand-yield.js';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 2, 2);
const SCHEDULE = 15 * 60_000;

/** A source run every 15 minutes for `count` runs, seeing `items(i)` per brand at run i. */
function runs(count: number, items: (i: number) => Record<string, number>, start: BrandYield[] = []): BrandYield[] {
  let yields = start;
  for (let i = 0; i < count; i++) yields = observeBrandYields(yields, items(i), { at: new Date(T0 + i * SCHEDULE) });
  return yields;
}

const source = (name: string, brandYields: BrandYield[], extra: { gapSince?: Date } = {}) => ({ source: name, platform: 'jd', runIntervalMs: SCHEDULE, brandYields, ...extra });

describe(observeBrandYields.name, () => {
  it('learns per brand what a run usually yields for it, keeping brands the run did not collect', () => {
    const yields = runs(20, (i): Record<string, number> => (i < 10 ? { acme: 20, beta: 4 } : { acme: 20 }));
    expect(yields.map((y) => [y.brand, Math.round(y.expectedYield), y.goodRuns])).toEqual([['acme', 20, 20], ['beta', 4, 10]]);
  });

  it('says why a brand is not collected as usual while the source still yields for others', () => {
    const yields = runs(20, (i) => ({ acme: 20, beta: i < 10 ? 4 : 0 }));
    expect(yields.find((y) => y.brand === 'beta')).toMatchObject({ lastYield: 0, degradedReason: 'yielded 0 items, usually 4', lastGoodAt: new Date(T0 + 9 * SCHEDULE) });
    expect(yields.find((y) => y.brand === 'acme')!.degradedReason).toBeUndefined();
  });
});

describe(brandPlatformHealth.name, () => {
  it('adds up the sources collecting a platform for a brand, in items per hour', () => {
    const a = runs(10, () => ({ acme: 20 }));
    const b = runs(10, () => ({ acme: 5, beta: 2 }));
    const now = new Date(T0 + 10 * SCHEDULE);
    expect(brandPlatformHealth([source('jd-reviews', a), source('jd-search', b)], now)).toEqual([
      { brand: 'acme', platform: 'jd', sources: ['jd-reviews', 'jd-search'], status: 'ok', expectedPerHour: 100, lastPerHour: 100, lastGoodAt: new Date(T0 + 9 * SCHEDULE) },
      { brand: 'beta', platform: 'jd', sources: ['jd-search'], status: 'ok', expectedPerHour: 8, lastPerHour: 8, lastGoodAt: new Date(T0 + 9 * SCHEDULE) },
    ]);
  });

  it('marks a brand degraded once no source has yielded for it for longer than the schedule allows, and learning before its usual is known', () => {
    const quiet = runs(20, (i) => ({ acme: 20, beta: i < 10 ? 4 : 0 }));
    const fresh = runs(2, () => ({ gamma: 3 }));
    const health = brandPlatformHealth([source('jd-search', quiet), source('jd-new', fresh)], new Date(T0 + 19 * SCHEDULE));
    expect(health.map((h) => [h.brand, h.status])).toEqual([['acme', 'ok'], ['beta', 'degraded'], ['gamma', 'learning']]);
    expect(health[1]).toMatchObject({ expectedPerHour: 16, lastPerHour: 0, degradedReason: 'jd-search: yielded 0 items, usually 4' });
  });

  it('shows every brand of a source in a collection gap as in the gap', () => {
    const yields = runs(10, () => ({ acme: 20 }));
    const [acme] = brandPlatformHealth([source('jd-reviews', yields, { gapSince: new Date(T0 + 9 * SCHEDULE) })], new Date(T0 + 2 * HOUR));
    expect(acme!.status).toBe('gap');
  });
});
