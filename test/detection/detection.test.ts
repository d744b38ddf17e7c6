import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ManualClock } from '../../src/platform/clock.js';
import { dailyCycleCounts } from '../../src/core/detection/test-series.js';
import type { BucketDeltas } from '../../src/core/mention/contribution.js';
import { DetectionService } from '../../src/detection/detection.service.js';
import { BucketsRepository } from '../../src/mentions/buckets.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { acmeBrand } from '../support/factories.js';

const BUCKET = 5 * 60_000;
const T0 = Date.parse('2026-11-20T08:00:00Z');
/** More than the replay window (replayDays()), so every pass sees a full history. */
const HISTORY_DAYS = 30;

/** Bucket documents as ingest writes them: brand × platform × 5-minute start, with ~10 % negatives. */
function bucketDocs(platform: string, points: { start: number; count: number }[]) {
  return points.map((p) => {
    const negative = Math.round(p.count * 0.1);
    return {
      _id: `acme|${platform}|${p.start}`, brand: 'acme', platform, start: new Date(p.start),
      total: p.count, negative, neutral: p.count - negative, positive: 0, crisis: 0, likes: 0, shares: 0, comments: 0, views: 0,
    };
  });
}

type BucketDoc = ReturnType<typeof bucketDocs>[number];

/** The same counters as one batch's deltas, written the way ingest writes them. */
function deltasOf(docs: BucketDoc[]): BucketDeltas {
  const d: BucketDeltas = { buckets: new Map(), topics: new Map() };
  for (const { _id, brand, platform, start, ...inc } of docs) d.buckets.set(_id, { brand, platform, start: start.getTime(), inc });
  return d;
}

describe('detection pass over the real database', () => {
  let t: TestApp;
  const write = (docs: BucketDoc[]) => t.app.get(BucketsRepository).apply(deltasOf(docs));
  let detection: DetectionService;
  let clock: ManualClock;
  /** What weibo would normally count in bucket k after T0 (the generator's continuation of the history). */
  let usualAfterT0: number[];
  /** Appends buckets at T0 + k·5 min for weibo with the given counts (douyin stays at its usual level). */
  const appendWeibo = async (fromBucket: number, counts: number[]) => {
    const pts = counts.map((count, k) => ({ start: T0 + (fromBucket + k) * BUCKET, count }));
    await write(bucketDocs('weibo', pts));
  };
  /** Moves the clock to the end of bucket k (after T0) and runs one pass. */
  const passAt = async (k: number) => {
    clock.set(T0 + (k + 1) * BUCKET);
    return detection.runDetection(clock.now());
  };

  beforeAll(async () => {
    t = await startTestApp({ label: 'detection', config: { brands: [acmeBrand] } });
    detection = t.app.get(DetectionService);
    clock = t.clock as ManualClock;
    const start = T0 - HISTORY_DAYS * 86_400_000;
    const weiboAll = dailyCycleCounts({ mean: 30, days: HISTORY_DAYS + 1, seed: 31, start });
    const weibo = weiboAll.filter((p) => p.start < T0);
    usualAfterT0 = weiboAll.filter((p) => p.start >= T0).map((p) => p.count);
    const douyin = dailyCycleCounts({ mean: 10, days: HISTORY_DAYS + 1, seed: 32, start });
    const docs = [...bucketDocs('weibo', weibo), ...bucketDocs('douyin', douyin)];
    for (let i = 0; i < docs.length; i += 500) await write(docs.slice(i, i + 500));
  }, 120_000);
  afterAll(async () => t.close());

  it('opens no signal over a normal daily cycle', async () => {
    for (let minutesBack = 6 * 60; minutesBack > 0; minutesBack -= 15) {
      clock.set(T0 - minutesBack * 60_000);
      expect(await detection.runDetection(clock.now())).toEqual([]);
    }
    expect(await detection.listSignals({ limit: 10 })).toEqual([]);
  }, 300_000);

  it('opens one signal for a planted surge, updates it while it lasts and closes it when it subsides', async () => {
    const usual = (k: number) => usualAfterT0[k]!;
    // ten times weibo's daily average of 30 per bucket, above anything in its two weeks of history
    await appendWeibo(0, [300]);
    const opened = await passAt(0);
    const brandSignal = opened.find((s) => s.kind === 'volume_surge' && !s.scope.platform && !s.scope.topic);
    expect(brandSignal).toMatchObject({ brand: 'acme', status: 'open', startedAt: new Date(T0 + BUCKET) });
    expect(opened.find((s) => s.kind === 'volume_surge' && s.scope.platform === 'weibo')).toMatchObject({ status: 'open' });
    expect(opened.filter((s) => s.scope.platform === 'douyin' || s.kind === 'negative_surge')).toEqual([]);

    await appendWeibo(1, [330]);
    const updated = await passAt(1);
    const same = updated.find((s) => s.key === brandSignal!.key);
    expect(same).toMatchObject({ status: 'open', lastSeenAt: new Date(T0 + 2 * BUCKET) });
    expect(same!.evidence.observed).toBeGreaterThan(same!.evidence.expected!);

    // back to normal: after 30 quiet minutes the signal closes
    let closed;
    for (let k = 2; k < 16 && !closed; k++) {
      await appendWeibo(k, [usual(k)]);
      closed = (await passAt(k)).find((s) => s.key === brandSignal!.key && s.status === 'closed');
    }
    expect(closed).toBeDefined();

    const stored = await (await t.request(`/api/v1/signals/${encodeURIComponent(brandSignal!.key)}`, { as: 'viewer' })).json();
    expect(stored).toMatchObject({ key: brandSignal!.key, status: 'closed' });
    expect(stored.history.length).toBeGreaterThanOrEqual(3);
    expect(stored.history[0].strength).toBeGreaterThanOrEqual(4);
    const brandSurges = (await detection.listSignals({ kind: 'volume_surge', limit: 100 })).filter((s) => !s.scope.platform && !s.scope.topic);
    expect(brandSurges).toHaveLength(1);
  }, 300_000);

  it('lists signals with filters through GET /api/v1/signals for a viewer', async () => {
    const all = (await (await t.request('/api/v1/signals?brand=acme', { as: 'viewer' })).json()) as Array<Record<string, unknown>>;
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect(all[0]).not.toHaveProperty('history');
    const weibo = (await (await t.request('/api/v1/signals?brand=acme&kind=volume_surge&status=closed', { as: 'viewer' })).json()) as Array<{ kind: string; status: string }>;
    expect(weibo.every((s) => s.kind === 'volume_surge' && s.status === 'closed')).toBe(true);
    const later = (await (await t.request('/api/v1/signals?since=2026-11-21T00:00:00Z', { as: 'viewer' })).json()) as unknown[];
    expect(later).toEqual([]);
    expect((await t.request('/api/v1/signals?kind=storm', { as: 'viewer' })).status).toBe(400);
    expect((await t.request('/api/v1/signals', { as: null })).status).toBe(401);
  });
});
