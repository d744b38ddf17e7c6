import { describe, expect, it } from '@jest/globals';
import { SnapshotCache } from './snapshot-cache.js';

describe(SnapshotCache.name, () => {
  const counter = () => {
    let n = 0;
    return { compute: async () => ++n, calls: () => n };
  };

  it('serves the last value within its age, then the old value while one refresh runs', async () => {
    const c = counter();
    const cache = new SnapshotCache<number>(30_000, () => undefined);
    expect(await cache.get('k', 0, c.compute)).toBe(1);
    expect(await cache.get('k', 29_000, c.compute)).toBe(1);
    expect(c.calls()).toBe(1);
    const [a, b] = [cache.get('k', 31_000, c.compute), cache.get('k', 31_500, c.compute)];
    expect([await a, await b]).toEqual([1, 1]);
    await new Promise((r) => setImmediate(r));
    expect(c.calls()).toBe(2);
    expect(await cache.get('k', 32_000, c.compute)).toBe(2);
    expect(await cache.get('k', 60_000, c.compute)).toBe(2);
  });

  it('makes the caller wait when the value is far too old, and computes every time with age 0', async () => {
    const c = counter();
    const cache = new SnapshotCache<number>(30_000, () => undefined);
    await cache.get('k', 0, c.compute);
    expect(await cache.get('k', 301_000, c.compute)).toBe(2);
    const off = new SnapshotCache<number>(0, () => undefined);
    await off.get('k', 0, c.compute);
    expect(await off.get('k', 0, c.compute)).toBe(4);
  });

  it('computes ahead of requests only what is missing or has used most of its age', async () => {
    const c = counter();
    const cache = new SnapshotCache<number>(30_000, () => undefined);
    expect(await cache.refresh('k', 0, c.compute)).toBe(true);
    expect(await cache.refresh('k', 20_000, c.compute)).toBe(false);
    expect(await cache.refresh('k', 25_000, c.compute)).toBe(true);
    expect(await cache.get('k', 50_000, c.compute)).toBe(2);
    expect(c.calls()).toBe(2);
  });

  it('reports a failed background refresh and keeps serving the old value', async () => {
    const errors: string[] = [];
    const cache = new SnapshotCache<number>(1000, (key) => errors.push(key));
    await cache.get('k', 0, async () => 7);
    expect(await cache.get('k', 2000, async () => { throw new Error('db down'); })).toBe(7);
    await new Promise((r) => setImmediate(r));
    expect(errors).toEqual(['k']);
    expect(await cache.get('k', 2500, async () => 8)).toBe(7);
  });
});
