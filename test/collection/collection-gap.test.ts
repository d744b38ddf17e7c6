import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { dailyCycleCounts } from '../../src/core/detection/test-series.js';
import type { BucketDeltas } from '../../src/core/mention/contribution.js';
import { CollectionHealthService } from '../../src/collection/collection-health.service.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import type { ManualClock } from '../../src/platform/clock.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

const BUCKET = 5 * 60_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2026-11-20T08:00:00Z');
const SOURCE = 'jd-reviews';

/** Counter-ledger deltas for jd buckets of acme, ~5 % negative, written the way ingest writes them. */
function deltas(points: { start: number; count: number }[]): BucketDeltas {
  const d: BucketDeltas = { buckets: new Map(), topics: new Map() };
  for (const p of points) {
    const negative = Math.round(p.count * 0.05);
    d.buckets.set(`acme|jd|${p.start}`, { brand: 'acme', platform: 'jd', start: p.start, inc: { total: p.count, negative, neutral: p.count - negative, positive: 0, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0 } });
  }
  return d;
}

describe('a source that goes silent for six hours, then returns its backlog', () => {
  let t: TestApp;
  let clock: ManualClock;
  const opened: { kind: string; at: number }[] = [];
  let usual: { start: number; count: number }[];

  const run = (at: number, items: number) => t.app.get(CollectionHealthService).afterRun(SOURCE, 'jd', ['acme'], { at: new Date(at), items });
  const pass = async (at: number) => {
    clock.set(at);
    for (const s of await t.app.get(DetectionService).runDetection(new Date(at))) {
      if (s.startedAt.getTime() === s.lastSeenAt.getTime() && s.status === 'open') opened.push({ kind: s.kind, at: (at - T0) / HOUR });
    }
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'collection-gap', config: { brands: [acmeBrand] } });
    clock = t.clock as ManualClock;
    const start = T0 - 10 * 86_400_000;
    const all = dailyCycleCounts({ mean: 20, days: 11, seed: 41, start });
    usual = all.filter((p) => p.start >= T0);
    const history = all.filter((p) => p.start < T0);
    for (let i = 0; i < history.length; i += 500) await t.app.get(BucketsRepository).apply(deltas(history.slice(i, i + 500)));
    // The source ran every 15 minutes for the last three hours, seeing ~20 reviews a run.
    for (let at = T0 - 3 * HOUR; at < T0; at += 15 * 60_000) await run(at, 20);
  }, 300_000);
  afterAll(async () => t.close());

  it('opens one collection gap, no surge, and closes the gap when the backlog arrives', async () => {
    for (let at = T0 + 15 * 60_000; at <= T0 + 6 * HOUR; at += 15 * 60_000) {
      await run(at, 0);
      if (at % HOUR === 0) await pass(at);
    }
    expect(opened).toEqual([{ kind: 'collection_gap', at: 1 }]);
    const gaps = await t.connection.collection('collection_gaps').find().toArray();
    expect(gaps).toMatchObject([{ source: SOURCE, platform: 'jd', brands: ['acme'], since: new Date(T0 - 15 * 60_000), reason: 'yielded 0 items, usually 20' }]);

    // Six hours of reviews arrive in the next half hour, stamped as they arrive.
    const backlog = usual.filter((p) => p.start < T0 + 6 * HOUR).reduce((s, p) => s + p.count, 0);
    const after = usual.filter((p) => p.start >= T0 + 6 * HOUR && p.start < T0 + 7 * HOUR);
    const refill = after.map((p, k) => ({ ...p, count: p.count + (k < 6 ? Math.round(backlog / 6) : 0) }));
    for (const [k, p] of refill.entries()) {
      await t.app.get(BucketsRepository).apply(deltas([p]));
      if (k === 0) await run(p.start + BUCKET, backlog);
      await pass(p.start + BUCKET);
    }
    expect(opened).toEqual([{ kind: 'collection_gap', at: 1 }]);
    const closed = await t.connection.collection('collection_gaps').findOne({ source: SOURCE });
    expect(closed).toMatchObject({ until: new Date(T0 + 6 * HOUR + BUCKET) });
    const [gapSignal] = await t.app.get(DetectionService).listSignals({ kind: 'collection_gap', limit: 1 });
    expect(gapSignal).toMatchObject({ status: 'closed', scope: { platform: 'jd' }, evidence: { source: SOURCE, reason: 'yielded 0 items, usually 20' } });
  }, 600_000);
});

describe('a source that stops running altogether', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'collection-stopped', config: { brands: [acmeBrand] } });
  }, 120_000);
  afterAll(async () => t.close());

  it('opens a gap once its schedule allowance has passed without any run, and the health API shows it', async () => {
    const last = T0 - HOUR;
    for (let at = last - 5 * 15 * 60_000; at <= last; at += 15 * 60_000) await t.app.get(CollectionHealthService).afterRun('weibo-search', 'weibo', ['acme'], { at: new Date(at), items: 12 });
    expect(await t.app.get(DetectionService).runDetection(new Date(last + 55 * 60_000))).toEqual([]);
    const [signal] = await t.app.get(DetectionService).runDetection(new Date(last + 65 * 60_000));
    expect(signal).toMatchObject({ kind: 'collection_gap', status: 'open', scope: { platform: 'weibo' }, evidence: { source: 'weibo-search', reason: `no run since ${new Date(last).toISOString()}` } });
    const res = await t.request('/api/v1/collection/health', { as: 'viewer' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { sources: unknown[] }).sources).toMatchObject([{ source: 'weibo-search', status: 'gap', brands: ['acme'], expectedYield: 12, runIntervalMinutes: 15, gapSince: new Date(last).toISOString() }]);
  }, 120_000);
});

describe('collection health per brand × platform', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ label: 'collection-brand-yield', config: { brands: [acmeBrand, { id: 'beta', name: 'Beta', keywords: ['Beta'] }] } as never });
  }, 120_000);
  afterAll(async () => t.close());

  it('learns what each source usually collects per brand, and shows a brand whose query went blind while the source still yields', async () => {
    const health = t.app.get(CollectionHealthService);
    // weibo-search runs every 15 minutes for acme and beta; after two hours beta's search comes back empty.
    for (let k = 0; k <= 16; k++) {
      const at = new Date(T0 + k * 15 * 60_000);
      const beta = k < 8 ? 6 : 0;
      await health.afterRun('weibo-search', 'weibo', ['acme', 'beta'], { at, items: 30 + beta }, { acme: 30, beta });
    }
    for (let k = 0; k <= 16; k++) await health.afterRun('weibo-hot', 'weibo', ['acme'], { at: new Date(T0 + k * 15 * 60_000 + 60_000), items: 10 });
    (t.clock as ManualClock).set(T0 + 4 * HOUR + 5 * 60_000);
    const res = await t.request('/api/v1/collection/health', { as: 'viewer' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sources: { source: string; status: string }[]; brandPlatforms: unknown[] };
    expect(body.sources.map((s) => [s.source, s.status])).toEqual([['weibo-hot', 'ok'], ['weibo-search', 'ok']]);
    expect(body.brandPlatforms).toEqual([
      { brand: 'acme', platform: 'weibo', sources: ['weibo-hot', 'weibo-search'], status: 'ok', expectedPerHour: 160, lastPerHour: 160, lastGoodAt: new Date(T0 + 4 * HOUR + 60_000).toISOString() },
      { brand: 'beta', platform: 'weibo', sources: ['weibo-search'], status: 'degraded', expectedPerHour: 24, lastPerHour: 0, lastGoodAt: new Date(T0 + 105 * 60_000).toISOString(), degradedReason: 'weibo-search: yielded 0 items, usually 6' },
    ]);
  }, 120_000);
});
